"""Audit events, and writes that are one unit with their event.

A graph change and its audit event commit in the same graph transaction (graph.audit);
the event is then copied to the SQL audit log and cleared from the graph. The copy is
best-effort: when SQL cannot be written, the event waits in the graph and is copied by
the next change of the programme or at start-up (`mirror_all`), exactly once (SQL keeps
each event's key unique).
"""
from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy.exc import SQLAlchemyError

from app import cache
from app.extensions import db, graph
from app.models import AuditEvent, Tenant
from graph import audit as graph_audit
from graph.errors import StoreUnavailable

T = TypeVar("T")
Values = dict[str, Any] | None
log = logging.getLogger(__name__)
OUTBOX_BATCH = 500


def record(*, action: str, target: str, tenant_id: int | None, user_id: int | None,
           before: dict[str, Any] | None = None, after: dict[str, Any] | None = None) -> None:
    """Add the audit event of a SQL change to the current SQL transaction."""
    db.session.add(AuditEvent(action=action, target=target, tenant_id=tenant_id,
                              user_id=user_id, before=_plain(before), after=_plain(after)))


def _plain(value: dict[str, Any] | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return {k: (v if isinstance(v, str | int | float | bool | list | type(None)) else str(v))
            for k, v in value.items()}


def audited_write(fn: Callable[..., T], *, tenant: Tenant, user_id: int | None, action: str,
                  target: str, describe: Callable[[T], tuple[Values, Values]],
                  timeout: float | None = None, **params: Any) -> T:
    """Run the graph write `fn` and record its event in the same graph transaction.

    `describe(result)` gives the event's (before, after). If the transaction fails,
    neither the change nor the event exists; if it commits, both do, whatever SQL does.
    `timeout` replaces the usual transaction timeout (bulk imports).
    """
    tenant_id = tenant.id

    def event(result: T) -> dict[str, Any]:
        before, after = describe(result)
        return {"action": action, "target": target, "tenant_id": tenant_id,
                "user_id": user_id, "at": datetime.now(UTC).isoformat(),
                "before": json.dumps(_plain(before)), "after": json.dumps(_plain(after))}

    params = {"fn": fn, "tenant": tenant.slug, "event_key": uuid.uuid4().hex,
              "describe": event, **params}
    result = (graph.write_long(graph_audit.audited, timeout=timeout, **params) if timeout
              else graph.write(graph_audit.audited, **params))
    cache.forget_version(tenant.slug)
    mirror_outbox(tenant=tenant)
    return result


def _from_outbox(event: dict[str, Any]) -> AuditEvent:
    return AuditEvent(event_key=event["key"], action=event["action"], target=event["target"],
                      tenant_id=event["tenant_id"], user_id=event.get("user_id"),
                      at=datetime.fromisoformat(event["at"]),
                      before=json.loads(event.get("before") or "null"),
                      after=json.loads(event.get("after") or "null"))


def _mirror_batch(tenant: Tenant) -> int:
    events = graph.read(graph_audit.list_outbox, tenant=tenant.slug, limit=OUTBOX_BATCH)
    if not events:
        return 0
    keys = [event["key"] for event in events]
    known = set(db.session.scalars(
        db.select(AuditEvent.event_key).where(AuditEvent.event_key.in_(keys))))
    db.session.add_all(_from_outbox(event) for event in events if event["key"] not in known)
    db.session.commit()
    graph.write(graph_audit.clear_outbox, tenant=tenant.slug, keys=keys)
    return len(events)


def mirror_outbox(*, tenant: Tenant) -> int:
    """Copy the tenant's waiting audit events to SQL; how many were copied.

    Never raises for a store that is down: the events stay in the graph for the next try.
    """
    copied = 0
    try:
        while batch := _mirror_batch(tenant):
            copied += batch
            if batch < OUTBOX_BATCH:
                break
    except (SQLAlchemyError, StoreUnavailable) as exc:
        db.session.rollback()
        log.warning("audit events of %s wait in the graph until SQL can be written: %s",
                    tenant.slug, exc)
    return copied


def mirror_all() -> int:
    """Copy every programme's waiting audit events (at start-up); how many were copied."""
    try:
        tenants = db.session.scalars(db.select(Tenant).order_by(Tenant.id)).all()
    except SQLAlchemyError as exc:
        db.session.rollback()
        log.warning("audit events not copied at start-up: %s", exc)
        return 0
    return sum(mirror_outbox(tenant=tenant) for tenant in tenants)
