"""Transaction functions for schools."""
from __future__ import annotations

from typing import Any

import neo4j

from graph.model import AllianceStatus
from graph.network_common import (
    Check,
    item,
    page,
    refuse_dependants,
    require_item,
    require_new,
    require_reference,
    run_check,
)
from graph.queries import schools as cypher
from graph.queries import territory

ACTIVE = AllianceStatus.ACTIVE.value


def list_schools(tx: neo4j.ManagedTransaction, *, tenant: str, municipality: str | None = None,
                 zone: str | None = None, level: str | None = None, q: str | None = None,
                 archived: bool = False, skip: int = 0, limit: int = 50) -> dict:
    """One page of schools by name, each with its zone, municipality and active alliance."""
    return page(tx, cypher.LIST_SCHOOLS, tenant=tenant, municipality=municipality, zone=zone,
                level=level, q=q, archived=archived, active=ACTIVE, skip=skip, limit=limit)


def get_school(tx: neo4j.ManagedTransaction, *, tenant: str, key: str) -> dict | None:
    return item(tx, cypher.GET_SCHOOL, tenant=tenant, key=key, active=ACTIVE)


def create_school(tx: neo4j.ManagedTransaction, *, tenant: str, key: str, zone: str,
                  props: dict[str, Any]) -> dict:
    require_new(tx, cypher.SCHOOL_EXISTS, tenant=tenant, key=key, what="school")
    require_reference(tx, territory.ZONE_EXISTS, tenant=tenant, key=zone, field="zone",
                      what="zone")
    tx.run(cypher.CREATE_SCHOOL, tenant=tenant, key=key, zone=zone, props=props).consume()
    return get_school(tx, tenant=tenant, key=key)


def update_school(tx: neo4j.ManagedTransaction, *, tenant: str, key: str, props: dict[str, Any],
                  zone: str | None = None, check: Check = None) -> dict:
    """Change a school's properties and, when given, its zone."""
    current = require_item(get_school(tx, tenant=tenant, key=key), what="school", key=key)
    run_check(check, current)
    if zone is not None and zone != current["zone"]:
        require_reference(tx, territory.ZONE_EXISTS, tenant=tenant, key=zone, field="zone",
                          what="zone")
        tx.run(cypher.UNLINK_SCHOOL_ZONE, tenant=tenant, key=key).consume()
        tx.run(cypher.LINK_SCHOOL_ZONE, tenant=tenant, key=key, zone=zone).consume()
    tx.run(cypher.UPDATE_SCHOOL, tenant=tenant, key=key, props=props).consume()
    return get_school(tx, tenant=tenant, key=key)


def school_dependants(tx: neo4j.ManagedTransaction, *, tenant: str, key: str) -> dict:
    """What hangs off a school: alliance and measure keys, counts of figures and family links."""
    record = tx.run(cypher.SCHOOL_DEPENDANTS, tenant=tenant, key=key).single()
    return {} if record is None else record.data()


def delete_school(tx: neo4j.ManagedTransaction, *, tenant: str, key: str) -> dict:
    """Delete a school nothing depends on; returns what was deleted."""
    current = require_item(get_school(tx, tenant=tenant, key=key), what="school", key=key)
    refuse_dependants(f"School {key}", school_dependants(tx, tenant=tenant, key=key))
    tx.run(cypher.DELETE_SCHOOL, tenant=tenant, key=key).consume()
    return current


def schools_with_municipality(tx: neo4j.ManagedTransaction, *, tenant: str,
                              keys: list[str]) -> list[dict]:
    """For each key: whether the school exists and the municipality (or none) it lies in."""
    return [{"key": r["key"], "found": r["found"], "municipalities": list(r["municipalities"])}
            for r in tx.run(cypher.SCHOOLS_WITH_MUNICIPALITY, tenant=tenant, keys=keys)]
