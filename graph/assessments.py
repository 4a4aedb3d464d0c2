"""Transaction functions for stage assessments (alliance × year × core component)."""
from __future__ import annotations

from typing import Any

import neo4j

from graph.alliances import get_alliance
from graph.network_tx import (
    Check,
    checked,
    delete_node,
    found,
    item,
    page,
    require_referenced,
    run_and_get,
    run_check,
)
from graph.queries import assessments as cypher


def assessment_key(*, alliance: str, year: int, component: str) -> str:
    """The stable key of an assessment: one per alliance, year and component."""
    return f"{alliance}:{year}:{component}"


def list_assessments(tx: neo4j.ManagedTransaction, *, tenant: str, alliance: str | None = None,
                     school: str | None = None, partner: str | None = None,
                     municipality: str | None = None, year: int | None = None,
                     component: str | None = None, stage: str | None = None, skip: int = 0,
                     limit: int = 50) -> dict:
    """One page of assessments by alliance, year and component."""
    return page(tx, cypher.LIST_ASSESSMENTS, tenant=tenant, alliance=alliance, school=school,
                partner=partner, municipality=municipality, year=year, component=component,
                stage=stage, skip=skip, limit=limit)


def get_assessment(tx: neo4j.ManagedTransaction, *, tenant: str, key: str) -> dict | None:
    return item(tx, cypher.GET_ASSESSMENT, tenant=tenant, key=key)


def upsert_assessment(tx: neo4j.ManagedTransaction, *, tenant: str, alliance: str, year: int,
                      component: str, props: dict[str, Any],
                      check: Check = None) -> tuple[dict, dict | None]:
    """Create or replace the assessment of (alliance, year, component).

    `check` sees the alliance first. Returns (assessment, the previous one or None).
    """
    target = require_referenced(get_alliance(tx, tenant=tenant, key=alliance),
                                what="alliance", key=alliance, field="alliance")
    run_check(check, target)
    key = assessment_key(alliance=alliance, year=year, component=component)
    before = get_assessment(tx, tenant=tenant, key=key) if found(
        tx, cypher.ASSESSMENT_EXISTS, tenant=tenant, key=key) else None
    tx.run(cypher.UPSERT_ASSESSMENT, tenant=tenant, key=key, alliance=alliance,
           props={**props, "year": year, "component": component}).consume()
    return get_assessment(tx, tenant=tenant, key=key), before


def update_assessment(tx: neo4j.ManagedTransaction, *, tenant: str, key: str,
                      props: dict[str, Any], check: Check = None) -> dict:
    checked(tx, get_assessment, tenant=tenant, key=key, what="assessment", check=check)
    return run_and_get(tx, get_assessment, cypher.UPDATE_ASSESSMENT, tenant=tenant, key=key,
                       props=props)


def delete_assessment(tx: neo4j.ManagedTransaction, *, tenant: str, key: str,
                      check: Check = None) -> dict:
    return delete_node(tx, get_assessment, cypher.DELETE_ASSESSMENT, tenant=tenant, key=key,
                       what="assessment", check=check)
