"""Transaction functions for partner institutions."""
from __future__ import annotations

from typing import Any

import neo4j

from graph.model import AllianceStatus
from graph.network_tx import Check, checked, delete_node, item, page, require_new, run_and_get
from graph.queries import partners as cypher

ACTIVE = AllianceStatus.ACTIVE.value


def list_partners(tx: neo4j.ManagedTransaction, *, tenant: str, kind: str | None = None,
                  q: str | None = None, archived: bool = False, skip: int = 0,
                  limit: int = 50) -> dict:
    """One page of partners by name, each with its number of active alliances."""
    return page(tx, cypher.LIST_PARTNERS, tenant=tenant, kind=kind, q=q, archived=archived,
                active=ACTIVE, skip=skip, limit=limit)


def get_partner(tx: neo4j.ManagedTransaction, *, tenant: str, key: str) -> dict | None:
    return item(tx, cypher.GET_PARTNER, tenant=tenant, key=key, active=ACTIVE)


def create_partner(tx: neo4j.ManagedTransaction, *, tenant: str, key: str,
                   props: dict[str, Any]) -> dict:
    require_new(tx, cypher.PARTNER_EXISTS, tenant=tenant, key=key, what="partner")
    return run_and_get(tx, get_partner, cypher.CREATE_PARTNER, tenant=tenant, key=key,
                       props=props)


def update_partner(tx: neo4j.ManagedTransaction, *, tenant: str, key: str,
                   props: dict[str, Any], check: Check = None) -> dict:
    checked(tx, get_partner, tenant=tenant, key=key, what="partner", check=check)
    return run_and_get(tx, get_partner, cypher.UPDATE_PARTNER, tenant=tenant, key=key,
                       props=props)


def delete_partner(tx: neo4j.ManagedTransaction, *, tenant: str, key: str) -> dict:
    """Delete a partner with no alliances; returns what was deleted."""
    return delete_node(tx, get_partner, cypher.DELETE_PARTNER, tenant=tenant, key=key,
                       what="partner", dependants=cypher.PARTNER_DEPENDANTS)
