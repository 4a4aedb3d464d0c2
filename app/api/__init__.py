"""JSON API under /api/v1: bearer-token or session auth, OpenAPI document.

Each feature owns the blueprint of its API routes (`<feature>/api.py`); the
factory hands them to `init_app`, which nests them under one `api` blueprint
made for this app, so every API endpoint is named `api.<feature>.<view>`.
"""
from __future__ import annotations

from collections.abc import Iterable

from flask import Blueprint, Flask, g, request
from flask_login import current_user

from app.extensions import csrf


def _csrf_for_sessions() -> None:
    """Token clients need no CSRF token; a browser session writing to the API does."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    if current_user.is_authenticated and not g.get("auth_via_token"):
        csrf.protect()


def init_app(app: Flask, *, blueprints: Iterable[Blueprint]) -> None:
    """Register the API: the given feature blueprints under /api/v1, CSRF as above."""
    api = Blueprint("api", __name__, url_prefix="/api/v1")
    api.before_request(_csrf_for_sessions)
    for child in blueprints:
        api.register_blueprint(child)
        csrf.exempt(child)
    csrf.exempt(api)
    app.register_blueprint(api)
