"""Composition, demand and segregation indicators: pages, API endpoints and the benchmark."""
from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("indicators", __name__)

# Imported with the package, so the API routes join app.api.bp before it is registered.
from app.indicators import api, bench_cli, routes  # noqa: E402, F401


def init_app(app: Flask) -> None:
    """Register the pages and the navigation; `imant bench indicators` joins the bench group."""
    from app import navigation
    app.register_blueprint(bp)
    navigation.register(label="Indicators", endpoint="indicators.overview",
                        permission="indicators.view", order=40,
                        hint="Each school's composition gap and demand, latest year")
    navigation.register(label="Territories", endpoint="indicators.territory_index",
                        permission="territory.view", order=41,
                        hint="Segregation indices per year, schools ranked by gap, measures")
