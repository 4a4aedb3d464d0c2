"""SQL that cannot be written: on SQLite an immutable file and folder (`chattr +i`), on
PostgreSQL connections opened with `default_transaction_read_only`.

Every change visible in the graph has exactly one audit event, and a change the user was
told failed is not in the graph; reads with a token still work; /healthz names SQL.
"""
from __future__ import annotations

import contextlib
import io
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from app import create_app
from app.audit import mirror_all
from app.auth.service import create_token
from app.extensions import db, graph
from app.imports.service import read_rows
from app.models import AuditEvent
from graph.audit import list_outbox
from graph.queries import system
from tests.conftest import CSRF_RE, IsolatedClient, make_config, make_user, sql_settings

PARTNERS = "key,name,kind\n" + "".join(f"p-{i:02},Partner {i},museum\n" for i in range(20))


@dataclass
class Store:
    """An app on its own SQL database, with a tenant, a logged-in coordinator and a token."""

    app: Flask
    backend: str
    folder: Path
    slug: str
    tenant_id: int
    client: FlaskClient
    csrf: str
    bearer: dict[str, str]

    @property
    def api(self) -> str:
        return f"/api/v1/tenants/{self.slug}"


def _delete_tenant(tx, *, tenant: str) -> None:
    tx.run(system.DELETE_TENANT, tenant=tenant).consume()


@pytest.fixture
def store(tmp_path: Path, graph_server: dict, sql_backend: str,
          pg_schema: str | None) -> Iterator[Store]:
    folder = tmp_path / "sql"
    folder.mkdir()
    sql = sql_settings(sql_backend, pg_schema, folder)
    app = create_app(make_config(tmp_path, graph_server, sql))
    app.test_client_class = IsolatedClient
    with app.app_context():
        db.drop_all()
        db.create_all()
        from app.platform import create_tenant
        tenant = create_tenant(slug=f"r{uuid.uuid4().hex[:10]}", name="Read-only test",
                               start_year=2020)
        user = make_user(tenant=tenant, role="coordinator")
        bearer = {"Authorization": f"Bearer {create_token(user=user, name='tests')}"}
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = str(user.id)
            session["_fresh"] = True
        slug, tenant_id = tenant.slug, tenant.id
        page = client.get(f"/t/{slug}/import").get_data(as_text=True)
        yield Store(app, sql_backend, folder, slug, tenant_id, client,
                    CSRF_RE.search(page).group(1), bearer)
        graph.write(_delete_tenant, tenant=slug)
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


@contextlib.contextmanager
def read_only(store: Store) -> Iterator[None]:
    """SQL answers reads but refuses every write until the block ends."""
    if store.backend == "sqlite":
        paths = [str(store.folder / "test.sqlite3"), str(store.folder)]
        subprocess.run(["chattr", "+i", *paths], check=True)
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", *paths], check=True)
        return
    engine = db.engine

    def read_only_connection(dialect, conn_rec, cargs, cparams) -> None:  # noqa: ANN001
        cparams["options"] = f"{cparams.get('options', '')} -c default_transaction_read_only=on"

    db.session.remove()  # every connection is opened again, read-only
    sa.event.listen(engine, "do_connect", read_only_connection)
    engine.dispose()
    try:
        yield
    finally:
        db.session.remove()
        sa.event.remove(engine, "do_connect", read_only_connection)
        engine.dispose()


def test_the_fault_really_refuses_writes(store: Store):
    """The injected fault is real: SQL reads work and writes fail."""
    with read_only(store):
        assert db.session.execute(sa.select(sa.func.count(AuditEvent.id))).scalar() >= 1
        db.session.add(AuditEvent(action="probe", target="probe", tenant_id=None, user_id=None))
        with pytest.raises(sa.exc.OperationalError if store.backend == "sqlite"
                           else sa.exc.InternalError):
            db.session.commit()
        db.session.rollback()


def audit_events(store: Store, target: str) -> int:
    """Audit events of `target` in SQL once SQL is writable again and the next change of
    the programme (which carries any waiting events along) is made."""
    settle = store.client.post(f"{store.api}/partners", headers={"X-CSRFToken": store.csrf},
                               json={"key": f"p-{uuid.uuid4().hex[:6]}", "name": "Settle",
                                     "kind": "other"})
    assert settle.status_code == 201, settle.get_json()
    return _sql_events(store, target)


@pytest.mark.both_sql
def test_creating_a_partner_with_sql_read_only_is_one_unit_with_its_audit(store: Store):
    with read_only(store):
        response = store.client.post(f"{store.api}/partners",
                                     headers={"X-CSRFToken": store.csrf},
                                     json={"key": "p-ro", "name": "Museu", "kind": "museum"})
    in_graph = store.client.get(f"{store.api}/partners/p-ro", headers=store.bearer)
    exists = in_graph.status_code == 200
    assert response.status_code in (201, 503), response.get_data(as_text=True)
    assert exists == (response.status_code == 201), "told it failed, yet it is in the graph"
    assert audit_events(store, "partner:p-ro") == (1 if exists else 0)


def _sql_events(store: Store, target: str) -> int:
    db.session.expire_all()
    return db.session.execute(sa.select(sa.func.count(AuditEvent.id)).where(
        AuditEvent.tenant_id == store.tenant_id, AuditEvent.target == target)).scalar()


def test_waiting_audit_events_are_copied_once_at_start_up(store: Store):
    with read_only(store):
        response = store.client.post(f"{store.api}/partners",
                                     headers={"X-CSRFToken": store.csrf},
                                     json={"key": "p-wait", "name": "Museu", "kind": "museum"})
    assert response.status_code == 201
    assert _sql_events(store, "partner:p-wait") == 0
    assert graph.read(list_outbox, tenant=store.slug)[0]["target"] == "partner:p-wait"
    assert mirror_all() == 1
    assert mirror_all() == 0
    assert _sql_events(store, "partner:p-wait") == 1
    assert graph.read(list_outbox, tenant=store.slug) == []


@pytest.mark.both_sql
def test_a_web_import_with_sql_read_only_is_one_unit_with_its_audit(store: Store):
    form = {"kind": "partners", "csrf_token": store.csrf,
            "file": (io.BytesIO(PARTNERS.encode()), "partners.csv")}
    with read_only(store):
        response = store.client.post(f"/t/{store.slug}/import", data=form,
                                     content_type="multipart/form-data")
    imported = len(read_rows(tenant=store.slug, kind="partners"))
    assert response.status_code in (200, 302, 503)
    assert imported in (0, 20)
    assert (imported == 20) == (response.status_code < 500), "told it failed, yet imported"
    assert audit_events(store, "import:partners") == (1 if imported else 0)


@pytest.mark.both_sql
def test_healthz_names_sql_when_it_cannot_be_written(store: Store):
    assert store.client.get("/healthz").status_code == 200
    with read_only(store):
        response = store.client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable", "sql": "read-only", "graph": "ok",
                                   "down": ["sql"]}


@pytest.mark.both_sql
def test_token_reads_work_while_sql_is_read_only(store: Store):
    with read_only(store):
        response = store.app.test_client().get(f"{store.api}/partners", headers=store.bearer)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json()["total"] == 0
