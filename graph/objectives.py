"""Transaction functions for an alliance's measurable objectives and the values typed in each
year for manual ones. Status is not stored: it is computed each year from Imant's own
indicators with domain.objectives.objective_status."""
from __future__ import annotations

from typing import Any

import neo4j

from domain.objectives import validate_objective
from domain.planning import invalid, require_school_year
from graph.errors import Conflict
from graph.model import Metric
from graph.network_tx import refuse_dependants, require_item
from graph.planning import live_alliance, objective_owners
from graph.queries import objectives as cypher

OBJECTIVE_FIELDS = ("title", "metric", "group", "component", "unit", "baseline",
                    "baseline_year", "baseline_reason", "target", "direction", "target_year")
DEFINITION = ("metric", "group", "component", "unit", "baseline", "baseline_year", "target",
              "direction", "target_year")


def _list(tx: neo4j.ManagedTransaction, **params: Any) -> list[dict]:
    return [dict(r["item"]) for r in tx.run(cypher.LIST_OBJECTIVES, **params)]


def list_objectives(tx: neo4j.ManagedTransaction, *, tenant: str, alliance: str | None = None,
                    school: str | None = None) -> list[dict]:
    """Objectives of one alliance, of one school's alliances, or of the whole programme, each
    with its alliance, school and typed-in values by year."""
    return _list(tx, tenant=tenant, alliance=alliance, school=school, key=None)


def get_objective(tx: neo4j.ManagedTransaction, *, tenant: str, key: str) -> dict | None:
    found = _list(tx, tenant=tenant, alliance=None, school=None, key=key)
    return found[0] if found else None


def upsert_objective(tx: neo4j.ManagedTransaction, *, tenant: str, alliance: str, key: str,
                     props: dict[str, Any]) -> dict:
    """Create or replace objective `key` of the alliance with its whole definition
    (see domain.objectives.validate_objective); an objective never moves to another alliance.
    """
    live_alliance(tx, tenant=tenant, alliance=alliance)
    owner = objective_owners(tx, tenant=tenant, keys=[key])[key]
    if owner not in (None, alliance):
        raise Conflict(f"Objective {key!r} belongs to alliance {owner}.",
                       errors=[{"field": "key", "value": key,
                                "reason": f"belongs to alliance {owner}"}])
    unknown = sorted(set(props) - set(OBJECTIVE_FIELDS))
    if unknown:
        raise invalid(unknown[0], props[unknown[0]], "not a field of an objective")
    title = props.get("title")
    if not isinstance(title, str) or not title.strip():
        raise invalid("title", title, "an objective needs a title")
    validate_objective(**{name: props.get(name) for name in DEFINITION})
    values = {name: props.get(name) for name in OBJECTIVE_FIELDS}
    tx.run(cypher.UPSERT_OBJECTIVE, tenant=tenant, alliance=alliance, key=key,
           props={**values, "title": title.strip()}).consume()
    return get_objective(tx, tenant=tenant, key=key)


def set_objective_value(tx: neo4j.ManagedTransaction, *, tenant: str, objective: str,
                        year: int, value: float | None, by: str) -> dict:
    """Type in (or, with None, clear) a manual objective's value for one school year."""
    current = require_item(get_objective(tx, tenant=tenant, key=objective), what="objective",
                           key=objective)
    live_alliance(tx, tenant=tenant, alliance=current["alliance"])
    if current["metric"] != Metric.MANUAL:
        raise invalid("value", value, f"a {current['metric']} objective is computed by Imant; "
                      "only a manual objective takes typed-in values")
    if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
        raise invalid("value", value, "must be a number")
    require_school_year("year", year)
    key = f"{objective}:{year}"
    if value is None:
        tx.run(cypher.DELETE_OBJECTIVE_VALUE, tenant=tenant, key=key).consume()
    else:
        tx.run(cypher.SET_OBJECTIVE_VALUE, tenant=tenant, objective=objective, key=key,
               props={"year": year, "value": float(value), "entered_by": by}).consume()
    return get_objective(tx, tenant=tenant, key=objective)


def delete_objective(tx: neo4j.ManagedTransaction, *, tenant: str, key: str) -> dict:
    """Delete an objective no logic-model or plan revision points to; returns it."""
    current = require_item(get_objective(tx, tenant=tenant, key=key), what="objective", key=key)
    record = tx.run(cypher.OBJECTIVE_DEPENDANTS, tenant=tenant, key=key).single()
    refuse_dependants(f"Objective {key}", record.data())
    tx.run(cypher.DELETE_OBJECTIVE, tenant=tenant, key=key).consume()
    return current
