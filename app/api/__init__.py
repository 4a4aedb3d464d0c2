"""JSON API under /api/v1: bearer-token or session auth, OpenAPI document."""
from __future__ import annotations

from flask import Blueprint, Flask, g, request
from flask_login import current_user

from app.extensions import csrf

bp = Blueprint("api", __name__, url_prefix="/api/v1")


@bp.before_request
def _csrf_for_sessions() -> None:
    """Token clients need no CSRF token; a browser session writing to the API does."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    if current_user.is_authenticated and not g.get("auth_via_token"):
        csrf.protect()


def init_app(app: Flask) -> None:
    from app.api import routes  # noqa: F401
    csrf.exempt(bp)
    app.register_blueprint(bp)
