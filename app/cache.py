"""Answers cached per tenant data version, in each process and, with REDIS_URL, shared.

An indicator answer depends on the tenant's graph data and its settings only, so it is
computed once per *data version* and then served from the cache:

- the key names the function, its arguments, the tenant, the tenant's data version
  (graph.version: replaced by every graph write in that write's own transaction) and a
  fingerprint of the tenant's name, start year and settings (SQL), so a write or a
  changed setting is never answered from before it;
- within one request the version is read once (the pieces of a page agree); outside a
  request (jobs, commands) it is read on every call;
- answers are kept pickled, so every caller gets its own copy to change;
- each process keeps an LRU of RESULT_CACHE_MB; with REDIS_URL set, answers also go to
  Redis for RESULT_CACHE_TTL seconds, so the workers of one server compute each answer
  once. A Redis that fails is logged and skipped: the answer is computed instead.

Graph reads whose answer is the graph's alone (the network lists) are cached the same way
(`read`). Pure functions (charts) are cached by their arguments alone (`by_arguments`).
"""
from __future__ import annotations

import functools
import hashlib
import json
import logging
import pickle
import threading
from collections.abc import Callable
from typing import Any, TypeVar

import cachetools
import redis
from flask import Flask, current_app, g, has_app_context, has_request_context

from app.extensions import db, graph
from app.models import Tenant
from graph import version

T = TypeVar("T")
log = logging.getLogger(__name__)
EXTENSION = "imant.results"


class Store:
    """Pickled answers: an LRU bounded in bytes, then Redis if configured."""

    def __init__(self, *, megabytes: float, redis_url: str | None, prefix: str,
                 ttl: int) -> None:
        self.local: cachetools.LRUCache = cachetools.LRUCache(
            maxsize=int(megabytes * 1024 * 1024), getsizeof=len)
        self.lock = threading.Lock()
        self.prefix = prefix
        self.ttl = ttl
        self.redis = (redis.Redis.from_url(redis_url, socket_timeout=1.0,
                                           socket_connect_timeout=1.0)
                      if redis_url else None)

    def get(self, key: str) -> bytes | None:
        with self.lock:
            blob = self.local.get(key)
        if blob is None and self.redis is not None:
            try:
                blob = self.redis.get(self.prefix + key)
            except redis.RedisError as exc:
                log.warning("answer cache: Redis unavailable (%s); computing", exc)
            if blob is not None:
                self._keep(key, blob)
        return blob

    def put(self, key: str, blob: bytes) -> None:
        self._keep(key, blob)
        if self.redis is not None:
            try:
                self.redis.set(self.prefix + key, blob, ex=self.ttl)
            except redis.RedisError as exc:
                log.warning("answer cache: Redis unavailable (%s); not shared", exc)

    def _keep(self, key: str, blob: bytes) -> None:
        with self.lock:
            if len(blob) <= self.local.maxsize:
                self.local[key] = blob


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = Store(
        megabytes=float(app.config.get("RESULT_CACHE_MB", 64)),
        redis_url=app.config.get("REDIS_URL") or None,
        prefix=app.config.get("RESULT_CACHE_PREFIX", "imant:answers:"),
        ttl=int(app.config.get("RESULT_CACHE_TTL", 3600)))


def _store() -> Store | None:
    if not has_app_context() or not current_app.config.get("RESULT_CACHE", True):
        return None
    return current_app.extensions.get(EXTENSION)


def data_version(tenant: str) -> str:
    """The tenant's data version and settings fingerprint (read once per request)."""
    memo: dict[str, str] = g.setdefault("data_versions", {}) if has_request_context() else {}
    if tenant not in memo:
        found = graph.read(version.read, tenant=tenant)
        programme = db.session.execute(
            db.select(Tenant).filter_by(slug=tenant)).scalar_one_or_none()
        settings = json.dumps([programme.name, programme.start_year, programme.settings]
                              if programme else None, sort_keys=True, default=str)
        memo[tenant] = f"{found.token}:{_digest(settings)[:16]}"
    return memo[tenant]


def forget_version(tenant: str) -> None:
    """After a write in this request: the next answer reads the new version."""
    if has_request_context():
        g.setdefault("data_versions", {}).pop(tenant, None)


def per_data_version(fn: Callable[..., T]) -> Callable[..., T]:
    """Cache `fn(*, tenant, **kwargs)` per tenant data version (keyword arguments only)."""
    name = f"{fn.__module__}.{fn.__qualname__}"

    @functools.wraps(fn)
    def cached(*, tenant: str, **kwargs: Any) -> T:
        return _per_version(name, lambda: fn(tenant=tenant, **kwargs), tenant, kwargs)

    cached.uncached = fn  # type: ignore[attr-defined]
    return cached


def read(fn: Callable[..., T], /, *, tenant: str, **kwargs: Any) -> T:
    """`graph.read(fn, tenant=tenant, **kwargs)`, answered once per tenant data version:
    for reads whose answer depends on the graph and the arguments only (the network
    lists)."""
    name = f"read:{fn.__module__}.{fn.__qualname__}"
    return _per_version(name, lambda: graph.read(fn, tenant=tenant, **kwargs), tenant, kwargs)


def _per_version(name: str, compute: Callable[[], T], tenant: str, kwargs: dict) -> T:
    store = _store()
    if store is None:
        return compute()
    key = f"{tenant}:{data_version(tenant)}:{name}:{_digest(_arguments(kwargs))}"
    return _through(store, key, compute)


def by_arguments(fn: Callable[..., T]) -> Callable[..., T]:
    """Cache a pure function of keyword arguments by those arguments."""
    name = f"{fn.__module__}.{fn.__qualname__}"

    @functools.wraps(fn)
    def cached(**kwargs: Any) -> T:
        store = _store()
        if store is None:
            return fn(**kwargs)
        return _through(store, f"pure:{name}:{_digest(_arguments(kwargs))}",
                        lambda: fn(**kwargs))

    return cached


def _through(store: Store, key: str, compute: Callable[[], T]) -> T:
    blob = store.get(key)
    if blob is not None:
        return pickle.loads(blob)  # noqa: S301 - written by this platform only
    value = compute()
    store.put(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    return value


def _arguments(kwargs: dict[str, Any]) -> str:
    return repr(sorted(kwargs.items()))


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()
