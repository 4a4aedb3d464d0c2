"""The one graph driver per process, and the read()/write() wrappers every caller uses."""
from __future__ import annotations

import contextvars
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import neo4j
from neo4j import GraphDatabase
from neo4j.exceptions import (
    AuthError,
    ConstraintError,
    DatabaseUnavailable,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from graph import version
from graph.embedded import EmbeddedServer
from graph.errors import Conflict, StoreUnavailable
from graph.queries import system

T = TypeVar("T")
log = logging.getLogger(__name__)
UNAVAILABLE = (ServiceUnavailable, SessionExpired, DatabaseUnavailable, ConnectionError, OSError)


class GraphClient:
    """Owns the driver (and the embedded server when no URI is configured)."""

    def __init__(self) -> None:
        self._driver: neo4j.Driver | None = None
        self._lock = threading.Lock()
        self.uri: str | None = None
        self.auth: tuple[str, str] | None = None
        self.database = "imant"
        self.embedded: EmbeddedServer | None = None
        self.connect_timeout = 2.0
        self.retry_time = 5.0
        self.tx_timeout = 10.0
        self._silent = False  # the last transaction got no answer: wait less until one does

    def init_app(self, app: Any) -> None:
        cfg = app.config
        self.configure(uri=cfg.get("GRAPH_URI"), user=cfg.get("GRAPH_USER", "root"),
                       password=cfg.get("GRAPH_PASSWORD"), database=cfg["GRAPH_DATABASE"],
                       graph_dir=Path(cfg["GRAPH_DIR"]), heap=cfg.get("GRAPH_HEAP", "512m"),
                       connect_timeout=cfg.get("GRAPH_CONNECT_TIMEOUT", 2.0),
                       retry_time=cfg.get("GRAPH_RETRY_SECONDS", 5.0),
                       tx_timeout=cfg.get("GRAPH_TX_TIMEOUT", 10.0))
        app.extensions["graph"] = self

    def configure(self, *, uri: str | None, user: str, password: str | None, database: str,
                  graph_dir: Path, heap: str = "512m", connect_timeout: float = 2.0,
                  retry_time: float = 5.0, tx_timeout: float = 10.0) -> None:
        """Point at a server; with no URI, at the embedded one (started on first use).

        `connect_timeout` bounds each connection attempt, `retry_time` the driver's
        retries of a transaction and `tx_timeout` a whole transaction with its retries,
        so a dead or frozen server answers 503 in seconds, not minutes.
        """
        self.close()
        self.database = database
        self.connect_timeout, self.retry_time = connect_timeout, retry_time
        self.tx_timeout = tx_timeout
        if uri:
            self.uri, self.auth, self.embedded = uri, (user, password or ""), None
        else:
            self.uri, self.auth = None, None
            self.embedded = EmbeddedServer(graph_dir=graph_dir, database=database, heap=heap)

    def set_embedded_start(self, start: str) -> None:
        """Whether this process starts the embedded server, if none runs, for its own life
        ("attached"), to outlive it ("detached"), or only reuses one ("never")."""
        if self.embedded is not None:
            self.embedded.start = start

    @property
    def driver(self) -> neo4j.Driver:
        if self._driver is None:
            with self._lock:
                if self._driver is None:
                    self._driver = self._connect()
        return self._driver

    def _connect(self) -> neo4j.Driver:
        driver = None
        try:
            if self.embedded is not None:
                info = self.embedded.ensure()
                self.uri, self.auth = info.uri, ("root", info.password)
            driver = GraphDatabase.driver(
                self.uri, auth=self.auth, max_connection_lifetime=600,
                liveness_check_timeout=60, connection_timeout=self.connect_timeout,
                max_transaction_retry_time=self.retry_time)
            driver.verify_connectivity()
        except (*UNAVAILABLE, AuthError, RuntimeError) as exc:
            if driver is not None:
                driver.close()
            log.error("graph server at %s unavailable: %s", self.uri or "(embedded)", exc)
            raise StoreUnavailable("graph") from exc
        return driver

    def read(self, fn: Callable[..., T], /, **kwargs: Any) -> T:
        """Run a transaction function in a read transaction (retried by the driver)."""
        return self._bounded("read", fn, kwargs)

    def write(self, fn: Callable[..., T], /, **kwargs: Any) -> T:
        """Run a transaction function in a write transaction; a key race is retried once.

        A write that names a tenant (`tenant=`) replaces that tenant's data version in
        the same transaction (graph.version)."""
        fn = _versioned(fn, kwargs)
        try:
            return self._bounded("write", fn, kwargs)
        except Conflict as exc:
            if not isinstance(exc.__cause__, ConstraintError):
                raise
            return self._bounded("write", fn, kwargs)

    def write_long(self, fn: Callable[..., T], /, *, timeout: float, **kwargs: Any) -> T:
        """A write allowed `timeout` seconds rather than the usual transaction timeout
        (a bulk import); it replaces the tenant's data version like `write`."""
        return self._bounded("write", _versioned(fn, kwargs), kwargs, timeout=timeout)

    def _bounded(self, mode: str, fn: Callable[..., T], kwargs: dict, *,
                 timeout: float | None = None, again: bool = True) -> T:
        """Run the transaction in a worker thread and give up after the timeout.

        The driver has no read timeout of its own (only a server's hint sets one), so a
        frozen server would hold the caller forever. The transaction also carries the
        timeout for servers that enforce it, and a write given up on is rolled back
        should the server wake up before the transaction function returns.
        """
        seconds = self._allowed(timeout)
        given_up = threading.Event()
        ok, value = self._aside(
            lambda: self._execute(mode, _bounded_fn(fn, given_up, seconds), kwargs), seconds,
            on_silence=given_up.set)
        if ok:
            return value
        if isinstance(value, StoreUnavailable) and self.embedded is not None and again:
            # the process that started the embedded server has exited: start or find the
            # server again (transaction functions are idempotent)
            return self._bounded(mode, fn, kwargs, timeout=timeout, again=False)
        raise value

    def _allowed(self, timeout: float | None) -> float:
        seconds = timeout or self.tx_timeout
        if self._silent:  # the server did not answer last time: fail fast until it does
            seconds = min(seconds, self.connect_timeout)
        return seconds

    def _aside(self, call: Callable[[], T], seconds: float, *,
               on_silence: Callable[[], None] | None = None) -> tuple[bool, Any]:
        """(True, result) or (False, exception) of `call`; StoreUnavailable after `seconds`
        without an answer (`on_silence` is called first)."""
        if self.embedded is not None and self._driver is None:
            self._start_embedded()  # a cold start takes longer than a transaction may
        outcome = _run_aside(call, seconds)
        if outcome is None:
            if on_silence is not None:
                on_silence()
            self._silent = True
            # the connection stays with the driver: it is released (the transaction rolled
            # back) when the server answers again
            log.error("graph server at %s did not answer within %.0f s", self.uri, seconds)
            raise StoreUnavailable("graph", f"It did not answer within {seconds:.0f} s.")
        self._silent = False
        return outcome

    def _start_embedded(self) -> None:
        try:
            self.embedded.ensure()
        except RuntimeError as exc:
            log.error("embedded graph server unavailable: %s", exc)
            raise StoreUnavailable("graph") from exc

    def _execute(self, mode: str, fn: Callable[..., T], kwargs: dict) -> T:
        try:
            with self.driver.session(database=self.database) as session:
                run = session.execute_read if mode == "read" else session.execute_write
                return run(fn, **kwargs)
        except ConstraintError as exc:
            raise Conflict(f"A node with this key already exists ({exc.message})") from exc
        except UNAVAILABLE as exc:
            self._drop_driver()
            log.error("graph server at %s unavailable: %s", self.uri, exc)
            raise StoreUnavailable("graph") from exc
        except Neo4jError as exc:
            if "Unavailable" not in (exc.code or ""):
                raise
            log.error("graph server at %s unavailable: %s", self.uri, exc)
            raise StoreUnavailable("graph") from exc

    def run_schema(self, statement: str) -> None:
        """Run one schema statement in its own auto-commit transaction, bounded like the
        transactions."""
        ok, value = self._aside(lambda: self._run_schema(statement), self._allowed(None))
        if not ok:
            raise value

    def _run_schema(self, statement: str) -> None:
        try:
            with self.driver.session(database=self.database) as session:
                session.run(statement).consume()
        except UNAVAILABLE as exc:
            self._drop_driver()
            raise StoreUnavailable("graph") from exc

    def ping(self) -> bool:
        """True if a trivial query answers."""
        self.read(_ping)
        return True

    def _drop_driver(self) -> None:
        with self._lock:
            driver, self._driver = self._driver, None
        if driver is not None:
            driver.close()

    def close(self) -> None:
        """Close the driver (the embedded server stops with the process that started it)."""
        self._drop_driver()


def _run_aside(call: Callable[[], T], seconds: float) -> tuple[bool, Any] | None:
    """(True, result) or (False, exception) of `call` run in a thread that shares the
    caller's context; None if it has not finished after `seconds` (it is left to finish)."""
    outcome: list = []

    def run() -> None:
        try:
            outcome.append((True, call()))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller
            outcome.append((False, exc))

    worker = threading.Thread(target=contextvars.copy_context().run, args=(run,),
                              name="imant-graph-tx", daemon=True)
    worker.start()
    worker.join(seconds)
    return outcome[0] if outcome else None


class GivenUp(Exception):
    """The caller stopped waiting: the transaction must not commit."""


def _bounded_fn(fn: Callable[..., T], given_up: threading.Event,
                seconds: float) -> Callable[..., T]:
    @neo4j.unit_of_work(timeout=seconds)
    def bounded(tx: neo4j.ManagedTransaction, **kwargs: Any) -> T:
        result = fn(tx, **kwargs)
        if given_up.is_set():
            raise GivenUp("the caller gave up waiting; rolled back")
        return result
    return bounded


def _versioned(fn: Callable[..., T], kwargs: dict) -> Callable[..., T]:
    """`fn`, then the tenant's data version replaced, last, so the version's record is
    held only while the transaction commits (two writers of one tenant conflict there, and
    the driver retries the later one)."""
    if "tenant" not in kwargs:
        return fn

    def versioned(tx: neo4j.ManagedTransaction, **params: Any) -> T:
        result = fn(tx, **params)
        version.bump(tx, tenant=params["tenant"])
        return result
    return versioned


def _ping(tx: neo4j.ManagedTransaction) -> int:
    return tx.run(system.PING).single()["ok"]


graph = GraphClient()
