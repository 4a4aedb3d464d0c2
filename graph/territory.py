"""Transaction functions for municipalities and zones."""
from __future__ import annotations

from typing import Any

import neo4j

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
from graph.queries import territory as cypher


def list_municipalities(tx: neo4j.ManagedTransaction, *, tenant: str, q: str | None = None,
                        archived: bool = False, skip: int = 0, limit: int = 50) -> dict:
    """One page of municipalities by name: {"total", "items"}."""
    return page(tx, cypher.LIST_MUNICIPALITIES, tenant=tenant, q=q, archived=archived,
                skip=skip, limit=limit)


def get_municipality(tx: neo4j.ManagedTransaction, *, tenant: str, key: str) -> dict | None:
    """A municipality with its zones and counts of schools and measures, or None."""
    return item(tx, cypher.GET_MUNICIPALITY, tenant=tenant, key=key)


def create_municipality(tx: neo4j.ManagedTransaction, *, tenant: str, key: str,
                        props: dict[str, Any]) -> dict:
    require_new(tx, cypher.MUNICIPALITY_EXISTS, tenant=tenant, key=key, what="municipality")
    tx.run(cypher.CREATE_MUNICIPALITY, tenant=tenant, key=key, props=props).consume()
    return get_municipality(tx, tenant=tenant, key=key)


def update_municipality(tx: neo4j.ManagedTransaction, *, tenant: str, key: str,
                        props: dict[str, Any], check: Check = None) -> dict:
    current = require_item(get_municipality(tx, tenant=tenant, key=key),
                           what="municipality", key=key)
    run_check(check, current)
    tx.run(cypher.UPDATE_MUNICIPALITY, tenant=tenant, key=key, props=props).consume()
    return get_municipality(tx, tenant=tenant, key=key)


def delete_municipality(tx: neo4j.ManagedTransaction, *, tenant: str, key: str) -> dict:
    """Delete a municipality nothing depends on; returns what was deleted."""
    current = require_item(get_municipality(tx, tenant=tenant, key=key),
                           what="municipality", key=key)
    deps = tx.run(cypher.MUNICIPALITY_DEPENDANTS, tenant=tenant, key=key).single().data()
    refuse_dependants(f"Municipality {key}", deps)
    tx.run(cypher.DELETE_MUNICIPALITY, tenant=tenant, key=key).consume()
    return current


def list_zones(tx: neo4j.ManagedTransaction, *, tenant: str, municipality: str | None = None,
               q: str | None = None, archived: bool = False, skip: int = 0,
               limit: int = 50) -> dict:
    """One page of zones by municipality and name: {"total", "items"}."""
    return page(tx, cypher.LIST_ZONES, tenant=tenant, municipality=municipality, q=q,
                archived=archived, skip=skip, limit=limit)


def get_zone(tx: neo4j.ManagedTransaction, *, tenant: str, key: str) -> dict | None:
    return item(tx, cypher.GET_ZONE, tenant=tenant, key=key)


def create_zone(tx: neo4j.ManagedTransaction, *, tenant: str, key: str, municipality: str,
                props: dict[str, Any]) -> dict:
    require_new(tx, cypher.ZONE_EXISTS, tenant=tenant, key=key, what="zone")
    require_reference(tx, cypher.MUNICIPALITY_EXISTS, tenant=tenant, key=municipality,
                      field="municipality", what="municipality")
    tx.run(cypher.CREATE_ZONE, tenant=tenant, key=key, municipality=municipality,
           props=props).consume()
    return get_zone(tx, tenant=tenant, key=key)


def update_zone(tx: neo4j.ManagedTransaction, *, tenant: str, key: str, props: dict[str, Any],
                municipality: str | None = None, check: Check = None) -> dict:
    """Change a zone's properties and, when given, the municipality it is part of."""
    current = require_item(get_zone(tx, tenant=tenant, key=key), what="zone", key=key)
    run_check(check, current)
    if municipality is not None and municipality != current["municipality"]:
        require_reference(tx, cypher.MUNICIPALITY_EXISTS, tenant=tenant, key=municipality,
                          field="municipality", what="municipality")
        tx.run(cypher.UNLINK_ZONE_MUNICIPALITY, tenant=tenant, key=key).consume()
        tx.run(cypher.LINK_ZONE_MUNICIPALITY, tenant=tenant, key=key,
               municipality=municipality).consume()
    tx.run(cypher.UPDATE_ZONE, tenant=tenant, key=key, props=props).consume()
    return get_zone(tx, tenant=tenant, key=key)


def delete_zone(tx: neo4j.ManagedTransaction, *, tenant: str, key: str) -> dict:
    """Delete a zone with no schools and no families living in it."""
    current = require_item(get_zone(tx, tenant=tenant, key=key), what="zone", key=key)
    deps = tx.run(cypher.ZONE_DEPENDANTS, tenant=tenant, key=key).single().data()
    refuse_dependants(f"Zone {key}", deps)
    tx.run(cypher.DELETE_ZONE, tenant=tenant, key=key).consume()
    return current
