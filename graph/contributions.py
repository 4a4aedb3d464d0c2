"""Transaction functions for contributions logged to alliances."""
from __future__ import annotations

from typing import Any

import neo4j

from graph.alliances import get_alliance
from graph.network_tx import (
    Check,
    checked,
    delete_node,
    item,
    page,
    require_new,
    require_referenced,
    run_and_get,
    run_check,
)
from graph.queries import contributions as cypher

FILTERS = ("alliance", "partner", "school", "kind", "year", "date_from", "date_to")


def _filters(given: dict[str, Any]) -> dict[str, Any]:
    return {name: given.get(name) for name in FILTERS}


def list_contributions(tx: neo4j.ManagedTransaction, *, tenant: str, skip: int = 0,
                       limit: int = 50, **filters: Any) -> dict:
    """One page of contributions, newest first; filters: alliance, partner, school, kind,
    year, date_from, date_to (ISO dates, inclusive)."""
    return page(tx, cypher.LIST_CONTRIBUTIONS, tenant=tenant, skip=skip, limit=limit,
                **_filters(filters))


def contribution_totals(tx: neo4j.ManagedTransaction, *, tenant: str,
                        **filters: Any) -> list[dict]:
    """Per kind: count, hours and people reached, over everything the filters select."""
    return [r.data() for r in tx.run(cypher.CONTRIBUTION_TOTALS, tenant=tenant,
                                      **_filters(filters))]


def contribution_totals_by_year(tx: neo4j.ManagedTransaction, *, tenant: str,
                                **filters: Any) -> list[dict]:
    """Per school year: count, hours and people reached, over what the filters select."""
    return [r.data() for r in tx.run(cypher.CONTRIBUTION_TOTALS_BY_YEAR, tenant=tenant,
                                      **_filters(filters))]


def get_contribution(tx: neo4j.ManagedTransaction, *, tenant: str, key: str) -> dict | None:
    """A contribution with its alliance, partner and school."""
    return item(tx, cypher.GET_CONTRIBUTION, tenant=tenant, key=key)


def create_contribution(tx: neo4j.ManagedTransaction, *, tenant: str, key: str, alliance: str,
                        props: dict[str, Any], check: Check = None) -> dict:
    """Log a contribution; `check` sees the alliance (scope rules) before anything is written."""
    require_new(tx, cypher.CONTRIBUTION_EXISTS, tenant=tenant, key=key, what="contribution")
    target = require_referenced(get_alliance(tx, tenant=tenant, key=alliance),
                                what="alliance", key=alliance, field="alliance")
    run_check(check, target)
    return run_and_get(tx, get_contribution, cypher.CREATE_CONTRIBUTION, tenant=tenant, key=key,
                       alliance=alliance, props=props)


def update_contribution(tx: neo4j.ManagedTransaction, *, tenant: str, key: str,
                        props: dict[str, Any], check: Check = None,
                        check_alliance: Check = None) -> dict:
    """Correct a contribution; `check` sees it, then `check_alliance` its alliance."""
    current = checked(tx, get_contribution, tenant=tenant, key=key, what="contribution",
                      check=check)
    if check_alliance is not None:
        run_check(check_alliance, get_alliance(tx, tenant=tenant, key=current["alliance"]))
    return run_and_get(tx, get_contribution, cypher.UPDATE_CONTRIBUTION, tenant=tenant, key=key,
                       props=props)


def delete_contribution(tx: neo4j.ManagedTransaction, *, tenant: str, key: str,
                        check: Check = None) -> dict:
    return delete_node(tx, get_contribution, cypher.DELETE_CONTRIBUTION, tenant=tenant, key=key,
                       what="contribution", check=check)
