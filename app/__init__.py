"""Imant: the application factory."""
from __future__ import annotations

from pathlib import Path

from flask import Flask

from config import Config
from domain.vocabulary import school_year_label


def create_app(config_class: type[Config] = Config) -> Flask:
    """Build the app: configuration, extensions, blueprints, error handlers, commands."""
    app = Flask(__name__, instance_path=str(config_class.INSTANCE_PATH),
                instance_relative_config=False)
    app.config.from_object(config_class)
    config_class.finalise(app.config)
    Path(app.config["INSTANCE_PATH"]).mkdir(parents=True, exist_ok=True)

    # Imported when an app is built, not with the package: `import app.models` (the jobs,
    # the engine's callers) must not load every page and feature.
    from app import (
        auth,
        cache,
        cli,
        errors,
        extensions,
        headers,
        health,
        i18n,
        limits,
        main,
        navigation,
    )
    limits.init_app(app)  # before CSRF: an upload's own body limit holds when its form is read
    extensions.db.init_app(app)
    extensions.migrate.init_app(app, extensions.db, directory=str(_migrations_dir()))
    extensions.login_manager.init_app(app)
    extensions.csrf.init_app(app)
    extensions.limiter.init_app(app)
    extensions.graph.init_app(app)
    cache.init_app(app)
    i18n.init_app(app)
    app.jinja_env.globals["school_year"] = school_year_label  # "2024-25" on every page
    errors.init_app(app)
    headers.init_app(app)
    navigation.init_app(app)
    auth.init_app(app)
    health.init_app(app)
    main.init_app(app)
    _register_features(app)
    cli.init_app(app)
    return app


def _register_features(app: Flask) -> None:
    """Each feature's pages and commands, the API with every feature's API blueprint, and
    `imant bench` with every feature's benchmark: all registered here, none on import."""
    from app import (  # as in create_app
        api,
        bench,
        imports,
        indicators,
        network,
        planning,
        reports,
        scenarios,
    )
    from app.api import routes as api_routes  # as in create_app
    from app.auth import api as auth_api
    from app.benchmarks import ingest, serve_cli, start, write_path
    from domain.admission.bench import simulate_command
    for feature in (network, planning, imports, reports, indicators, scenarios):
        feature.init_app(app)
    api.init_app(app, blueprints=(api_routes.bp, auth_api.bp, network.api_bp, imports.api_bp,
                                  reports.api_bp, indicators.api_bp, planning.api_bp,
                                  scenarios.api_bp))
    bench.init_app(app, commands=(imports.bench_command, indicators.bench_command,
                                  reports.bench_command, ingest.ingest_bench,
                                  serve_cli.serve_bench, write_path.write_path_bench,
                                  start.start_bench, simulate_command))


def _migrations_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "migrations"
