"""Transaction functions for reports: one whole-tenant snapshot, readers' schools, seeding."""
from __future__ import annotations

from typing import Any

import neo4j

from graph.queries import reports as q

SNAPSHOT_PARTS = {
    "municipalities": q.LIST_MUNICIPALITIES,
    "zones": q.LIST_ZONES,
    "partners": q.LIST_PARTNERS,
    "schools": q.LIST_SCHOOLS,
    "alliances": q.LIST_ALLIANCES,
    "alliance_partners": q.LIST_ALLIANCE_PARTNERS,
    "contributions": q.SUM_CONTRIBUTIONS,
    "assessments": q.LIST_ASSESSMENTS,
    "measures": q.LIST_MEASURES,
    "measure_coverage": q.LIST_MEASURE_COVERAGE,
    "school_years": q.LIST_SCHOOL_YEARS,
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


def list_schools_of_partner(tx: neo4j.ManagedTransaction, *, tenant: str,
                            key: str) -> list[str]:
    """Keys of the schools the partner has (or had) an alliance with."""
    return [r["school"] for r in tx.run(q.LIST_SCHOOLS_OF_PARTNER, tenant=tenant, key=key)]


def list_schools_of_municipality(tx: neo4j.ManagedTransaction, *, tenant: str,
                                 key: str) -> list[str]:
    """Keys of the schools in the municipality's zones."""
    return [r["school"] for r in tx.run(q.LIST_SCHOOLS_OF_MUNICIPALITY, tenant=tenant, key=key)]


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
