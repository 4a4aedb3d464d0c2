"""Transaction functions that read the counts behind the indicators (and seed test networks).

A territory read is one transaction with at most three statements, whatever the
number of schools or years: the figures first, then the family enrolments and
first-choice applications only when some school lacks the figures for a year.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import neo4j

from graph import family_counts
from graph.queries import family_counts as fq
from graph.queries import indicators as q

LEVELS = ("zone", "municipality", "programme")
FIGURES = {"zone": q.SCHOOL_FIGURES_IN_ZONE, "municipality": q.SCHOOL_FIGURES_IN_MUNICIPALITY,
           "programme": q.SCHOOL_FIGURES_IN_PROGRAMME}
FAMILY_COUNTS = {"zone": fq.COUNTS_IN_ZONE, "municipality": fq.COUNTS_IN_MUNICIPALITY,
                 "programme": fq.COUNTS_IN_PROGRAMME}
GROUP_COUNTS = ("disadvantaged", "migrant", "nese", "disadvantaged_not_migrant")
ENROLMENT_FIELDS = ("enrolled_total", "enrolled_disadvantaged", "enrolled_migrant",
                    "enrolled_nese")
DEMAND_FIELDS = ("first_choice_applications", "places_offered")
SCOPES = {"municipality": q.SCOPE_OF_MUNICIPALITY, "school": q.SCOPE_OF_SCHOOL,
          "partner": q.SCOPE_OF_PARTNER}


def find_territory(tx: neo4j.ManagedTransaction, *, tenant: str, key: str) -> dict:
    """Zone and municipality matching `key` (either may be None)."""
    record = tx.run(q.FIND_TERRITORY, tenant=tenant, key=key).single()
    return record.data() if record else {}


def list_territories(tx: neo4j.ManagedTransaction, *, tenant: str) -> dict[str, list[dict]]:
    """Municipalities with their zones, and zones that belong to no municipality."""
    municipalities = [r.data() for r in tx.run(q.LIST_MUNICIPALITY_TERRITORIES, tenant=tenant)]
    for m in municipalities:
        m["zones"] = [z for z in m["zones"] if z and z.get("key") is not None]
    loose = [r.data() for r in tx.run(q.LIST_LOOSE_ZONES, tenant=tenant)]
    return {"municipalities": municipalities, "zones": loose}


def read_territory_counts(tx: neo4j.ManagedTransaction, *, tenant: str, level: str,
                          key: str | None, years: Sequence[int],
                          families: bool = False) -> dict[str, Any]:
    """Every school of a territory with its figures, and family counts where figures miss.

    `families=True` reads the family enrolments even when the figures are complete
    (the multigroup index needs them).

    Returns {"schools": [{school, name, entry_places, zone, zone_name, municipality,
    municipality_name}], "figures": {(school, year): {...}}, "enrolments": {(school, year):
    {total, disadvantaged, migrant, nese, disadvantaged_not_migrant}}, "first_choices":
    {(school, year): n}, "families_read": bool, "applications_read": bool}.
    """
    if level not in LEVELS:
        raise ValueError(f"unknown territory level {level!r}")
    params = {"tenant": tenant, "key": key, "years": [int(y) for y in years]}
    schools, figures = _schools_and_figures(tx.run(FIGURES[level], **params))
    out: dict[str, Any] = {"schools": schools, "figures": figures, "enrolments": {},
                           "first_choices": {}, "families_read": False,
                           "applications_read": False}
    wanted = [(s["school"], y) for s in schools for y in params["years"]]
    out["families_read"] = families or not _complete(figures, wanted, ENROLMENT_FIELDS)
    out["applications_read"] = not _complete(figures, wanted, DEMAND_FIELDS)
    if out["families_read"] or out["applications_read"]:
        for r in tx.run(FAMILY_COUNTS[level], **params):
            c = r["counts"]
            at = (r["school"], int(c["year"]))
            if out["families_read"] and c["enrolled"]:
                out["enrolments"][at] = {"total": int(c["enrolled"]),
                                         **{g: int(c[g] or 0) for g in GROUP_COUNTS}}
            if out["applications_read"] and c["first_choices"]:
                out["first_choices"][at] = int(c["first_choices"])
    return out


def _schools_and_figures(result: Iterable) -> tuple[list[dict], dict[tuple[str, int], dict]]:
    schools: dict[str, dict] = {}
    figures: dict[tuple[str, int], dict] = {}
    for record in result:
        row = record.data()
        rows = row.pop("figures") or []
        # A school in two zones of the territory comes twice; the first row wins.
        schools.setdefault(row["school"], row)
        for fig in rows:
            if fig and fig.get("year") is not None:
                figures[(row["school"], int(fig["year"]))] = fig
    return sorted(schools.values(), key=lambda s: s["school"]), figures


def _complete(figures: dict, wanted: list[tuple[str, int]], fields: Sequence[str]) -> bool:
    return all(k in figures and all(figures[k].get(f) is not None for f in fields)
               for k in wanted)


def list_years(tx: neo4j.ManagedTransaction, *, tenant: str) -> list[int]:
    """School years with enrolment figures or family enrolments."""
    years = {r["year"] for r in tx.run(q.LIST_FIGURE_YEARS, tenant=tenant)}
    years |= {r["year"] for r in tx.run(fq.LIST_ENROLMENT_YEARS, tenant=tenant)}
    return sorted(int(y) for y in years if y is not None)


def get_school_context(tx: neo4j.ManagedTransaction, *, tenant: str, key: str) -> dict | None:
    """A school with its zone, municipality and alliances, or None."""
    record = tx.run(q.GET_SCHOOL_CONTEXT, tenant=tenant, key=key).single()
    if record is None:
        return None
    data = record.data()
    data["alliances"] = [a for a in data["alliances"] if a and a.get("key") is not None]
    return data


def list_measures(tx: neo4j.ManagedTransaction, *, tenant: str,
                  municipality: str | None = None) -> list[dict]:
    """Measures (of one municipality, or all) with the schools each covers."""
    rows = [r.data() for r in tx.run(q.LIST_MEASURES, tenant=tenant, municipality=municipality)]
    for row in rows:
        row["schools"] = [s for s in row["schools"] if s and s.get("key") is not None]
        for field in ("start", "end"):
            if row[field] is not None:
                row[field] = str(row[field])
    return rows


def get_alliance(tx: neo4j.ManagedTransaction, *, tenant: str, key: str) -> dict | None:
    """An alliance with its school and partners, or None."""
    record = tx.run(q.GET_ALLIANCE, tenant=tenant, key=key).single()
    if record is None:
        return None
    data = record.data()
    data["partners"] = [p for p in data["partners"] if p and p.get("key") is not None]
    return data


def list_alliance_contributions(tx: neo4j.ManagedTransaction, *, tenant: str,
                                key: str) -> list[dict]:
    """Every contribution logged to an alliance (year, date, kind, hours, people reached)."""
    rows = [r.data() for r in tx.run(q.LIST_ALLIANCE_CONTRIBUTIONS, tenant=tenant, key=key)]
    for row in rows:
        if row["date"] is not None:
            row["date"] = str(row["date"])
    return rows


def scope_of(tx: neo4j.ManagedTransaction, *, tenant: str, role: str,
             key: str) -> dict[str, set[str]]:
    """Municipalities, zones, schools and alliances a municipality/school/partner is bound to."""
    record = tx.run(SCOPES[role], tenant=tenant, key=key).single()
    names = ("municipalities", "zones", "schools", "alliances")
    if record is None:
        return {n: set() for n in names}
    return {n: {v for v in (record[n] or []) if v is not None} for n in names}


# --- synthetic networks ------------------------------------------------------------------

SEEDS = (("municipalities", q.SEED_MUNICIPALITIES), ("zones", q.SEED_ZONES),
         ("schools", q.SEED_SCHOOLS), ("school_years", q.SEED_SCHOOL_YEARS),
         ("enrolments", q.SEED_FAMILY_ENROLMENTS), ("applications", q.SEED_APPLICATIONS),
         ("alliances", q.SEED_ALLIANCES), ("contributions", q.SEED_CONTRIBUTIONS),
         ("measures", q.SEED_MEASURES))


def seed_network(tx: neo4j.ManagedTransaction, *, tenant: str, **rows: list[dict]) -> None:
    """Upsert a small synthetic network (tests, demos): rows per kind, in dependency order,
    then rebuild the family counts (seeds write families without the import's counting)."""
    unknown = set(rows) - {name for name, _ in SEEDS}
    if unknown:
        raise ValueError(f"unknown seed rows: {sorted(unknown)}")
    for name, statement in SEEDS:
        if rows.get(name):
            tx.run(statement, tenant=tenant, rows=rows[name]).consume()
    if rows.get("enrolments") or rows.get("applications"):
        family_counts.recount(tx, tenant=tenant)


# --- the benchmark tenant ----------------------------------------------------------------

def bench_create_municipalities(tx: neo4j.ManagedTransaction, *, tenant: str,
                                rows: list[dict]) -> None:
    tx.run(q.BENCH_CREATE_MUNICIPALITIES, tenant=tenant, rows=rows).consume()


def bench_create_schools(tx: neo4j.ManagedTransaction, *, tenant: str, year: int,
                         rows: list[dict]) -> None:
    tx.run(q.BENCH_CREATE_SCHOOLS, tenant=tenant, year=year, rows=rows).consume()


def bench_size(tx: neo4j.ManagedTransaction, *, tenant: str, year: int) -> dict[str, int]:
    """How many municipalities and school years of `year` the benchmark tenant holds."""
    years = tx.run(q.BENCH_COUNT_SCHOOL_YEARS, tenant=tenant, year=year).single()
    munis = tx.run(q.BENCH_COUNT_MUNICIPALITIES, tenant=tenant).single()
    return {"school_years": int(years["school_years"]),
            "municipalities": int(munis["municipalities"])}


def bench_delete_batch(tx: neo4j.ManagedTransaction, *, tenant: str, limit: int) -> int:
    """Remove up to `limit` nodes of the tenant; returns how many went."""
    record = tx.run(q.BENCH_DELETE_BATCH, tenant=tenant, limit=limit).single()
    return int(record["deleted"]) if record else 0
