"""The migration of invitations and archived programmes, on SQLite and PostgreSQL: an
existing programme stays open, invitation rows can be written, and it downgrades."""
from __future__ import annotations

import flask_migrate
import pytest
import sqlalchemy as sa

from app.extensions import db

pytestmark = pytest.mark.both_sql
BEFORE, AFTER = "7d2e91c4a6b0", "a3c5e7f90b12"


def columns(table: str) -> set[str]:
    with db.engine.connect() as conn:
        return {c["name"] for c in sa.inspect(conn).get_columns(table)}


def tables() -> set[str]:
    with db.engine.connect() as conn:
        return set(sa.inspect(conn).get_table_names())


def test_invitations_and_archiving_migrate_up_and_down(app, sql_backend):
    db.session.remove()
    db.drop_all()
    try:
        flask_migrate.upgrade(revision=BEFORE)
        with db.engine.begin() as conn:
            conn.execute(sa.text(
                "INSERT INTO tenant (slug, name, start_year, settings, created_at) "
                "VALUES ('old', 'Old programme', 2019, '{}', CURRENT_TIMESTAMP)"))
        assert "invitation" not in tables() and "archived_at" not in columns("tenant")
        flask_migrate.upgrade(revision=AFTER)
        with db.engine.begin() as conn:
            archived = conn.execute(sa.text(
                "SELECT archived_at FROM tenant WHERE slug = 'old'")).scalar_one()
            tenant_id = conn.execute(sa.text("SELECT id FROM tenant")).scalar_one()
            conn.execute(sa.text(
                "INSERT INTO invitation (kind, tenant_id, email, role, token_hash, created_at,"
                " expires_at) VALUES ('invite', :t, 'a@x.org', 'evaluator', 'h',"
                " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"),
                {"t": tenant_id})
            with pytest.raises(sa.exc.IntegrityError), conn.begin_nested():
                conn.execute(sa.text(
                    "INSERT INTO invitation (kind, tenant_id, email, token_hash, created_at,"
                    " expires_at) VALUES ('reset', :t, 'b@x.org', 'h', CURRENT_TIMESTAMP,"
                    " CURRENT_TIMESTAMP)"),
                    {"t": tenant_id})
        assert archived is None  # existing programmes stay open
        flask_migrate.downgrade(revision=BEFORE)
        assert "invitation" not in tables() and "archived_at" not in columns("tenant")
    finally:
        with db.engine.begin() as conn:
            for table in ("invitation", "alembic_version"):
                conn.execute(sa.text(f"DROP TABLE IF EXISTS {table}"))
        db.drop_all()
