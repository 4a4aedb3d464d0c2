"""A frozen graph server (its java process stopped with SIGSTOP) answers 503 instead of
hanging every page, a write the user was told failed is not kept, and everything recovers
on its own once the server resumes (SIGCONT).

The server here is one of this module's own, never the session-wide one: freezing that
would stall every other test.
"""
from __future__ import annotations

import os
import signal
import threading
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from flask import Flask

from app import create_app
from app.auth.service import create_token
from app.extensions import graph
from graph.embedded import EmbeddedServer, ServerInfo
from graph.errors import StoreUnavailable
from graph.schema import apply_schema
from tests.conftest import (
    IsolatedClient,
    make_config,
    make_user,
    on_another_graph,
    sql_settings,
)

T = TypeVar("T")
HANG_GUARD = 120.0  # far above every configured timeout: only a hang gets near it


@pytest.fixture(scope="module")
def own_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerInfo]:
    server = EmbeddedServer(graph_dir=tmp_path_factory.mktemp("frozen") / "graph",
                            database="imant", heap="256m")
    info = server.ensure()
    yield info
    os.kill(info.pid, signal.SIGCONT)
    server.stop()


@pytest.fixture
def frozen_app(tmp_path: Path, own_server: ServerInfo, graph_server: dict) -> Iterator[Flask]:
    settings = {"GRAPH_URI": own_server.uri, "GRAPH_USER": "root",
                "GRAPH_PASSWORD": own_server.password, "GRAPH_DATABASE": "imant",
                "GRAPH_TX_TIMEOUT": 3.0, "HEALTH_TIMEOUT": 1.0}
    app = create_app(make_config(tmp_path, settings, sql_settings("sqlite", None, tmp_path)))
    app.test_client_class = IsolatedClient
    try:
        with on_another_graph(app, graph_server):
            yield app
    finally:
        os.kill(own_server.pid, signal.SIGCONT)


def answered(call: Callable[[], T]) -> T:
    """What `call` returns, which must come back rather than hang."""
    got: list[T] = []
    worker = threading.Thread(target=lambda: got.append(call()), daemon=True)
    worker.start()
    worker.join(HANG_GUARD)
    assert got, "the request hung on the frozen graph server"
    return got[0]


def refusal(call: Callable[[], object]) -> BaseException | None:
    """The exception `call` raises, if any."""
    try:
        call()
    except Exception as exc:  # noqa: BLE001 - returned to be checked
        return exc
    return None


def recovered(client) -> bool:
    """/healthz answers 200 again, on its own (each try is bounded by its deadline)."""
    return any(answered(lambda: client.get("/healthz")).status_code == 200
               for _ in range(30))


def test_a_frozen_graph_answers_503_and_recovers_when_it_resumes(frozen_app, own_server):
    from app.platform import create_tenant
    tenant = create_tenant(slug=f"f{uuid.uuid4().hex[:10]}", name="Frozen", start_year=2020)
    token = create_token(user=make_user(tenant=tenant, role="coordinator"))
    api, headers = f"/api/v1/tenants/{tenant.slug}", {"Authorization": f"Bearer {token}"}
    client = frozen_app.test_client()
    assert client.get(f"{api}/partners", headers=headers).status_code == 200
    os.kill(own_server.pid, signal.SIGSTOP)
    try:
        read = answered(lambda: client.get(f"{api}/partners", headers=headers))
        assert read.status_code == 503
        assert read.get_json()["message"].startswith("The graph database is unavailable.")
        health = answered(lambda: client.get("/healthz"))
        assert health.status_code == 503 and health.get_json()["down"] == ["graph"]
        write = answered(lambda: client.post(f"{api}/partners", headers=headers, json={
            "key": "p-frozen", "name": "Frozen museum", "kind": "museum"}))
        assert write.status_code == 503
        assert isinstance(answered(lambda: refusal(lambda: apply_schema(client=graph))),
                          StoreUnavailable)
    finally:
        os.kill(own_server.pid, signal.SIGCONT)
    assert recovered(client), "/healthz never answered 200 after the server resumed"
    assert client.get(f"{api}/partners", headers=headers).get_json()["total"] == 0
    assert client.get(f"{api}/partners/p-frozen", headers=headers).status_code == 404
