"""Transaction functions for schools."""
from __future__ import annotations

from typing import Any

import neo4j

from graph.model import AllianceStatus
from graph.network_tx import (
    Check,
    checked,
    delete_node,
    item,
    move,
    page,
    require_new,
    require_reference,
    run_and_get,
)
from graph.queries import schools as cypher
from graph.queries import territory

ACTIVE = AllianceStatus.ACTIVE.value


def list_schools(tx: neo4j.ManagedTransaction, *, tenant: str, municipality: str | None = None,
                 zone: str | None = None, level: str | None = None, q: str | None = None,
                 archived: bool = False, skip: int = 0, limit: int = 50) -> dict:
    """One page of schools by name, each with its zone, municipality and active alliance."""
    alliances: dict[str, list[dict]] = {}
    for row in tx.run(cypher.LIST_ACTIVE_ALLIANCES, tenant=tenant, active=ACTIVE):
        alliances.setdefault(row["school"], []).append(row.data())
    return page(tx, cypher.LIST_SCHOOLS, tenant=tenant, municipality=municipality, zone=zone,
                level=level, q=q, archived=archived, alliances=alliances, skip=skip,
                limit=limit)


def get_school(tx: neo4j.ManagedTransaction, *, tenant: str, key: str) -> dict | None:
    return item(tx, cypher.GET_SCHOOL, tenant=tenant, key=key, active=ACTIVE)


def create_school(tx: neo4j.ManagedTransaction, *, tenant: str, key: str, zone: str,
                  props: dict[str, Any]) -> dict:
    require_new(tx, cypher.SCHOOL_EXISTS, tenant=tenant, key=key, what="school")
    require_reference(tx, territory.ZONE_EXISTS, tenant=tenant, key=zone, field="zone",
                      what="zone")
    return run_and_get(tx, get_school, cypher.CREATE_SCHOOL, tenant=tenant, key=key, zone=zone,
                       props=props)


def update_school(tx: neo4j.ManagedTransaction, *, tenant: str, key: str, props: dict[str, Any],
                  zone: str | None = None, check: Check = None) -> dict:
    """Change a school's properties and, when given, its zone."""
    current = checked(tx, get_school, tenant=tenant, key=key, what="school", check=check)
    move(tx, tenant=tenant, key=key, field="zone", to=zone, now=current["zone"],
         exists=territory.ZONE_EXISTS, unlink=cypher.UNLINK_SCHOOL_ZONE,
         link=cypher.LINK_SCHOOL_ZONE)
    return run_and_get(tx, get_school, cypher.UPDATE_SCHOOL, tenant=tenant, key=key, props=props)


def delete_school(tx: neo4j.ManagedTransaction, *, tenant: str, key: str) -> dict:
    """Delete a school nothing depends on (alliance and measure keys, counts of figures and
    family links are named); returns what was deleted."""
    return delete_node(tx, get_school, cypher.DELETE_SCHOOL, tenant=tenant, key=key,
                       what="school", dependants=cypher.SCHOOL_DEPENDANTS)


def schools_with_municipality(tx: neo4j.ManagedTransaction, *, tenant: str,
                              keys: list[str]) -> list[dict]:
    """For each key: whether the school exists and the municipality (or none) it lies in."""
    return [{"key": r["key"], "found": r["found"], "municipalities": list(r["municipalities"])}
            for r in tx.run(cypher.SCHOOLS_WITH_MUNICIPALITY, tenant=tenant, keys=keys)]
