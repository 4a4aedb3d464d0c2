"""Annual school reports and four-year evaluation bundles: pages, API, commands, scheduler."""
from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register this feature's blueprint, navigation and commands."""
    from app import cli
    from app.reports import cli as reports_cli
    if reports_cli.register not in cli.COMMAND_HOOKS:
        cli.COMMAND_HOOKS.append(reports_cli.register)
