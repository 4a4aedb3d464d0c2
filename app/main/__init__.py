"""Landing pages: the tenant chooser and each tenant's home."""
from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("main", __name__)


def init_app(app: Flask) -> None:
    from app.main import routes  # noqa: F401
    app.register_blueprint(bp)
