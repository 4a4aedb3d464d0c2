"""Transaction functions for an alliance's yearly budget lines (source, planned, secured,
spent), which the sustainability benchmark reads through domain.planning.sustainability_share.
"""
from __future__ import annotations

from typing import Any

import neo4j

from domain.planning import invalid, is_choice, require_school_year, validate_budget_line
from graph.errors import Conflict
from graph.model import BudgetSource
from graph.network_tx import require_item
from graph.planning import live_alliance
from graph.queries import budget as cypher

BUDGET_FIELDS = ("year", "source", "planned", "secured", "spent", "overspend",
                 "overspend_reason", "description")


def _list(tx: neo4j.ManagedTransaction, **params: Any) -> list[dict]:
    return [dict(r["item"]) for r in tx.run(cypher.LIST_BUDGET_LINES, **params)]


def list_budget_lines(tx: neo4j.ManagedTransaction, *, tenant: str, alliance: str | None = None,
                      year: int | None = None) -> list[dict]:
    """Budget lines by alliance, year and source."""
    return _list(tx, tenant=tenant, alliance=alliance, year=year, key=None)


def get_budget_line(tx: neo4j.ManagedTransaction, *, tenant: str, key: str) -> dict | None:
    found = _list(tx, tenant=tenant, alliance=None, year=None, key=key)
    return found[0] if found else None


def checked_props(props: dict[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(props) - set(BUDGET_FIELDS))
    if unknown:
        raise invalid(unknown[0], props[unknown[0]], "not a field of a budget line")
    source = props.get("source")
    require_school_year("year", props.get("year"))
    if not is_choice(source, BudgetSource):
        raise invalid("source", source, f"not one of {', '.join(BudgetSource)}")
    amounts = {name: props.get(name, 0) for name in ("planned", "secured", "spent")}
    for name, value in amounts.items():
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise invalid(name, value, "must be a non-negative amount")
    overspend = bool(props.get("overspend", False))
    validate_budget_line(**amounts, overspend=overspend,
                         overspend_reason=props.get("overspend_reason"))
    return {**{name: props.get(name) for name in BUDGET_FIELDS},
            **{name: float(value) for name, value in amounts.items()}, "overspend": overspend}


def upsert_budget_line(tx: neo4j.ManagedTransaction, *, tenant: str, alliance: str, key: str,
                       props: dict[str, Any]) -> dict:
    """Create or replace budget line `key` of the alliance (it never moves to another)."""
    live_alliance(tx, tenant=tenant, alliance=alliance)
    record = tx.run(cypher.BUDGET_LINE_OWNER, tenant=tenant, key=key).single()
    if record is not None and record["alliance"] != alliance:
        raise Conflict(f"Budget line {key!r} belongs to alliance {record['alliance']}.",
                       errors=[{"field": "key", "value": key,
                                "reason": f"belongs to alliance {record['alliance']}"}])
    tx.run(cypher.UPSERT_BUDGET_LINE, tenant=tenant, alliance=alliance, key=key,
           props=checked_props(props)).consume()
    return get_budget_line(tx, tenant=tenant, key=key)


def delete_budget_line(tx: neo4j.ManagedTransaction, *, tenant: str, key: str) -> dict:
    current = require_item(get_budget_line(tx, tenant=tenant, key=key), what="budget line",
                           key=key)
    tx.run(cypher.DELETE_BUDGET_LINE, tenant=tenant, key=key).consume()
    return current
