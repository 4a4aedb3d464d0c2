"""Accounts: login, logout, password change, bearer tokens for the API."""
from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("auth", __name__)


def init_app(app: Flask) -> None:
    from app.auth import routes, service  # noqa: F401 - registers views and loaders
    service.init_login(app)
    app.register_blueprint(bp)
