"""Annual school reports and four-year evaluation bundles: pages, API and commands.

Reports are built by the report engine (reports/) in the worker (`imant
scheduler`); this feature lists and serves them and queues runs. The factory
registers its parts: `init_app` (pages, navigation, commands), `api_bp` (under
the API) and `bench_command` (under `imant bench`)."""
from __future__ import annotations

from flask import Flask

from app import navigation
from app.reports import cli
from app.reports.api import bp as api_bp
from app.reports.bench_cli import reports_bench as bench_command
from app.reports.routes import bp

__all__ = ["api_bp", "bench_command", "init_app"]


def init_app(app: Flask) -> None:
    """Register the pages, navigation and commands."""
    app.register_blueprint(bp)
    navigation.register(app, label="Reports", endpoint="reports.index",
                        permission="reports.view", order=60,
                        hint="Annual school reports: HTML, PDF and JSON")
    navigation.register(app, label="Evaluation bundles", endpoint="reports.bundles",
                        permission="bundles.view", order=61,
                        hint="Four-year data packages for the external evaluation")
    navigation.register(app, label="Report runs", endpoint="reports.runs",
                        permission="reports.run", order=62,
                        hint="Start annual reports and bundles; follow their progress")
    cli.register(app)
