"""Landing pages: the tenant chooser and each tenant's home."""
from __future__ import annotations

from flask import Flask

from app.main.routes import bp


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
