"""Migrations are reviewed code: one head, and they build exactly the schema of the models."""
from __future__ import annotations

import logging
from pathlib import Path

import flask_migrate
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from app.extensions import db

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def test_a_single_alembic_head():
    config = AlembicConfig(str(MIGRATIONS / "alembic.ini"))
    config.set_main_option("script_location", str(MIGRATIONS))
    heads = ScriptDirectory.from_config(config).get_heads()
    assert len(heads) == 1, f"several heads, merge them: {heads}"


@pytest.mark.both_sql
def test_upgrade_on_an_empty_database_builds_the_models_schema(app, sql_backend):
    db.session.remove()
    db.drop_all()
    with db.engine.begin() as conn:
        assert sa.inspect(conn).get_table_names() == []
    try:
        flask_migrate.upgrade()
        with db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), db.metadata)
            tables = set(sa.inspect(conn).get_table_names())
        assert diff == [], f"the migrations and the models differ on {sql_backend}: {diff}"
        assert set(db.metadata.tables) <= tables
        assert "alembic_version" in tables
    finally:
        with db.engine.begin() as conn:
            conn.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))


@pytest.mark.both_sql
def test_migrating_keeps_the_application_loggers(app):
    """Alembic's logging setup must not silence the loggers of the running app.

    `imant serve --demo` migrates in the serving process.
    """
    names = ("graph.driver", "app.errors", "app.health")
    assert all(not logging.getLogger(name).disabled for name in names)
    db.session.remove()
    db.drop_all()
    try:
        flask_migrate.upgrade()
        assert [n for n in names if logging.getLogger(n).disabled] == []
    finally:
        with db.engine.begin() as conn:
            conn.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))
