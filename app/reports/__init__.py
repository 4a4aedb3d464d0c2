"""Annual school reports and four-year evaluation bundles: pages, API, commands, scheduler."""
from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("reports", __name__)

# Imported with the package, so the API routes join app.api.bp before it is registered.
from app.reports import api, routes  # noqa: E402, F401


def init_app(app: Flask) -> None:
    """Register the pages, navigation and commands."""
    from app import cli, navigation
    from app.reports import bench_cli
    from app.reports import cli as reports_cli
    app.register_blueprint(bp)
    navigation.register(label="Reports", endpoint="reports.index", permission="reports.view",
                        order=60, hint="Annual school reports: HTML, PDF and JSON")
    navigation.register(label="Evaluation bundles", endpoint="reports.bundles",
                        permission="bundles.view", order=61,
                        hint="Four-year data packages for the external evaluation")
    navigation.register(label="Report runs", endpoint="reports.runs", permission="reports.run",
                        order=62, hint="Start annual reports and bundles; follow their progress")
    if reports_cli.register not in cli.COMMAND_HOOKS:
        cli.COMMAND_HOOKS.append(reports_cli.register)
    bench_cli.register_bench()
