"""The annual report's "Plan and objectives" section, and the objective readings the bundle
shows, from the tenant snapshot.

Objective values are read as the planning pages read them (domain.objective_values), from
the snapshot's counts by the indicators' source rule: composition and gap against the
school's zone, demand ratio, contributions summed per school year, accepted stages. The
report is about one school year, so each objective shows its reading *for that year*
(on the pages, the latest year with a value).
"""
from __future__ import annotations

from typing import Any

from domain import disclosure
from domain import objective_values as ov
from domain.indices import composition_gap
from domain.planning import is_overdue, sustainability_share
from domain.stages import stage_histories
from domain.vocabulary import school_year_label
from graph.model import ActionStatus, FocusGroup, label
from reports.shown import SUPPRESSED, Suppressor
from reports.snapshot import Network

ACTIVITY = ("hours", "activities", "families")


def _school_year(net: Network, school: str, year: int, sup: Suppressor) -> dict[str, Any]:
    """One school-year row shaped as the indicator service's (app.indicators.figures)."""
    zone = net.schools[school].get("zone") or ""
    composition = {}
    for group in FocusGroup:
        a_i, t_i = net.composition.get((school, year, group.value), (0, 0))
        terr = net.territory.get(("zone", zone, year, group.value))
        hidden = (sup.school_withheld(school, year, group.value)
                  or sup.territory_share("zone", zone, year, group.value) == SUPPRESSED)
        gap, reason = None, "no figures"
        if terr is not None and terr["source"] is not None:
            found = composition_gap(a_i=a_i, t_i=t_i, A=terr["focus"],
                                    T=terr["focus"] + terr["others"])
            gap, reason = found.value, found.reason
        composition[group.value] = {"share": 100.0 * a_i / t_i if t_i else None,
                                    "gap_pp": gap, "reason": reason, "suppressed": hidden}
    demand = net.demand(school, year)
    if sup.hidden(demand["applications"]):
        demand = {**demand, "ratio": None, "reason": disclosure.WITHHELD}
    return {"year": year, "composition": composition, "demand": demand}


def sources(net: Network, alliance: dict, *, year: int, sup: Suppressor) -> ov.YearSources:
    """What an alliance's objectives are read from, up to school year `year`."""
    school = alliance["school"]
    reach = sup.reach(alliance)
    activity: dict[int, dict] = {}
    for row in net.contributions.get(alliance["key"], []):
        entry = activity.setdefault(row["year"], dict.fromkeys(ACTIVITY, 0))
        for name in ACTIVITY:
            entry[name] += row[name]
    for y, entry in activity.items():
        entry["families"] = reach.shown(("year", y, "families"))
    return ov.YearSources(
        current_year=year, threshold=sup.threshold,
        school_years={y: _school_year(net, school, y, sup) for y in net.years
                      if net.has_data(school, y)},
        activity=activity, training_share=None,
        stages=stage_histories(assessed=net.assessments.get(alliance["key"], [])))


def rounded(value: float | None) -> float | None:
    """Values to 2 decimals, as every format prints them."""
    return None if value is None else round(float(value), 2) + 0.0


def objective_rows(net: Network, alliance: dict, *, year: int, sup: Suppressor) -> list[dict]:
    """Each objective of the alliance with its reading for school year `year`."""
    found = net.planning_of("objectives", alliance["key"])
    if not found:
        return []
    source = sources(net, alliance, year=year, sup=sup)
    out = []
    for objective in found:
        reading = next((r for r in ov.readings(objective, source) if r.year == year), None)
        out.append({
            "key": objective["key"], "title": objective["title"],
            "metric": objective["metric"], "group": objective.get("group"),
            "component": objective.get("component"), "unit": objective.get("unit"),
            "direction": objective["direction"], "baseline": rounded(objective.get("baseline")),
            "baseline_year": objective["baseline_year"], "target": rounded(objective["target"]),
            "target_year": objective["target_year"],
            "value": rounded(reading.value) if reading else None,
            "expected": rounded(reading.expected) if reading else None,
            "status": reading.status.value if reading else "no_data",
            "reason": reading.reason if reading else (
                f"{school_year_label(year)} is outside the objective's years")})
    return out


def _actions(net: Network, alliance: dict, year: int) -> dict[str, list[dict]]:
    running = [a for a in net.planning_of("actions", alliance["key"])
               if a["first_year"] <= year <= a["last_year"]]
    every = net.planning_of("actions", alliance["key"])

    def row(a: dict) -> dict:
        return {"action": a["action"], "title": a["title"], "component": a["component"],
                "first_year": a["first_year"], "last_year": a["last_year"],
                "owner": a["owner"], "status": a["status"], "drop_reason": a.get("drop_reason")}
    # at the end of the report's year, an action due by then and not done is overdue
    return {"done": [row(a) for a in running if a["status"] == ActionStatus.DONE],
            "overdue": [row(a) for a in every if is_overdue(status=a["status"],
                                                            last_year=a["last_year"],
                                                            year=year + 1)],
            "dropped": [row(a) for a in running if a["status"] == ActionStatus.DROPPED]}


def _self_assessment(net: Network, alliance: dict, year: int) -> dict | None:
    of_year = [s for s in net.planning_of("self_assessments", alliance["key"])
               if s["year"] == year]
    if not of_year:
        return None
    latest = of_year[-1]
    return {"revision": latest["revision"], "status": latest["status"],
            "status_label": label(latest["status"]), "submitted_by": latest.get("submitted_by"),
            "reviewed_by": latest.get("reviewed_by"),
            "reviewed_at": (latest.get("reviewed_at") or "")[:10] or None}


def _budget(net: Network, alliance: dict, year: int) -> dict:
    lines = net.planning_of("budget_lines", alliance["key"])

    def year_of(y: int) -> dict:
        share = sustainability_share(lines=lines, year=y)
        return {"year": y, "school_year": school_year_label(y),
                "planned": rounded(share.planned), "secured": rounded(share.secured),
                "spent": rounded(sum(float(r["spent"]) for r in lines if r["year"] == y)),
                "secured_share": None if share.share is None else round(100 * share.share, 1),
                "reason": share.reason}
    return {"this_year": year_of(year), "next_year": year_of(year + 1)}


def plan_section(net: Network, alliance: dict | None, *, year: int,
                 sup: Suppressor) -> dict | None:
    """Objectives, this year's actions, the self-assessment and the budget of the alliance
    running this school year (None without one)."""
    if alliance is None:
        return None
    return {"objectives": objective_rows(net, alliance, year=year, sup=sup),
            "actions": _actions(net, alliance, year),
            "self_assessment": _self_assessment(net, alliance, year),
            "budget": _budget(net, alliance, year)}
