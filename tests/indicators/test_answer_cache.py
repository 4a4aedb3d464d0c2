"""Answers cached per data version: a write, through any worker, is never answered from
before it; a changed setting neither; Redis shares answers and may fail without harm."""
from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from flask import Flask

from app import cache, create_app
from app.extensions import db, graph
from app.indicators import figures as computed
from graph import version
from graph.indicators import seed_network
from tests.conftest import make_config, sql_settings

from . import seed as net

REDIS = "redis://127.0.0.1:6379/0"


@pytest.fixture
def slug(tenant) -> str:
    net.seed(tenant.slug)
    tenant.settings = {"suppression_threshold": 1}
    db.session.commit()
    return tenant.slug


@pytest.fixture
def workers(app: Flask, tmp_path, graph_server, sql_backend, pg_schema):
    """Two apps on the same stores, as two gunicorn workers are: each its own LRU."""
    prefix = f"imant-test:{uuid.uuid4().hex}:"

    def make(name: str, redis_url: str | None) -> Flask:
        config = make_config(tmp_path, graph_server,
                             sql_settings(sql_backend, pg_schema, tmp_path))
        return create_app(type(name, (config,), {"REDIS_URL": redis_url,
                                                 "RESULT_CACHE_PREFIX": prefix}))
    return make


@contextmanager
def inside(worker: Flask) -> Iterator[None]:
    with worker.app_context():
        yield
        db.session.remove()


def total_of_s1(slug: str) -> int:
    item = computed.school_indicators(tenant=slug, school="s1", year=2023)
    return item["composition"]["disadvantaged"]["students"]


def change_s1(slug: str, total: int) -> None:
    graph.write(seed_network, tenant=slug, school_years=[{"school": "s1", "year": 2023,
                                                         "figures": {"enrolled_total": total}}])


def test_every_tenant_write_replaces_the_version_in_its_own_transaction(slug):
    before = graph.read(version.read, tenant=slug)
    change_s1(slug, 101)
    after = graph.read(version.read, tenant=slug)
    assert after.n == before.n + 1 and after.token != before.token

    def fails(tx, *, tenant: str) -> None:
        tx.run("MATCH (s:School {tenant: $tenant}) SET s.name = 'x'", tenant=tenant).consume()
        raise RuntimeError("refused half-way")
    with pytest.raises(RuntimeError):
        graph.write(fails, tenant=slug)
    assert graph.read(version.read, tenant=slug) == after  # rolled back with the change


@pytest.mark.parametrize("redis_url", [None, REDIS], ids=["lru", "redis"])
def test_a_write_through_one_worker_is_read_by_the_other(slug, workers, redis_url):
    first, second = workers("First", redis_url), workers("Second", redis_url)
    with inside(first):
        assert total_of_s1(slug) == 100
    with inside(second):
        assert total_of_s1(slug) == 100  # now cached in both (and in Redis if set)
        change_s1(slug, 120)
    with inside(first):
        assert total_of_s1(slug) == 120
    with inside(second):
        assert total_of_s1(slug) == 120


def test_a_repeated_question_is_answered_from_the_cache(slug, workers):
    asked = []

    @cache.per_data_version
    def answer(*, tenant: str, school: str) -> dict:
        asked.append(school)
        return computed.school_indicators.uncached(tenant=tenant, school=school, year=2023)

    def students(item: dict) -> int:
        return item["composition"]["disadvantaged"]["students"]
    with inside(workers("Worker", None)):
        first = answer(tenant=slug, school="s1")
        first["composition"] = None  # the caller's own copy
        assert students(answer(tenant=slug, school="s1")) == 100 and asked == ["s1"]
        answer(tenant=slug, school="s2")
        assert asked == ["s1", "s2"]
        change_s1(slug, 130)
        assert students(answer(tenant=slug, school="s1")) == 130
        assert asked == ["s1", "s2", "s1"]


def test_a_changed_setting_is_answered_at_once(slug, tenant):
    assert computed.school_indicators(tenant=slug, school="s2", year=2023)[
        "composition"]["nese"]["members"] == 3
    tenant.settings = {"suppression_threshold": 5}
    db.session.commit()
    nese = computed.school_indicators(tenant=slug, school="s2", year=2023)["composition"]["nese"]
    assert nese["members"] is None and nese["suppressed"] is True


def test_redis_down_is_logged_and_the_answer_computed(slug, workers, caplog):
    worker = workers("NoRedis", "redis://127.0.0.1:1/0")
    with inside(worker):
        assert total_of_s1(slug) == 100
        assert total_of_s1(slug) == 100
    assert "Redis unavailable" in caplog.text


@pytest.mark.parametrize("redis_url", [None, REDIS], ids=["lru", "redis"])
def test_a_network_list_is_read_once_per_version_and_a_change_shows_in_every_worker(
        slug, tenant, workers, redis_url, monkeypatch):
    """The schools list (every network list) is kept per data version: asked again, it is
    not read again; renamed through one worker, the other lists the new name."""
    from app.network import service
    from tests.network.conftest import access_for
    coordinator = access_for(tenant, "coordinator")
    read = graph.read
    lists: list[str] = []

    def counting(fn, /, **kwargs):
        lists.extend([fn.__name__] if fn.__name__ == "list_schools" else [])
        return read(fn, **kwargs)
    monkeypatch.setattr(graph, "read", counting)

    def names() -> list[str]:
        return [item["name"] for item in service.list_schools(access=coordinator).items]
    first, second = workers("First", redis_url), workers("Second", redis_url)
    with inside(first):
        assert "Escola Una" in names()
        assert "Escola Una" in names()
        assert len(lists) == 1
    with inside(second):
        assert "Escola Una" in names()
        assert len(lists) == (1 if redis_url else 2)  # shared through Redis
        service.update_school(access=coordinator, key="s1", data={"name": "Escola Renovada"})
    with inside(first):
        assert "Escola Renovada" in names() and "Escola Una" not in names()
