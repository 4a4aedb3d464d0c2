"""Transaction functions for reports: one whole-tenant snapshot, readers' schools, seeding."""
from __future__ import annotations

from typing import Any

import neo4j

from graph import budget, objectives, planning, self_assessments
from graph import indicators as gi
from graph.queries import reports as q

SNAPSHOT_PARTS = {
    "municipalities": q.LIST_MUNICIPALITIES,
    "zones": q.LIST_ZONES,
    "partners": q.LIST_PARTNERS,
    "schools": q.LIST_SCHOOLS,
    "alliances": q.LIST_ALLIANCES,
    "alliance_partners": q.LIST_ALLIANCE_PARTNERS,
    "contributions": q.LIST_CONTRIBUTIONS,
    "assessments": q.LIST_ASSESSMENTS,
    "measures": q.LIST_MEASURES,
    "measure_coverage": q.LIST_MEASURE_COVERAGE,
}

SEED_ORDER = (
    ("municipalities", q.SEED_MUNICIPALITIES), ("zones", q.SEED_ZONES),
    ("partners", q.SEED_PARTNERS), ("schools", q.SEED_SCHOOLS),
    ("alliances", q.SEED_ALLIANCES), ("contributions", q.SEED_CONTRIBUTIONS),
    ("measures", q.SEED_MEASURES), ("measure_coverage", q.SEED_MEASURE_COVERAGE),
    ("school_years", q.SEED_SCHOOL_YEARS), ("assessments", q.SEED_ASSESSMENTS),
)


def read_network(tx: neo4j.ManagedTransaction, *, tenant: str) -> dict[str, list[dict]]:
    """Every row a report or bundle needs, one list per aggregate, in one read transaction."""
    return {name: [record.data() for record in tx.run(statement, tenant=tenant)]
            for name, statement in SNAPSHOT_PARTS.items()}


def read_planning(tx: neo4j.ManagedTransaction, *, tenant: str) -> dict[str, list[dict]]:
    """Every alliance's objectives (with typed-in values), current plan actions, budget
    lines, self-assessment revisions, accepted ratings and latest logic model."""
    return {"objectives": objectives.list_objectives(tx, tenant=tenant),
            "actions": planning.list_current_actions(tx, tenant=tenant),
            "budget_lines": budget.list_budget_lines(tx, tenant=tenant),
            "self_assessments": self_assessments.list_self_assessments(tx, tenant=tenant),
            "ratings": self_assessments.list_ratings(tx, tenant=tenant),
            "logic_models": planning.list_latest_logic_models(tx, tenant=tenant)}


def read_snapshot(tx: neo4j.ManagedTransaction, *, tenant: str) -> dict[str, Any]:
    """The network rows, the planning records and the indicator counts of every school and
    year, in one transaction: the enrolment counts are read exactly as the indicator pages
    read them."""
    years = gi.list_years(tx, tenant=tenant)
    return {"network": read_network(tx, tenant=tenant), "years": years,
            "planning": read_planning(tx, tenant=tenant),
            "counts": gi.read_territory_counts(tx, tenant=tenant, level="programme", key=None,
                                               years=years)}


def seed_network(tx: neo4j.ManagedTransaction, *, tenant: str,
                 network: dict[str, list[dict[str, Any]]], batch: int = 2000) -> int:
    """Write a synthetic network (tests, benchmark) in batches; returns rows written."""
    written = 0
    for name, statement in SEED_ORDER:
        rows = network.get(name) or []
        for start in range(0, len(rows), batch):
            tx.run(statement, tenant=tenant, rows=rows[start:start + batch]).consume()
        written += len(rows)
    return written
