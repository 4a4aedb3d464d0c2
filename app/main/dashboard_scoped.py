"""The home pages of the roles bound to one entity: a partner, a school, a municipality.
Each reads its own entity's facts only, through the feature services."""
from __future__ import annotations

from datetime import date
from typing import Any

from app.indicators import service as indicators
from app.models import Role
from app.network import service as network
from app.planning import policy as plan_policy
from app.planning import service as planning
from app.planning.service_actions import open_actions
from app.reports import service as reports
from app.tenancy import Access
from graph.errors import Invalid
from graph.model import AllianceStatus, Component, ContributionKind, Owner, school_year_of

ALL = 10_000  # every item of a list that stays small (one partner's alliances, …)
SCOPED = (Role.PARTNER, Role.SCHOOL, Role.MUNICIPALITY)
MEASURES = ("count", "hours", "people")
GROUPS = indicators.FOCUS_GROUPS
ACTIVE = AllianceStatus.ACTIVE.value


def partner(*, access: Access, today: date) -> dict[str, Any]:
    """Its alliances with their stage, this school year's contributions by kind against last
    year's, and the open actions it owns on its alliances' plans."""
    key, year = access.scope_key, school_year_of(today)
    alliances = network.list_alliances(access=access, partner=key, per_page=ALL).items
    totals = {y: network.list_contributions(access=access, partner=key, year=y,
                                            per_page=1).extra["totals"]
              for y in (year - 1, year)}
    active = [a["key"] for a in alliances if a.get("status") == ACTIVE]
    owed = open_actions(access=access, alliances=active, owner=Owner.PARTNER.value,
                        today=today) if access.can("plan.view") else []
    return {"alliances": alliances, "names": {a["key"]: a for a in alliances},
            "contributions": contribution_rows(totals, year=year), "owed": owed,
            "components": [c.value for c in Component]}


def contribution_rows(totals: dict[int, dict], *, year: int) -> list[dict]:
    """Per kind (and in all): activities, hours and people reached in `year` and the year
    before; kinds with nothing in either year are left out."""
    def measures(entry: dict) -> dict[str, float]:
        people = sum(entry.get(m) or 0 for m in ("teachers", "students", "families"))
        return {"count": entry.get("count") or 0, "hours": entry.get("hours") or 0,
                "people": people}

    rows = []
    for kind in [k.value for k in ContributionKind] + ["all"]:
        now = measures(_kind_totals(totals[year], kind))
        before = measures(_kind_totals(totals[year - 1], kind))
        if kind == "all" or any(now.values()) or any(before.values()):
            rows.append({"kind": kind, "now": now, "before": before})
    return rows


def _kind_totals(totals: dict, kind: str) -> dict:
    return totals["all"] if kind == "all" else totals["by_kind"].get(kind, {})


def school(*, access: Access, today: date) -> dict[str, Any]:
    """Its latest annual report, its alliance's stage per core component, its demand ratio
    and composition gaps year by year, and its alliance's objectives with their status."""
    key = access.scope_key
    history = network.list_alliances(access=access, school=key, per_page=ALL).items
    current = next((a for a in reversed(history) if a.get("status") == ACTIVE),
                   history[-1] if history else None)
    name = current["school_name"] if current else network.get_school(access=access,
                                                                      key=key)["name"]
    objectives = []
    if current is not None and plan_policy.sees(access, current):
        objectives = planning.list_objectives(access=access, alliance=current["key"],
                                              today=today)
    return {"school": key, "name": name, "alliance": current, "report": _latest_report(
        access, key), "trend": school_trend(indicators.school_series(access=access, school=key)),
        "objectives": objectives, "components": [c.value for c in Component],
        "groups": list(GROUPS)}


def school_trend(series: list[dict]) -> list[dict]:
    """Year, demand ratio and gap per focus group (None where the service gives none)."""
    return [{"year": row["year"], "demand": (row.get("demand") or {}).get("ratio"),
             "gaps": {g: ((row.get("composition") or {}).get(g) or {}).get("gap_pp")
                      for g in GROUPS}} for row in series]


def _latest_report(access: Access, school: str) -> Any:
    """The newest annual report of the school the caller may read (HTML before PDF)."""
    found = [a for a in reports.list_artifacts(access=access, kind="annual")
             if a.subject_key == school]
    found.sort(key=lambda a: (a.period, a.fmt == "html"), reverse=True)
    return found[0] if found else None


def municipality(*, access: Access, today: date) -> dict[str, Any]:
    """Its territory's dissimilarity and composition year by year, its schools ranked by
    composition gap in the latest year, and the measures active this school year."""
    key, group = access.scope_key, GROUPS[0]
    territory = f"municipality:{key}"
    series = indicators.territory_series(access=access, territory=territory, group=group)
    ranked, latest = [], None
    if series:
        place, result = indicators.territory_segregation(access=access, territory=territory,
                                                         year=series[-1]["year"], group=group)
        ranked, latest = result["gaps"], result["year"]
    measures = network.list_measures(access=access, municipality=key,
                                     year=school_year_of(today), per_page=ALL).items
    return {"municipality": key, "group": group, "series": series, "ranked": ranked,
            "ranked_year": latest, "measures": measures}


def years_with_figures(*, access: Access) -> list[int]:
    """School years with enrolment figures (none yet is an empty list)."""
    try:
        return indicators.available_years(access=access)
    except Invalid:
        return []
