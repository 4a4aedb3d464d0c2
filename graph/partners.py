"""Transaction functions for partner institutions."""
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
    run_check,
)
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
    tx.run(cypher.CREATE_PARTNER, tenant=tenant, key=key, props=props).consume()
    return get_partner(tx, tenant=tenant, key=key)


def update_partner(tx: neo4j.ManagedTransaction, *, tenant: str, key: str,
                   props: dict[str, Any], check: Check = None) -> dict:
    current = require_item(get_partner(tx, tenant=tenant, key=key), what="partner", key=key)
    run_check(check, current)
    tx.run(cypher.UPDATE_PARTNER, tenant=tenant, key=key, props=props).consume()
    return get_partner(tx, tenant=tenant, key=key)


def delete_partner(tx: neo4j.ManagedTransaction, *, tenant: str, key: str) -> dict:
    """Delete a partner with no alliances; returns what was deleted."""
    current = require_item(get_partner(tx, tenant=tenant, key=key), what="partner", key=key)
    deps = tx.run(cypher.PARTNER_DEPENDANTS, tenant=tenant, key=key).single().data()
    refuse_dependants(f"Partner {key}", deps)
    tx.run(cypher.DELETE_PARTNER, tenant=tenant, key=key).consume()
    return current
