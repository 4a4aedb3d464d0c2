"""The network's web pages, per role: thin routes over app.network.service.

Coordinators get the programme overview and list/detail/create/edit/archive pages for
every entity, the audit log and the network view; partner, municipality and school
users get their own pages ("My alliances", "My municipality", "My school") and the
shared map of the programme. Every route is a tenant route asking for one permission;
the services decide what a scoped user may see or change.
"""
from __future__ import annotations

from flask import Blueprint, Flask

from app import navigation

bp = Blueprint("network", __name__)

from app.network.views import (  # noqa: E402, F401 - registers the routes on bp
    alliances,
    assessments,
    audit,
    contributions,
    measures,
    network_view,
    overview,
    partners,
    schools,
    territory,
)
from app.network.views.page_helpers import NAVIGATION  # noqa: E402


def init_app(app: Flask) -> None:
    """Register the pages' blueprint and their navigation links."""
    app.register_blueprint(bp)
    for item in NAVIGATION:
        navigation.register(app, **item)
