"""Accounts: login, logout, password change, bearer tokens for the API."""
from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("auth", __name__)

# Imported with the package, so the API routes join app.api.bp before it is registered.
from app.auth import api  # noqa: E402, F401


def init_app(app: Flask) -> None:
    from app import navigation
    from app.auth import (  # noqa: F401 - registers views and loaders
        account_pages,
        members,
        routes,
        service,
    )
    service.init_login(app)
    app.register_blueprint(bp)
    navigation.register(label="Users", endpoint="auth.members", permission="users.manage",
                        hint="Who holds which role in this programme", order=90)
