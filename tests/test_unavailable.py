"""A store that is down: /healthz names it, pages answer a clear 503, never a stack trace."""
from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Blueprint, Flask, jsonify, url_for
from werkzeug.routing import IntegerConverter

from app import create_app
from app.extensions import db, graph
from app.tenancy import tenant_route
from graph.queries import system
from tests.conftest import IsolatedClient, make_config, make_user, on_another_graph

UNAVAILABLE = "The graph database is unavailable."


def closed_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _count(tx, *, tenant: str) -> int:
    return tx.run(system.COUNT_TENANT_NODES, tenant=tenant).single()["nodes"]


probe = Blueprint("probe", __name__)


@probe.route("/t/<slug>/graph-probe")
@probe.route("/api/v1/probe/<slug>")
@tenant_route("tenant.view")
def graph_probe(slug: str):
    return jsonify(nodes=graph.read(_count, tenant=slug))


def _down_app(tmp_path: Path, graph_server: dict, **overrides) -> Flask:
    sql = {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'down.sqlite3'}",
           "SQLALCHEMY_ENGINE_OPTIONS": {}}
    config = make_config(tmp_path, {**graph_server, **overrides.pop("graph", {})},
                         {**sql, **overrides})
    app = create_app(config)
    app.register_blueprint(probe)
    app.test_client_class = IsolatedClient
    return app


@pytest.fixture
def graph_down(tmp_path: Path, graph_server: dict) -> Iterator[Flask]:
    """An app whose GRAPH_URI points at a closed loopback port; SQL works."""
    app = _down_app(tmp_path, graph_server,
                    graph={"GRAPH_URI": f"bolt://127.0.0.1:{closed_port()}"})
    with on_another_graph(app, graph_server):
        yield app


def _enter(client, app: Flask, role: str = "coordinator"):
    from app.platform import create_tenant
    tenant = create_tenant(slug="down-test", name="Down test", start_year=2020)
    user = make_user(tenant=tenant, role=role)
    with client.session_transaction() as session:
        session["_user_id"] = str(user.id)
    return tenant


def test_healthz_names_the_graph_when_it_is_down(graph_down):
    response = graph_down.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable", "sql": "ok",
                                   "graph": "unavailable", "down": ["graph"]}


def test_a_tenant_page_answers_a_clear_503_page(graph_down):
    client = graph_down.test_client()
    tenant = _enter(client, graph_down)
    response = client.get(f"/t/{tenant.slug}/graph-probe")
    html = response.get_data(as_text=True)
    assert response.status_code == 503
    assert response.mimetype == "text/html"
    assert "Service unavailable" in html and UNAVAILABLE in html
    assert "Traceback" not in html and "127.0.0.1" not in html
    api = client.get(f"/api/v1/probe/{tenant.slug}")
    assert api.status_code == 503
    assert api.get_json() == {"error": "Service unavailable", "message": UNAVAILABLE}


def _get_rules(app: Flask, slug: str) -> list[str]:
    """Every GET page and endpoint of a tenant, with placeholder values for other arguments."""
    urls = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if "GET" not in (rule.methods or ()) or "slug" not in rule.arguments:
                continue
            values = {name: 2024 if isinstance(rule._converters.get(name), IntegerConverter)
                      else "x" for name in rule.arguments}
            urls.append(url_for(rule.endpoint, **{**values, "slug": slug}))
    return sorted(set(urls))


def test_no_tenant_page_fails_with_an_error_when_the_graph_is_down(graph_down):
    """Every GET route of a tenant answers normally or with 503, whatever the feature."""
    client = graph_down.test_client()
    tenant = _enter(client, graph_down)
    urls = _get_rules(graph_down, tenant.slug)
    assert f"/t/{tenant.slug}/" in urls
    for url in urls:
        response = client.get(url)
        assert response.status_code < 500 or response.status_code == 503, \
            (url, response.status_code)
        assert "Traceback" not in response.get_data(as_text=True)


@pytest.fixture
def sql_down(tmp_path: Path, graph_server: dict) -> Iterator[Flask]:
    """An app whose SQL database is a PostgreSQL URL on a closed port; the graph works."""
    app = _down_app(tmp_path, graph_server, SQLALCHEMY_DATABASE_URI=(
        f"postgresql+psycopg://imant@127.0.0.1:{closed_port()}/imant?connect_timeout=2"))
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


def test_healthz_names_sql_when_it_is_down(sql_down):
    response = sql_down.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable", "sql": "unavailable",
                                   "graph": "ok", "down": ["sql"]}


def test_pages_answer_503_when_sql_is_down(sql_down):
    client = sql_down.test_client()
    assert client.get("/login").status_code == 200  # the form itself needs no database
    with client.session_transaction() as session:
        session["_user_id"] = "1"
    page = client.get("/t/catalunya/")
    html = page.get_data(as_text=True)
    assert page.status_code == 503
    assert "The SQL database is unavailable." in html and "Traceback" not in html
    api = sql_down.test_client().get("/api/v1/tenants",
                                     headers={"Authorization": "Bearer imt_x"})
    assert api.status_code == 503
    assert api.get_json()["message"] == "The SQL database is unavailable."


def test_the_csrf_error_page_renders_without_sql(sql_down):
    client = sql_down.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = "1"
    response = client.post("/t/catalunya/import", data={"kind": "partners"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400, html
    assert "The CSRF token is missing." in html and "<html" in html
