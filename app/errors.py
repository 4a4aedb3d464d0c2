"""Domain errors mapped once to HTTP statuses, as HTML or JSON by the request."""
from __future__ import annotations

import contextlib
import logging

from flask import Flask, g, jsonify, render_template, request
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

from app.extensions import db, login_manager
from graph.errors import DomainError, StoreUnavailable

log = logging.getLogger(__name__)


def wants_json() -> bool:
    """API paths and clients that prefer JSON get JSON errors."""
    if request.path.startswith("/api/") or request.path == "/healthz":
        return True
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return best == "application/json" and request.accept_mimetypes[best] > \
        request.accept_mimetypes["text/html"]


def error_response(status: int, title: str, message: str, errors: list | None = None):
    if wants_json():
        body = {"error": title, "message": message}
        if errors:
            body["errors"] = errors
        return jsonify(body), status
    return render_template("error.html", status=status, title=title, message=message,
                           errors=errors or []), status


def _domain(exc: DomainError):
    db.session.rollback()
    title = type(exc).__name__.replace("StoreUnavailable", "Service unavailable")
    return error_response(exc.status, title, exc.message, exc.errors)


def _sql_down(exc: OperationalError):
    with contextlib.suppress(Exception):
        db.session.rollback()
    log.error("SQL database unavailable: %s", exc)
    # the page must render without SQL: no user, tenant or membership to reload
    g._login_user = login_manager.anonymous_user()
    g.pop("access", None)
    g.pop("tenant", None)
    exc = StoreUnavailable("SQL")
    return error_response(exc.status, "Service unavailable", exc.message)


def _http(exc: HTTPException):
    return error_response(exc.code or 500, exc.name, exc.description or exc.name)


def _unexpected(exc: Exception):
    db.session.rollback()
    log.exception("unhandled error")
    return error_response(500, "Internal error",
                          "Something went wrong on our side; the error has been logged.")


def init_app(app: Flask) -> None:
    app.register_error_handler(DomainError, _domain)
    app.register_error_handler(OperationalError, _sql_down)
    app.register_error_handler(HTTPException, _http)
    if not app.testing:
        app.register_error_handler(Exception, _unexpected)
