"""Transaction functions of the admission simulator: one market's schools, zones, applicants
and recorded enrolments (a municipality, a level, an entry year).

The applicants' rows hold flags, a home zone and ranked applications, never a family's
key; they are read by the worker that runs a scenario and never leave it.
"""
from __future__ import annotations

from typing import Any

import neo4j

from graph.queries import admission as q


def read_market(tx: neo4j.ManagedTransaction, *, tenant: str, municipality: str, year: int,
                level: str) -> dict[str, Any]:
    """{"schools", "zones", "applicants", "enrolments"} of one market, schools by key."""
    schools = tx.run(q.MARKET_SCHOOLS, tenant=tenant, municipality=municipality, year=year,
                     level=level).data()
    keys = [s["key"] for s in schools]
    zones = tx.run(q.MARKET_ZONES, tenant=tenant, municipality=municipality).data()
    applicants = tx.run(q.MARKET_APPLICANTS, tenant=tenant, year=year, schools=keys).data()
    enrolments = tx.run(q.MARKET_ENROLMENTS, tenant=tenant, year=year, schools=keys).data()
    return {"schools": schools, "zones": zones, "applicants": applicants,
            "enrolments": enrolments}


def read_places(tx: neo4j.ManagedTransaction, *, tenant: str, municipality: str, year: int,
                level: str) -> dict[str, Any]:
    """{"schools", "zones"} of one market: what a scenario's measures may name."""
    return {"schools": tx.run(q.MARKET_SCHOOLS, tenant=tenant, municipality=municipality,
                              year=year, level=level).data(),
            "zones": tx.run(q.MARKET_ZONES, tenant=tenant, municipality=municipality).data()}


def list_market_years(tx: neo4j.ManagedTransaction, *, tenant: str,
                      municipality: str | None = None) -> list[dict[str, Any]]:
    """[{"municipality", "year", "level"}] with applications (one municipality's, or all),
    latest year first."""
    return tx.run(q.MARKET_YEARS, tenant=tenant, municipality=municipality).data()
