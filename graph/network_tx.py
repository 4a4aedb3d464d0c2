"""Helpers shared by the network's transaction functions: pages, lookups, dependants."""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import neo4j

from graph.errors import Conflict, Invalid, NotFound

Check = Callable[[dict], None] | None

# how each kind of dependant is named in a refusal: (singular, plural)
DEPENDANT_NAMES = {
    "zones": ("zone", "zones"),
    "measures": ("measure", "measures"),
    "schools": ("school", "schools"),
    "families": ("family living in it", "families living in it"),
    "alliances": ("alliance", "alliances"),
    "school_years": ("school year of figures", "school years of figures"),
    "applications": ("family application", "family applications"),
    "enrolments": ("family enrolment", "family enrolments"),
    "contributions": ("contribution", "contributions"),
    "assessments": ("stage assessment", "stage assessments"),
    "planning": ("planning record", "planning records"),
}
NAMED_AT_MOST = 10


def page(tx: neo4j.ManagedTransaction, query: str, *, skip: int, limit: int,
         **params: Any) -> dict:
    """Run a list query returning (total, items) for one page."""
    record = tx.run(query, skip=skip, stop=skip + limit, **params).single()
    if record is None:
        return {"total": 0, "items": []}
    return {"total": record["total"], "items": list(record["items"])}


def item(tx: neo4j.ManagedTransaction, query: str, **params: Any) -> dict | None:
    """The `item` column of the first record, or None."""
    record = tx.run(query, **params).single()
    return None if record is None else dict(record["item"])


def found(tx: neo4j.ManagedTransaction, query: str, **params: Any) -> bool:
    """True if the query returns at least one record."""
    return tx.run(query, **params).peek() is not None


def require_new(tx: neo4j.ManagedTransaction, query: str, *, tenant: str, key: str,
                what: str) -> None:
    """Refuse a key already taken by a node of this kind."""
    if found(tx, query, tenant=tenant, key=key):
        raise Conflict(f"A {what} with key {key!r} already exists.",
                       errors=[{"field": "key", "value": key, "reason": "already exists"}])


def _unknown(*, what: str, key: str, field: str) -> Invalid:
    return Invalid(f"Unknown {what} {key!r}.",
                   errors=[{"field": field, "value": key, "reason": f"unknown {what}"}])


def require_reference(tx: neo4j.ManagedTransaction, query: str, *, tenant: str, key: str,
                      field: str, what: str) -> None:
    """A key given in the input must name an existing node: otherwise the input is invalid."""
    if not found(tx, query, tenant=tenant, key=key):
        raise _unknown(what=what, key=key, field=field)


def require_referenced(value: dict | None, *, what: str, key: str, field: str) -> dict:
    """The node a key in the input names, read already; the input is invalid without it."""
    if value is None:
        raise _unknown(what=what, key=key, field=field)
    return value


def require_item(value: dict | None, *, what: str, key: str) -> dict:
    if value is None:
        raise NotFound(f"No {what} with key {key!r}.")
    return value


def run_check(check: Check, current: dict) -> None:
    if check is not None:
        check(current)


def checked(tx: neo4j.ManagedTransaction, get: Callable[..., dict | None], *, tenant: str,
            key: str, what: str, check: Check = None) -> dict:
    """The node as `get` reads it (NotFound without it), once `check` has accepted it."""
    current = require_item(get(tx, tenant=tenant, key=key), what=what, key=key)
    run_check(check, current)
    return current


def run_and_get(tx: neo4j.ManagedTransaction, get: Callable[..., dict | None], query: str, *,
                tenant: str, key: str, **params: Any) -> dict:
    """Run a query that creates or changes node `key`, then read the node with `get`."""
    tx.run(query, tenant=tenant, key=key, **params).consume()
    return get(tx, tenant=tenant, key=key)


def move(tx: neo4j.ManagedTransaction, *, tenant: str, key: str, field: str, to: str | None,
         now: str | None, exists: str, unlink: str, link: str) -> None:
    """Attach a node to another parent (a zone to a municipality, a school to a zone) when
    `to` is given and differs from the parent `now`; `field` names the parent's kind."""
    if to is None or to == now:
        return
    require_reference(tx, exists, tenant=tenant, key=to, field=field, what=field)
    tx.run(unlink, tenant=tenant, key=key).consume()
    tx.run(link, tenant=tenant, key=key, **{field: to}).consume()


def refuse_dependants(subject: str, dependants: Mapping[str, Sequence[str] | int]) -> None:
    """Raise Conflict naming what depends on `subject` (lists of keys, or bare counts)."""
    parts, errors = [], []
    for name, value in dependants.items():
        count = value if isinstance(value, int) else len(value)
        if not count:
            continue
        singular, plural = DEPENDANT_NAMES.get(name, (name, name))
        label = f"{count} {singular if count == 1 else plural}"
        if not isinstance(value, int):
            shown = ", ".join(value[:NAMED_AT_MOST])
            more = f" and {count - NAMED_AT_MOST} more" if count > NAMED_AT_MOST else ""
            label = f"{label}: {shown}{more}"
        parts.append(label)
        errors.append({"field": name, "value": value if isinstance(value, int)
                       else list(value[:NAMED_AT_MOST]), "reason": f"{count} depend on it"})
    if parts:
        raise Conflict(f"{subject} has {'; '.join(parts)}. Remove or move those first, "
                       "or archive it instead.", errors=errors)


def delete_node(tx: neo4j.ManagedTransaction, get: Callable[..., dict | None], query: str, *,
                tenant: str, key: str, what: str, dependants: str | None = None,
                check: Check = None) -> dict:
    """Delete a node `check` accepts and nothing depends on (the `dependants` query names
    them); returns what was deleted."""
    current = checked(tx, get, tenant=tenant, key=key, what=what, check=check)
    if dependants is not None:
        record = tx.run(dependants, tenant=tenant, key=key).single()
        refuse_dependants(f"{what.capitalize()} {key}", {} if record is None else record.data())
    tx.run(query, tenant=tenant, key=key).consume()
    return current
