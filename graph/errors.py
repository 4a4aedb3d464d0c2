"""Domain errors shared by every layer; the app maps each to an HTTP status once."""
from __future__ import annotations


class DomainError(Exception):
    """Base of the errors a user can be told about."""

    status = 400

    def __init__(self, message: str, *, errors: list[dict] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.errors = errors or []


class NotFound(DomainError):
    """The thing asked for does not exist (or is not visible to the caller)."""

    status = 404


class Conflict(DomainError):
    """The request clashes with existing data (duplicate key, dependants)."""

    status = 409


class Invalid(DomainError):
    """The input is wrong; `errors` names each field, line and value."""

    status = 422


class Forbidden(DomainError):
    """The caller may not do this."""

    status = 403


class StoreUnavailable(DomainError):
    """A store (graph or SQL) cannot be reached."""

    status = 503

    def __init__(self, store: str, detail: str = "") -> None:
        super().__init__(f"The {store} database is unavailable. {detail}".strip())
        self.store = store
