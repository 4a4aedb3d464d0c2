"""Annual school reports and four-year evaluation bundles: pages, API and commands.

Reports are built by the report engine (reports/) in the worker (`imant
scheduler`); this feature lists and serves them and queues runs. The factory
registers its parts: `init_app` (pages, navigation, commands), `api_bp` (under
the API) and `bench_command` (under `imant bench`)."""
from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from app import navigation
from app.reports import cli
from app.reports.api import bp as api_bp
from app.reports.bench_cli import reports_bench as bench_command
from app.reports.routes import bp

__all__ = ["api_bp", "bench_command", "init_app"]


def init_app(app: Flask) -> None:
    """Register the pages, navigation and commands."""
    app.register_blueprint(bp)
    reports = navigation.Group.REPORTS
    navigation.register(app, label=_l("Reports"), endpoint="reports.index",
                        permission="reports.view", order=60, group=reports,
                        hint=_l("Annual school reports: HTML, PDF and JSON"))
    navigation.register(app, label=_l("Evaluation bundles"), endpoint="reports.bundles",
                        permission="bundles.view", order=61, group=reports,
                        hint=_l("Four-year data packages for the external evaluation"))
    navigation.register(app, label=_l("Report runs"), endpoint="reports.runs",
                        permission="reports.run", order=62, group=reports,
                        hint=_l("Start annual reports and bundles; follow their progress"))
    cli.register(app)
