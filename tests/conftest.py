"""Fixtures: the real embedded graph server (once per session), SQL on SQLite or PostgreSQL,
an app per test with its own tenant, and logins by role."""
from __future__ import annotations

import contextlib
import os
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask, has_app_context
from flask.testing import FlaskClient

from app import create_app
from app.auth.service import create_token
from app.extensions import db, graph
from app.models import Role, Tenant, User
from config import TestConfig
from graph.embedded import EmbeddedServer
from graph.queries import system

PG_URL = os.environ.get("TEST_DATABASE_URL")
PASSWORD = "correct-horse-battery"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Tests marked `both_sql` run once on SQLite and once on PostgreSQL (when configured)."""
    if "sql_backend" in metafunc.fixturenames and metafunc.definition.get_closest_marker(
            "both_sql"):
        backends = ["sqlite"] + (["postgresql"] if PG_URL else [])
        metafunc.parametrize("sql_backend", backends, indirect=True)


@pytest.fixture(scope="session")
def graph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """One real graph server for the whole run: TEST_GRAPH_URI, or the embedded ArcadeDB."""
    if TestConfig.TEST_GRAPH_URI:
        yield {"GRAPH_URI": TestConfig.TEST_GRAPH_URI,
               "GRAPH_USER": os.environ.get("TEST_GRAPH_USER", "neo4j"),
               "GRAPH_PASSWORD": os.environ.get("TEST_GRAPH_PASSWORD", ""),
               "GRAPH_DATABASE": os.environ.get("TEST_GRAPH_DATABASE", "neo4j")}
        return
    server = EmbeddedServer(graph_dir=tmp_path_factory.mktemp("graph"), database="imant",
                            heap="512m")
    info = server.ensure()
    settings = {"GRAPH_URI": info.uri, "GRAPH_USER": "root", "GRAPH_PASSWORD": info.password,
                "GRAPH_DATABASE": "imant", "EMBEDDED": server}
    from graph.schema import apply_schema
    graph.configure(uri=info.uri, user="root", password=info.password, database="imant",
                    graph_dir=server.graph_dir)
    apply_schema(client=graph)
    yield settings
    graph.close()
    server.stop()


@pytest.fixture(scope="session")
def pg_schema() -> Iterator[str | None]:
    """A private PostgreSQL schema for this run, so concurrent runs never collide."""
    if not PG_URL:
        yield None
        return
    import sqlalchemy as sa
    name = f"imant_test_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    engine = sa.create_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{name}"'))
    yield name
    with engine.begin() as conn:
        conn.execute(sa.text(f'DROP SCHEMA "{name}" CASCADE'))
    engine.dispose()


@pytest.fixture
def sql_backend(request: pytest.FixtureRequest) -> str:
    return getattr(request, "param", "sqlite")


def sql_settings(backend: str, schema: str | None, tmp_path: Path) -> dict:
    if backend == "postgresql":
        return {"SQLALCHEMY_DATABASE_URI": PG_URL,
                "SQLALCHEMY_ENGINE_OPTIONS": {
                    "connect_args": {"options": f"-csearch_path={schema}"}}}
    return {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'test.sqlite3'}",
            "SQLALCHEMY_ENGINE_OPTIONS": {}}


def make_config(tmp_path: Path, graph_settings: dict, sql: dict) -> type[TestConfig]:
    instance = tmp_path / "instance"
    attrs = {"INSTANCE_PATH": instance, "GRAPH_DIR": instance / "graph",
             "REPORTS_DIR": instance / "reports",
             **{k: v for k, v in graph_settings.items() if k != "EMBEDDED"}, **sql}
    return type("PerTestConfig", (TestConfig,), attrs)


@contextlib.contextmanager
def on_another_graph(app: Flask, graph_server: dict) -> Iterator[Flask]:
    """Inside `app` (configured for a graph server of its own) with its SQL tables; the
    session's graph server is configured again afterwards."""
    try:
        with app.app_context():
            db.create_all()
            yield app
            db.session.remove()
            db.engine.dispose()
    finally:
        graph.configure(uri=graph_server["GRAPH_URI"], user=graph_server["GRAPH_USER"],
                        password=graph_server["GRAPH_PASSWORD"],
                        database=graph_server["GRAPH_DATABASE"],
                        graph_dir=Path(app.config["GRAPH_DIR"]))


class IsolatedClient(FlaskClient):
    """Each request gets its own app context (its own `g` and SQL session), as in production.

    The test itself runs inside one long app context; without this, `g` (the logged-in
    user, the resolved tenant) would carry over from one request to the next. The test's
    session is expired after each request so that it reads what the request wrote.
    """

    def open(self, *args, **kwargs):  # noqa: ANN002, ANN003 - same signature as FlaskClient
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        if has_app_context():
            db.session.expire_all()
        return response


@pytest.fixture
def app(tmp_path: Path, graph_server: dict, sql_backend: str,
        pg_schema: str | None) -> Iterator[Flask]:
    app = create_app(make_config(tmp_path, graph_server,
                                 sql_settings(sql_backend, pg_schema, tmp_path)))
    app.test_client_class = IsolatedClient
    with app.app_context():
        db.drop_all()
        db.create_all()
        yield app
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask):
    return app.test_cli_runner()


@pytest.fixture
def tenant(app: Flask) -> Iterator[Tenant]:
    """A fresh tenant per test; its graph nodes are removed afterwards."""
    from app.platform import create_tenant
    t = create_tenant(slug=f"t{uuid.uuid4().hex[:10]}", name="Test programme", start_year=2020)
    yield t
    graph.write(_delete_tenant, tenant=t.slug)


@pytest.fixture
def other_tenant(app: Flask) -> Iterator[Tenant]:
    from app.platform import create_tenant
    t = create_tenant(slug=f"o{uuid.uuid4().hex[:10]}", name="Other programme", start_year=2021)
    yield t
    graph.write(_delete_tenant, tenant=t.slug)


def _delete_tenant(tx, *, tenant: str) -> None:
    tx.run(system.DELETE_TENANT, tenant=tenant).consume()


@dataclass
class TokenApp:
    """An app with one seeded tenant and a coordinator's bearer headers."""

    app: Flask
    headers: dict[str, str]


@contextlib.contextmanager
def token_app(tmp: Path, graph_settings: dict, *, slug: str, name: str,
              seed: Callable[[Tenant], None]) -> Iterator[TokenApp]:
    """A module-lifetime app on SQLite: tenant `slug` seeded by `seed`, removed afterwards."""
    app = create_app(make_config(tmp, graph_settings, sql_settings("sqlite", None, tmp)))
    with app.app_context():
        db.create_all()
        from app.platform import create_tenant
        tenant = create_tenant(slug=slug, name=name, start_year=2020)
        seed(tenant)
        token = create_token(user=make_user(tenant=tenant, role="coordinator"))
        db.session.remove()
    yield TokenApp(app, {"Authorization": f"Bearer {token}"})
    graph.write(_delete_tenant, tenant=slug)
    with app.app_context():
        db.drop_all()
        db.engine.dispose()


def make_user(*, tenant: Tenant | None, role: str | None, scope_key: str | None = None,
              email: str | None = None, platform_admin: bool = False) -> User:
    from app.auth.service import create_user, grant
    user = create_user(email=email or f"{uuid.uuid4().hex[:8]}@test.example", password=PASSWORD,
                       platform_admin=platform_admin)
    if tenant is not None and role is not None:
        grant(user=user, tenant=tenant, role=role, scope_key=scope_key)
    return user


@pytest.fixture
def login_as(client: FlaskClient, tenant: Tenant) -> Callable[..., User]:
    """login_as(role, scope_key=None, tenant=None): a user with that role, logged in."""
    def login(role: str, scope_key: str | None = None, in_tenant: Tenant | None = None) -> User:
        if Role(role).scoped and scope_key is None:
            scope_key = f"{role}-key"
        user = make_user(tenant=in_tenant or tenant, role=role, scope_key=scope_key)
        with client.session_transaction() as session:
            session["_user_id"] = str(user.id)
            session["_fresh"] = True
        return user
    return login


CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token(client: FlaskClient, path: str = "/login") -> str:
    """The CSRF token of a page that carries a form."""
    html = client.get(path, follow_redirects=True).get_data(as_text=True)
    match = CSRF_RE.search(html)
    assert match, f"no CSRF token on {path}"
    return match.group(1)
