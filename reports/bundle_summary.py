"""The programme summary of a cycle: multilevel tables (programme, municipality, school) by year.

People reached is summed up the levels. A school's figure is its alliance's year total as
every artifact shows it (domain.disclosure.reach); the municipality and programme totals
are withheld, by domain.disclosure.protect over that tree, when they would give away a
withheld school figure (the schools' own decisions are never changed here, so they stay
the same in every artifact).
"""
from __future__ import annotations

from collections import defaultdict
from statistics import mean
from typing import Any

from domain import disclosure
from reports import data
from reports.bundle_tables import Resource, _f, active_measures
from reports.data import Suppressor, current_alliance
from reports.snapshot import Network

ADVANCED = {"full_implementation", "optimization"}


def _school_year_row(net: Network, school: str, year: int, sup: Suppressor) -> dict[str, Any]:
    """One school in one year of the cycle, with the raw people count for the levels above."""
    alliance = current_alliance(net, school, year)
    contributions = [r for r in net.contributions.get(alliance["key"], [])
                     if r.get("year") == year] if alliance else []
    raw = sum(int(r.get(p) or 0) for r in contributions for p in disclosure.PEOPLE)
    people = (sup.reach(alliance).row(("year", year), marker=data.SUPPRESSED)["people"]
              if alliance else 0)
    figures = (data.demand_row(net, school, year, sup) if net.has_data(school, year)
               else {})
    stages = [s for s in data.stage_rows(net, alliance, year) if s["stage"]] if alliance else []
    return {
        "school": school, "year": year, "alliance": alliance["key"] if alliance else None,
        "alliance_year": year - alliance["start_year"] + 1 if alliance else None,
        "activities": sum(int(r.get("activities") or 0) for r in contributions),
        "hours": round(sum(float(r.get("hours") or 0) for r in contributions), 1),
        "people": people, "raw_people": raw,
        "demand_ratio": figures.get("demand_ratio"),
        "share_disadvantaged": figures.get("share_disadvantaged"),
        "composition_gap_pp": figures.get("composition_gap_pp"),
        "components_assessed": len(stages),
        "components_advanced": sum(1 for s in stages if s["stage"] in ADVANCED),
    }


def _mean(values: list[Any], digits: int) -> float | None:
    numbers = [v for v in values if isinstance(v, int | float) and not isinstance(v, bool)]
    return round(mean(numbers), digits) + 0.0 if numbers else None


def summary_tables(net: Network, *, years: list[int], sup: Suppressor) -> list[Resource]:
    """summary_school, summary_municipality and summary_programme for the cycle's years."""
    schools = sorted(k for k in net.alliances_by_school if k in net.schools)
    school_rows = [_school_year_row(net, s, y, sup) for y in years for s in schools
                   if current_alliance(net, s, y) is not None]
    by_muni: dict[tuple[str | None, int], list[dict]] = defaultdict(list)
    for row in school_rows:
        by_muni[(net.municipality_of(row["school"]), row["year"])].append(row)
    muni_rows = [_municipality_row(net, muni, year, rows, sup)
                 for (muni, year), rows in sorted(by_muni.items(), key=lambda kv: (
                     kv[0][0] or "", kv[0][1])) if muni is not None]
    programme_rows = [_programme_row(net, year, [m for m in muni_rows if m["year"] == year],
                                     [s for s in school_rows if s["year"] == year])
                      for year in years]
    _protect_people(by_muni, muni_rows, programme_rows, threshold=sup.threshold)
    return [_school_resource(school_rows), _municipality_resource(muni_rows),
            _programme_resource(programme_rows)]


def _protect_people(by_muni: dict[tuple[str | None, int], list[dict]], munis: list[dict],
                    programme: list[dict], *, threshold: int) -> None:
    """Withhold the municipality and programme people totals that would give away a
    withheld school figure; the schools' figures are as every other artifact shows them."""
    values, equations, seed = _people_sums(by_muni, munis, programme)
    hidden = disclosure.protect(values=values, equations=equations, threshold=threshold,
                                personal=lambda c: c[0] != "school", seed=seed)
    for m in munis:
        if ("municipality", m["municipality"], m["year"]) in hidden:
            m["people"] = data.SUPPRESSED
    for row in programme:
        if ("programme", row["year"]) in hidden:
            row["people"] = data.SUPPRESSED


def _people_sums(by_muni: dict[tuple[str | None, int], list[dict]], munis: list[dict],
                 programme: list[dict]) -> tuple[dict, list[disclosure.Equation], set]:
    """The summary's people totals as sums (school → municipality → programme), and the
    school figures already withheld."""
    values: dict = {}
    equations = []
    seed = set()
    for (muni, year), rows in by_muni.items():
        for r in rows:
            values[("school", r["school"], year)] = r["raw_people"]
            if not isinstance(r["people"], int):
                seed.add(("school", r["school"], year))
        if muni is not None:
            equations.append(disclosure.Equation(("municipality", muni, year), tuple(
                ("school", r["school"], year) for r in rows)))
    for m in munis:
        values[("municipality", m["municipality"], m["year"])] = m["raw_people"]
    for row in programme:
        year = row["year"]
        values[("programme", year)] = row["raw_people"]
        equations.append(disclosure.Equation(("programme", year), tuple(
            ("municipality", m["municipality"], year) for m in munis if m["year"] == year)))
    return values, equations, seed


def _municipality_row(net: Network, muni: str, year: int, rows: list[dict],
                      sup: Suppressor) -> dict:
    raw = sum(r["raw_people"] for r in rows)
    territory = data.territory_row(net, "municipality", muni, year, "disadvantaged", sup)
    return {"municipality": muni, "year": year,
            "schools_in_programme": len(rows),
            "activities": sum(r["activities"] for r in rows),
            "hours": round(sum(r["hours"] for r in rows), 1),
            "people": raw, "raw_people": raw,
            "measures_active": active_measures(net, muni, year),
            "share_disadvantaged": territory["share"], "D": territory["D"]}


def _programme_row(net: Network, year: int, munis: list[dict], schools: list[dict]) -> dict:
    raw = sum(m["raw_people"] for m in munis)
    return {"year": year, "municipalities": len(munis), "schools_in_programme": len(schools),
            "activities": sum(m["activities"] for m in munis),
            "hours": round(sum(m["hours"] for m in munis), 1),
            "people": raw, "raw_people": raw,
            "measures_active": sum(m["measures_active"] for m in munis),
            "mean_demand_ratio": _mean([s["demand_ratio"] for s in schools], 2),
            "mean_composition_gap_pp": _mean([s["composition_gap_pp"] for s in schools], 1)}


ACTIVITY = """activities integer Contributions logged
hours number Hours of contributions
people_reached integer Teachers, students and families reached"""


def _school_resource(rows: list[dict]) -> Resource:
    return Resource(
        "summary_school", "Summary by school and year", "Programme schools in each school "
        "year of the cycle: alliance, activity, demand, composition and stage.",
        _f("school_key string School\nyear integer School year\nalliance_key string Alliance "
           "running that year\nalliance_year integer Year of the alliance (1 = first)\n"
           f"{ACTIVITY}\ndemand_ratio number First choices / places\nshare_disadvantaged "
           "number Disadvantaged students, %\ncomposition_gap_pp number Gap to the zone, "
           "percentage points\ncomponents_assessed integer Core components with a stage\n"
           "components_advanced integer Core components in full implementation or "
           "optimization"),
        ["school_key", "year"], [(["school_key"], "schools", ["key"]),
                                 (["alliance_key"], "alliances", ["key"])],
        [[r["school"], r["year"], r["alliance"], r["alliance_year"], r["activities"], r["hours"],
          r["people"], r["demand_ratio"], r["share_disadvantaged"], r["composition_gap_pp"],
          r["components_assessed"], r["components_advanced"]] for r in rows])


def _municipality_resource(rows: list[dict]) -> Resource:
    return Resource(
        "summary_municipality", "Summary by municipality and year", "Programme activity, "
        "municipal commitment and segregation per municipality and school year.",
        _f("municipality_key string Municipality\nyear integer School year\n"
           f"schools_in_programme integer Schools with an alliance running\n{ACTIVITY}\n"
           "measures_active integer Balanced-schooling measures in force\n"
           "share_disadvantaged number Disadvantaged students in the municipality, %\n"
           "D number Dissimilarity index (disadvantaged)"),
        ["municipality_key", "year"], [(["municipality_key"], "municipalities", ["key"])],
        [[r["municipality"], r["year"], r["schools_in_programme"], r["activities"], r["hours"],
          r["people"], r["measures_active"], r["share_disadvantaged"], r["D"]] for r in rows])


def _programme_resource(rows: list[dict]) -> Resource:
    return Resource(
        "summary_programme", "Programme summary by year", "The whole programme per school "
        "year of the cycle.",
        _f("year integer School year\nmunicipalities integer Municipalities with programme "
           "schools\nschools_in_programme integer Schools with an alliance running\n"
           f"{ACTIVITY}\nmeasures_active integer Measures in force in those municipalities\n"
           "mean_demand_ratio number Mean demand ratio of programme schools\n"
           "mean_composition_gap_pp number Mean composition gap of programme schools, pp"),
        ["year"], [],
        [[r["year"], r["municipalities"], r["schools_in_programme"], r["activities"],
          r["hours"], r["people"], r["measures_active"], r["mean_demand_ratio"],
          r["mean_composition_gap_pp"]] for r in rows])
