"""Audited writes: the change and its audit event commit in one graph transaction.

The event waits in the graph (an `AuditEvent` node, the outbox) until the app has copied
it to the SQL audit log and removed it; so a change is never in the graph without its
event, and an event never exists for a change that was rolled back.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import neo4j

from graph.queries import audit as q

T = TypeVar("T")
Describe = Callable[[Any], dict[str, Any]]


def audited(tx: neo4j.ManagedTransaction, *, fn: Callable[..., T], tenant: str, event_key: str,
            describe: Describe, **params: Any) -> T:
    """Run `fn` and record the event `describe(result)` in the same transaction.

    Idempotent like every transaction function: a retry re-runs both, and the event is
    merged on its key.
    """
    result = fn(tx, tenant=tenant, **params)
    tx.run(q.CREATE_AUDIT_EVENT, tenant=tenant, key=event_key, props=describe(result)).consume()
    return result


def list_outbox(tx: neo4j.ManagedTransaction, *, tenant: str, limit: int = 500) -> list[dict]:
    """The tenant's events not yet copied to SQL, oldest first."""
    return [dict(r["event"]) for r in tx.run(q.LIST_AUDIT_OUTBOX, tenant=tenant, limit=limit)]


def clear_outbox(tx: neo4j.ManagedTransaction, *, tenant: str, keys: list[str]) -> None:
    """Remove events once they are in SQL."""
    tx.run(q.DELETE_AUDIT_EVENTS, tenant=tenant, keys=keys).consume()
