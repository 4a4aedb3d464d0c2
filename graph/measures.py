"""Transaction functions for balanced-schooling measures."""
from __future__ import annotations

from typing import Any

import neo4j

from graph.errors import Invalid
from graph.network_tx import (
    Check,
    checked,
    delete_node,
    item,
    page,
    require_new,
    require_reference,
    run_and_get,
)
from graph.queries import measures as cypher
from graph.queries import territory
from graph.schools import schools_with_municipality


def list_measures(tx: neo4j.ManagedTransaction, *, tenant: str, municipality: str | None = None,
                  kind: str | None = None, school: str | None = None, since: str | None = None,
                  until: str | None = None, skip: int = 0, limit: int = 50) -> dict:
    """One page of measures, latest start first; `since`/`until` (ISO dates) keep those
    active at some point in that period."""
    return page(tx, cypher.LIST_MEASURES, tenant=tenant, municipality=municipality, kind=kind,
                school=school, since=since, until=until, skip=skip, limit=limit)


def get_measure(tx: neo4j.ManagedTransaction, *, tenant: str, key: str) -> dict | None:
    return item(tx, cypher.GET_MEASURE, tenant=tenant, key=key)


def _require_schools_in(tx: neo4j.ManagedTransaction, *, tenant: str, municipality: str,
                        schools: list[str]) -> None:
    errors = []
    for row in schools_with_municipality(tx, tenant=tenant, keys=schools):
        if not row["found"]:
            errors.append({"field": "schools", "value": row["key"], "reason": "unknown school"})
        elif municipality not in row["municipalities"]:
            where = ", ".join(row["municipalities"]) or "no municipality"
            errors.append({"field": "schools", "value": row["key"],
                           "reason": f"not in municipality {municipality} (it is in {where})"})
    if errors:
        named = "; ".join(f"school {e['value']}: {e['reason']}" for e in errors)
        raise Invalid(f"A measure covers schools of its own municipality only ({named}).",
                      errors=errors)


def _cover(tx: neo4j.ManagedTransaction, *, tenant: str, key: str, schools: list[str]) -> None:
    tx.run(cypher.UNCOVER_MEASURE_SCHOOLS, tenant=tenant, key=key).consume()
    if schools:
        tx.run(cypher.COVER_MEASURE_SCHOOLS, tenant=tenant, key=key, schools=schools).consume()


def create_measure(tx: neo4j.ManagedTransaction, *, tenant: str, key: str, municipality: str,
                   props: dict[str, Any], schools: list[str]) -> dict:
    require_new(tx, cypher.MEASURE_EXISTS, tenant=tenant, key=key, what="measure")
    require_reference(tx, territory.MUNICIPALITY_EXISTS, tenant=tenant, key=municipality,
                      field="municipality", what="municipality")
    _require_schools_in(tx, tenant=tenant, municipality=municipality, schools=schools)
    tx.run(cypher.CREATE_MEASURE, tenant=tenant, key=key, municipality=municipality,
           props=props).consume()
    _cover(tx, tenant=tenant, key=key, schools=schools)
    return get_measure(tx, tenant=tenant, key=key)


def update_measure(tx: neo4j.ManagedTransaction, *, tenant: str, key: str,
                   props: dict[str, Any], schools: list[str] | None = None,
                   check: Check = None) -> dict:
    """Change a measure; `schools`, when given, replaces the schools it covers."""
    current = checked(tx, get_measure, tenant=tenant, key=key, what="measure", check=check)
    if schools is not None:
        _require_schools_in(tx, tenant=tenant, municipality=current["municipality"],
                            schools=schools)
        _cover(tx, tenant=tenant, key=key, schools=schools)
    return run_and_get(tx, get_measure, cypher.UPDATE_MEASURE, tenant=tenant, key=key,
                       props=props)


def delete_measure(tx: neo4j.ManagedTransaction, *, tenant: str, key: str,
                   check: Check = None) -> dict:
    return delete_node(tx, get_measure, cypher.DELETE_MEASURE, tenant=tenant, key=key,
                       what="measure", check=check)
