"""The alliance network: municipalities, zones, schools, partners, alliances, contributions,
measures and stage assessments (services in app.network.service, JSON API in api.py).

The factory registers this feature's parts: `init_app` (pages, navigation, the demo
seed step) and `api_bp` (under the API)."""
from __future__ import annotations

from flask import Flask

from app.demo import add_seed_step
from app.network import views
from app.network.api import bp as api_bp

__all__ = ["api_bp", "init_app"]


def init_app(app: Flask) -> None:
    """Register the pages and the demo programme's network seed step."""
    # The demo network is built with the import kinds, and app.imports imports this
    # package's schemas: loaded here, once the packages are whole.
    from app.network.demo import seed_network
    views.init_app(app)
    add_seed_step(app, seed_network)
