"""Bulk imports: CSV files of one kind, all or nothing, from the command line, an upload
page for coordinators and the JSON API; and `imant bench import`.

The factory registers this feature's parts: `init_app` (page, navigation, command),
`api_bp` (under the API) and `bench_command` (under `imant bench`)."""
from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from app import navigation
from app.imports import cli
from app.imports.api import bp as api_bp
from app.imports.bench import import_bench as bench_command
from app.imports.routes import bp

__all__ = ["api_bp", "bench_command", "init_app"]


def init_app(app: Flask) -> None:
    """Register the upload page, its navigation link and the `imant import` command."""
    app.register_blueprint(bp)
    navigation.register(app, label=_l("Import"), endpoint="imports.upload",
                        permission="network.import",
                        hint=_l("Load CSV files: schools, figures, families, history"), order=80)
    cli.register(app)
