"""Transaction functions for municipalities and zones."""
from __future__ import annotations

from typing import Any

import neo4j

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
    return run_and_get(tx, get_municipality, cypher.CREATE_MUNICIPALITY, tenant=tenant, key=key,
                       props=props)


def update_municipality(tx: neo4j.ManagedTransaction, *, tenant: str, key: str,
                        props: dict[str, Any], check: Check = None) -> dict:
    checked(tx, get_municipality, tenant=tenant, key=key, what="municipality", check=check)
    return run_and_get(tx, get_municipality, cypher.UPDATE_MUNICIPALITY, tenant=tenant, key=key,
                       props=props)


def delete_municipality(tx: neo4j.ManagedTransaction, *, tenant: str, key: str) -> dict:
    """Delete a municipality nothing depends on; returns what was deleted."""
    return delete_node(tx, get_municipality, cypher.DELETE_MUNICIPALITY, tenant=tenant,
                       key=key, what="municipality",
                       dependants=cypher.MUNICIPALITY_DEPENDANTS)


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
    return run_and_get(tx, get_zone, cypher.CREATE_ZONE, tenant=tenant, key=key,
                       municipality=municipality, props=props)


def update_zone(tx: neo4j.ManagedTransaction, *, tenant: str, key: str, props: dict[str, Any],
                municipality: str | None = None, check: Check = None) -> dict:
    """Change a zone's properties and, when given, the municipality it is part of."""
    current = checked(tx, get_zone, tenant=tenant, key=key, what="zone", check=check)
    move(tx, tenant=tenant, key=key, field="municipality", to=municipality,
         now=current["municipality"], exists=cypher.MUNICIPALITY_EXISTS,
         unlink=cypher.UNLINK_ZONE_MUNICIPALITY, link=cypher.LINK_ZONE_MUNICIPALITY)
    return run_and_get(tx, get_zone, cypher.UPDATE_ZONE, tenant=tenant, key=key, props=props)


def delete_zone(tx: neo4j.ManagedTransaction, *, tenant: str, key: str) -> dict:
    """Delete a zone with no schools and no families living in it."""
    return delete_node(tx, get_zone, cypher.DELETE_ZONE, tenant=tenant, key=key, what="zone",
                       dependants=cypher.ZONE_DEPENDANTS)
