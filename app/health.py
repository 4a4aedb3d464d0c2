"""GET /healthz: both stores, 200 or 503 naming the one that is down."""
from __future__ import annotations

import logging

from flask import Flask, jsonify
from sqlalchemy import text

from app.extensions import csrf, db, graph

log = logging.getLogger(__name__)


def check_stores() -> dict[str, str]:
    """'ok' or 'unavailable' per store."""
    status = {}
    try:
        db.session.execute(text("SELECT 1"))
        status["sql"] = "ok"
    except Exception as exc:  # noqa: BLE001 - any failure means the store is down
        log.warning("healthz sql: %s", exc)
        db.session.rollback()
        status["sql"] = "unavailable"
    try:
        graph.ping()
        status["graph"] = "ok"
    except Exception as exc:  # noqa: BLE001
        log.warning("healthz graph: %s", exc)
        status["graph"] = "unavailable"
    return status


def healthz():
    stores = check_stores()
    down = [name for name, state in stores.items() if state != "ok"]
    body = {"status": "ok" if not down else "unavailable", **stores}
    if down:
        body["down"] = down
    return jsonify(body), 503 if down else 200


def init_app(app: Flask) -> None:
    app.add_url_rule("/healthz", "healthz", csrf.exempt(healthz))
