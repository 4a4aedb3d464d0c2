"""Accounts: login, logout, password change, bearer tokens for the API; a programme's
members and invitations; the platform admin's programmes.

The factory registers this feature's parts: `init_app` (pages, login loaders,
navigation); its token and member endpoints (`app.auth.api.bp`) go under the API."""
from __future__ import annotations

from flask import Blueprint, Flask
from flask_babel import lazy_gettext as _l

from app import navigation

bp = Blueprint("auth", __name__)


def init_app(app: Flask) -> None:
    # The page modules add their routes to `bp` above, so they load after it exists.
    from app.auth import (  # noqa: F401 - registers views and loaders
        account_pages,
        link_pages,
        members,
        programme_pages,
        routes,
        service,
    )
    service.init_login(app)
    app.register_blueprint(bp)
    navigation.register(app, label=_l("Users"), endpoint="auth.members",
                        permission="users.manage", group=navigation.Group.ADMIN,
                        hint=_l("Who holds which role in this programme"), order=90)
