"""Reads for `imant check`: every dated or linked record with what its rules need."""
from __future__ import annotations

import neo4j

from graph.queries import integrity as cypher

READS = {"assessment": cypher.ASSESSMENT_YEARS, "contribution": cypher.CONTRIBUTION_DATES,
         "measure": cypher.MEASURE_SCHOOLS_ELSEWHERE, "school_year": cypher.SCHOOL_YEAR_FIGURES}


def records_to_check(tx: neo4j.ManagedTransaction, *, tenant: str) -> dict[str, list[dict]]:
    """Per kind of record, its rows (key, value and the context its rule needs)."""
    return {kind: [dict(r) for r in tx.run(query, tenant=tenant)]
            for kind, query in READS.items()}
