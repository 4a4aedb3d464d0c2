"""Bulk imports: CSV files of one kind, all or nothing, from the command line, an upload
page for coordinators and the JSON API; and `imant bench import`."""
from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("imports", __name__)

# Imported with the package, so the API route joins app.api.bp before it is registered.
from app.imports import api  # noqa: E402, F401


def init_app(app: Flask) -> None:
    """Register the upload page, its navigation link and the commands."""
    from app import cli, navigation
    from app.imports import bench, routes  # noqa: F401
    from app.imports.cli import register
    app.register_blueprint(bp)
    navigation.register(label="Import", endpoint="imports.upload", permission="network.import",
                        hint="Load CSV files: schools, figures, families, history", order=80)
    if register not in cli.COMMAND_HOOKS:
        cli.COMMAND_HOOKS.append(register)
