"""GET /healthz: SQL takes writes and both stores answer within a deadline; 200, or 503
naming the store that does not."""
from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from time import monotonic

from flask import Flask, current_app, jsonify
from sqlalchemy import insert, text

from app.extensions import csrf, db, graph
from app.models import StoreProbe
from app.models.tenant import utcnow

log = logging.getLogger(__name__)
# checks run aside so a store that hangs cannot hold the answer past the deadline; a few
# threads at most wait on a frozen store, later checks then time out in the queue
_checks = ThreadPoolExecutor(max_workers=4, thread_name_prefix="imant-healthz")


def _sql_state() -> str:
    """'ok', 'read-only' (answers reads, refuses writes) or 'unavailable'."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001 - any failure means the store is down
        log.warning("healthz sql: %s", exc)
        db.session.rollback()
        return "unavailable"
    try:
        db.session.execute(insert(StoreProbe).values(at=utcnow()))
    except Exception as exc:  # noqa: BLE001
        log.warning("healthz sql cannot be written: %s", exc)
        return "read-only"
    finally:
        db.session.rollback()
    return "ok"


def _graph_state() -> str:
    try:
        graph.ping()
    except Exception as exc:  # noqa: BLE001
        log.warning("healthz graph: %s", exc)
        return "unavailable"
    return "ok"


def _with_context(app: Flask, check: Callable[[], str]) -> Callable[[], str]:
    def run() -> str:
        with app.app_context():
            try:
                return check()
            finally:
                db.session.remove()
    return run


def check_stores(*, deadline: float) -> dict[str, str]:
    """The state of each store: 'ok', 'read-only', 'unavailable' or 'timeout' (no answer
    within `deadline` seconds)."""
    app = current_app._get_current_object()
    pending = {name: _checks.submit(_with_context(app, check))
               for name, check in (("sql", _sql_state), ("graph", _graph_state))}
    ends = monotonic() + deadline
    status = {}
    for name, future in pending.items():
        try:
            status[name] = future.result(timeout=max(0.0, ends - monotonic()))
        except FutureTimeout:
            log.warning("healthz %s: no answer within %.1f s", name, deadline)
            status[name] = "timeout"
    return status


def healthz():
    stores = check_stores(deadline=current_app.config.get("HEALTH_TIMEOUT", 2.0))
    down = [name for name, state in stores.items() if state != "ok"]
    body = {"status": "ok" if not down else "unavailable", **stores}
    if down:
        body["down"] = down
    return jsonify(body), 503 if down else 200


def init_app(app: Flask) -> None:
    app.add_url_rule("/healthz", "healthz", csrf.exempt(healthz))
