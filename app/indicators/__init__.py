"""Composition, demand and segregation indicators: pages, API endpoints and the benchmark.

Rooms: `policy` (who sees which indicators), `service` (takes the caller's Access,
enforces the policy before it reads, filters answers), `figures` and `activity` (the
arithmetic over graph reads), `territories` (resolving a territory key), `routes` and
`api` (thin views over the service).

The factory registers this feature's parts: `init_app` (pages, navigation), `api_bp`
(under the API) and `bench_command` (under `imant bench`)."""
from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from app import navigation
from app.indicators.api import bp as api_bp
from app.indicators.bench_cli import indicators_bench as bench_command
from app.indicators.routes import bp

__all__ = ["api_bp", "bench_command", "init_app"]


def init_app(app: Flask) -> None:
    """Register the pages and the navigation."""
    app.register_blueprint(bp)
    navigation.register(app, label=_l("Indicators"), endpoint="indicators.overview",
                        permission="indicators.view", order=40,
                        hint=_l("Each school's composition gap and demand, latest year"))
    navigation.register(app, label=_l("Territories"), endpoint="indicators.territory_index",
                        permission="territory.view", order=41,
                        hint=_l("Segregation indices per year, schools ranked by gap, measures"))
