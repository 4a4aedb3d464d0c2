"""Domain errors mapped once to HTTP statuses, as HTML or JSON by the request."""
from __future__ import annotations

import contextlib
import logging

from flask import Flask, g, jsonify, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import InternalError, OperationalError, SQLAlchemyError
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


# the titles an error page shows, in the reader's language (JSON keeps the English name)
PAGE_TITLES = {"NotFound": _l("Not found"), "Forbidden": _l("Forbidden"),
               "Invalid": _l("Invalid input"), "Conflict": _l("Conflict"),
               "Service unavailable": _l("Service unavailable"),
               "Internal error": _l("Internal error"),
               # HTTP errors keep their standard English names
               "Bad Request": _l("Bad Request"), "Unauthorized": _l("Unauthorized"),
               "Not Found": _l("Not Found"), "Method Not Allowed": _l("Method Not Allowed"),
               "Request Entity Too Large": _l("Request Entity Too Large"),
               "Too Many Requests": _l("Too Many Requests")}


def error_response(status: int, title: str, message: str, errors: list | None = None):
    if wants_json():
        body = {"error": title, "message": message}
        if errors:
            body["errors"] = errors
        return jsonify(body), status
    title = str(PAGE_TITLES.get(title, title))
    try:
        page = render_template("error.html", status=status, title=title, message=message,
                               errors=errors or [])
    except SQLAlchemyError:  # the page shows who is logged in: without SQL, nobody
        _forget_user()
        page = render_template("error.html", status=status, title=title, message=message,
                               errors=errors or [])
    return page, status


def _domain(exc: DomainError):
    db.session.rollback()
    title = type(exc).__name__.replace("StoreUnavailable", "Service unavailable")
    return error_response(exc.status, title, exc.message, exc.errors)


def _forget_user() -> None:
    """Render without SQL: no user, tenant or membership to reload."""
    with contextlib.suppress(Exception):
        db.session.rollback()
    g._login_user = login_manager.anonymous_user()
    g.pop("access", None)
    g.pop("tenant", None)


def _sql_down(exc: OperationalError):
    log.error("SQL database unavailable: %s", exc)
    _forget_user()
    exc = StoreUnavailable("SQL")
    return error_response(exc.status, "Service unavailable", exc.message)


READ_ONLY_SQLSTATE = "25006"  # PostgreSQL: read_only_sql_transaction


def _sql_refused(exc: InternalError):
    """A read-only PostgreSQL is unavailable for writing; any other internal error is not ours
    to explain."""
    if getattr(exc.orig, "sqlstate", None) != READ_ONLY_SQLSTATE:
        raise exc
    return _sql_down(exc)


def _http(exc: HTTPException):
    return error_response(exc.code or 500, exc.name, exc.description or exc.name)


def _unexpected(exc: Exception):
    db.session.rollback()
    log.exception("unhandled error")
    return error_response(500, "Internal error",
                          _("Something went wrong on our side; the error has been logged."))


def init_app(app: Flask) -> None:
    app.register_error_handler(DomainError, _domain)
    app.register_error_handler(OperationalError, _sql_down)
    app.register_error_handler(InternalError, _sql_refused)
    app.register_error_handler(HTTPException, _http)
    if not app.testing:
        app.register_error_handler(Exception, _unexpected)
