"""The alliance network: municipalities, zones, schools, partners, alliances, contributions,
measures and stage assessments (services in app.network.service, JSON API in api.py)."""
from __future__ import annotations

from flask import Flask

# Imported with the package, so the API routes join app.api.bp before it is registered.
from app.network import api  # noqa: E402, F401


def init_app(app: Flask) -> None:
    """Nothing to register beyond the API routes (added on import); pages add their own."""
    from app.network import (
        demo,  # noqa: F401 - registers the demo network's seed step
        views,  # the web pages (app/network/views/)
    )
    views.init_app(app)
