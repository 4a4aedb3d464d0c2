"""Audit events and the unit of work that keeps the two stores in step."""
from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from app.extensions import db
from app.models import AuditEvent


def record(*, action: str, target: str, tenant_id: int | None, user_id: int | None,
           before: dict[str, Any] | None = None, after: dict[str, Any] | None = None) -> None:
    """Add an audit event to the current SQL transaction (committed by the unit of work)."""
    db.session.add(AuditEvent(action=action, target=target, tenant_id=tenant_id,
                              user_id=user_id, before=_plain(before), after=_plain(after)))


def _plain(value: dict[str, Any] | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return {k: (v if isinstance(v, str | int | float | bool | list | type(None)) else str(v))
            for k, v in value.items()}


@contextlib.contextmanager
def unit_of_work() -> Iterator[None]:
    """SQL changes commit only after the graph write inside succeeded; any error rolls back.

    Order: SQL rows are staged, the graph transaction commits, then SQL commits.
    A failed graph write leaves SQL untouched; a failed SQL commit after a graph
    write is the only gap, and the write functions are idempotent upserts so a
    retry converges.
    """
    try:
        yield
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
