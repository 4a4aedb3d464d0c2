"""The annual school report's numbers as one plain dict: the single source of HTML, PDF and JSON.

Values are rounded here, once (indices to 3 decimals, percentages and hours to
1, ratios to 2), so every format prints the very same figures. What may be shown is
decided by domain.disclosure on the whole programme (every school, every year of an
alliance), so a figure is shown or withheld alike in every report, bundle table and page:
a count of pupils or families from 1 to threshold - 1 becomes the marker "<threshold",
a count withheld so that it cannot give a small one away, and every value derived from a
withheld count, becomes "suppressed"; an undefined value is None ("n/a").
"""
from __future__ import annotations

from typing import Any

from domain import disclosure
from domain.indices import composition_gap
from domain.vocabulary import (
    active_in,
    contribution_label,
    measure_label,
    school_year_label,
)
from graph.model import (
    BENCHMARKS,
    TRAINING_SHARE_TARGET,
    Component,
    FocusGroup,
    Stage,
    label,
)
from reports.plan_data import plan_section
from reports.shown import SUPPRESSED, Suppressor
from reports.snapshot import Network

SCHEMA = "imant/annual-school-report/1"
COMPONENT_LABELS = {
    Component.DIVERSITY_EQUITY: "Diversity and equity",
    Component.ENROLLMENT_MANAGEMENT: "Enrollment management",
    Component.CURRICULUM_INSTRUCTION: "Curriculum and instruction",
    Component.FAMILY_ENGAGEMENT: "Family engagement",
    Component.PARTNERSHIPS: "Partnerships",
}


def report_subjects(net: Network, *, year: int) -> list[str]:
    """Schools with an alliance running in the school year (they get an annual report)."""
    return sorted(key for key in net.alliances_by_school
                  if key in net.schools and current_alliance(net, key, year) is not None)


def current_alliance(net: Network, school_key: str, year: int) -> dict | None:
    """The school's latest alliance started by `year` and not ended before it."""
    running = [a for a in net.alliances_by_school.get(school_key, [])
               if a.get("status") != "archived" and a.get("start_year") is not None
               and a["start_year"] <= year and (a.get("end_year") is None or a["end_year"] >= year)]
    return running[-1] if running else None


def annual_report(net: Network, *, school_key: str, year: int, threshold: int,
                  tenant_name: str) -> dict[str, Any]:
    """Every figure of one school's report for one school year."""
    sup = Suppressor.of(net, threshold)
    school = net.schools[school_key]
    alliance = current_alliance(net, school_key, year)
    if alliance is not None and alliance["key"] in net.invalid:
        raise ValueError(net.invalid[alliance["key"]])
    return {
        "schema": SCHEMA,
        "tenant": {"slug": net.tenant, "name": tenant_name},
        "year": year,
        "school_year": school_year_label(year),
        "suppression_threshold": threshold,
        "school": _school(net, school),
        "alliance": _alliance(net, alliance, year),
        "partner_history": _history(net, school_key),
        "stages": stage_rows(net, alliance, year),
        "contributions": _contributions(net, alliance, year, sup),
        "training": _training(net, alliance, year),
        "demand": _demand(net, school_key, year, alliance, sup),
        "segregation": _segregation(net, school_key, year, sup),
        "measures": _measures(net, school_key, year),
        "plan": plan_section(net, alliance, year=year, sup=sup),
    }


def _school(net: Network, school: dict) -> dict:
    zone = net.zones.get(school.get("zone") or "") or {}
    municipality = net.municipalities.get(zone.get("municipality") or "") or {}
    return {"key": school["key"], "name": school.get("name"), "code": school.get("code"),
            "level": school.get("level"), "entry_places": school.get("entry_places"),
            "zone": {"key": zone.get("key"), "name": zone.get("name")},
            "municipality": {"key": municipality.get("key"), "name": municipality.get("name")}}


def _partners(net: Network, alliance: dict) -> list[dict]:
    return [{"key": key, "name": net.partners.get(key, {}).get("name"),
             "kind": net.partners.get(key, {}).get("kind")} for key in alliance["partners"]]


def _alliance(net: Network, alliance: dict | None, year: int) -> dict | None:
    if alliance is None:
        return None
    return {"key": alliance["key"], "theme": alliance.get("theme"),
            "start_year": alliance["start_year"], "end_year": alliance.get("end_year"),
            "status": alliance.get("status"), "year_of_alliance": year - alliance["start_year"] + 1,
            "advisory_hours": _round(alliance.get("advisory_hours"), 1),
            "partners": _partners(net, alliance)}


def _history(net: Network, school_key: str) -> list[dict]:
    return [{"alliance": a["key"], "partners": ", ".join(p["name"] or p["key"]
                                                         for p in _partners(net, a)),
             "theme": a.get("theme"), "start_year": a.get("start_year"),
             "end_year": a.get("end_year"), "status": a.get("status")}
            for a in net.alliances_by_school.get(school_key, [])]


def stage_rows(net: Network, alliance: dict | None, year: int) -> list[dict]:
    latest: dict[str, dict] = {}
    for row in net.assessments.get(alliance["key"], []) if alliance else []:
        if row.get("year") is not None and row["year"] <= year and (
                row["component"] not in latest or latest[row["component"]]["year"] <= row["year"]):
            latest[row["component"]] = row
    out = []
    for component in Component:
        row = latest.get(component.value)
        stage = row.get("stage") if row else None
        expected = BENCHMARKS.get(Stage(stage), ()) if stage in set(Stage) else ()
        met = [b for b in (row.get("benchmarks") or []) if b in expected] if row else []
        out.append({"component": component.value, "label": COMPONENT_LABELS[component],
                    "stage": stage, "stage_label": label(stage) if stage else None,
                    "assessed_year": row["year"] if row else None,
                    "benchmarks_met": met, "benchmarks_met_count": len(met),
                    "benchmarks_total": len(expected)})
    return out


def _activity(rows: list[dict]) -> dict:
    """Activities and hours of some contribution rows (never withheld: not personal)."""
    return {"activities": sum(int(r.get("activities") or 0) for r in rows),
            "hours": round(sum(float(r.get("hours") or 0) for r in rows), 1)}


def _contributions(net: Network, alliance: dict | None, year: int, sup: Suppressor) -> dict:
    rows = net.contributions.get(alliance["key"], []) if alliance else []
    shown = sup.reach(alliance) if alliance else None

    def people(prefix: tuple) -> dict:
        return shown.row(prefix, marker=SUPPRESSED) if shown else dict.fromkeys(
            (*disclosure.PEOPLE, "people"), 0)

    def in_year(y: int) -> list[dict]:
        return [r for r in rows if r.get("year") == y]

    kinds = sorted({r.get("kind") or "other" for r in in_year(year)})
    start = alliance["start_year"] if alliance else year
    return {
        "by_kind": [{"kind": k, "label": contribution_label(k),
                     **_activity([r for r in in_year(year) if (r.get("kind") or "other") == k]),
                     **people(("kind", year, k))} for k in kinds],
        "year_total": {**_activity(in_year(year)), **people(("year", year))},
        "trend": [{"year": y, "school_year": school_year_label(y), **_activity(in_year(y)),
                   **people(("year", y))} for y in range(start, year + 1)],
        "since_start": {**_activity([r for r in rows if r.get("year") is not None
                                     and start <= r["year"] <= year]),
                        **people(("since", year))},
    }


def _training(net: Network, alliance: dict | None, year: int) -> dict:
    share = alliance.get("training_share") if alliance else None
    rows = [r for r in (net.contributions.get(alliance["key"], []) if alliance else [])
            if r.get("year") == year and r.get("kind") == "training"]
    percent = None if share is None else round(100.0 * float(share), 1)
    done = _activity(rows)
    return {"share_percent": percent, "target_percent": round(100 * TRAINING_SHARE_TARGET, 1),
            "target_met": None if percent is None else percent >= 100 * TRAINING_SHARE_TARGET,
            "sessions": done["activities"], "hours": done["hours"],
            # teachers are staff: never withheld (domain.disclosure.REACH)
            "teachers_reached": sum(int(r.get("teachers") or 0) for r in rows)}


def _round(value: Any, digits: int) -> float | None:
    """Rounded, with -0.0 written as 0.0."""
    return None if value is None else round(float(value), digits) + 0.0


def demand_row(net: Network, school_key: str, year: int, sup: Suppressor) -> dict:
    """Demand and composition of one school in one year (counts by the indicators' rule)."""
    demand = net.demand(school_key, year)
    apps = demand["applications"]
    ratio = demand["ratio"]
    shown_ratio = SUPPRESSED if ratio is not None and sup.hidden(apps) else _round(ratio, 2)
    _, total = net.composition.get((school_key, year, "disadvantaged"), (0, 0))
    out = {"year": year, "school_year": school_year_label(year), "places_offered": demand["places"],
           "first_choice_applications": sup.count(apps), "demand_ratio": shown_ratio,
           "enrolled_total": sup.school_total(school_key, year, total) if total else None,
           "source": demand["source"]}
    for group in FocusGroup:
        out[f"share_{group.value}"] = sup.school_share(school_key, year, group.value)
    out.update(_gap(net, school_key, year, sup))
    return out


def _gap(net: Network, school_key: str, year: int, sup: Suppressor) -> dict:
    zone = net.schools[school_key].get("zone")
    group = FocusGroup.DISADVANTAGED.value
    terr = net.territory.get(("zone", zone or "", year, group))
    a_i, t_i = net.composition.get((school_key, year, group), (0, 0))
    if terr is None or terr["source"] is None:
        return {"zone_share_disadvantaged": None, "composition_gap_pp": None}
    big_t = terr["focus"] + terr["others"]
    zone_share = sup.territory_share("zone", zone or "", year, group)
    gap: float | str | None = None
    if sup.school_share(school_key, year, group) == SUPPRESSED or zone_share == SUPPRESSED:
        gap = SUPPRESSED
    elif t_i:
        gap = _round(composition_gap(a_i=a_i, t_i=t_i, A=terr["focus"], T=big_t).value, 1)
    return {"zone_share_disadvantaged": zone_share, "composition_gap_pp": gap}


BEFORE_AFTER = (("demand_ratio", "Demand ratio"),
                ("share_disadvantaged", "Disadvantaged students (%)"),
                ("composition_gap_pp", "Composition gap to the zone (pp)"))


def _demand(net: Network, school_key: str, year: int, alliance: dict | None,
            sup: Suppressor) -> dict:
    """The series of every year with data, and the year before the alliance, its first year
    and this year side by side (the change is measured from the first year, as on the
    indicator pages)."""
    series = [demand_row(net, school_key, y, sup) for y in net.years
              if y <= year and net.has_data(school_key, y)]
    by_year = {r["year"]: r for r in series}
    start = alliance["start_year"] if alliance else None
    when = {"before": None if start is None else start - 1, "start": start, "current": year}
    rows = []
    for key, name in BEFORE_AFTER:
        values = {w: (by_year.get(y) or {}).get(key) if y is not None else None
                  for w, y in when.items()}
        a, b = values["current"], values["start"]
        change = (_round(a - b, 2) if isinstance(a, float) and isinstance(b, float)
                  and when["start"] != year else None)
        rows.append({"indicator": key, "label": name, **values, "change_since_start": change})
    return {"series": series, "before_after": {
        "before_year": when["before"], "start_year": start, "current_year": year,
        "rows": rows}}


def territory_row(net: Network, level: str, key: str, year: int, group: str,
                  sup: Suppressor) -> dict:
    terr = net.territory.get((level, key, year, group))
    if terr is None:
        return {"group": group, "schools": 0, "share": None, "D": None, "H": None,
                "xPx": None, "xPy": None, "M": None, "reason": "no enrolment data for the year",
                "source": None}
    share = sup.territory_share(level, key, year, group)
    hide = sup.territory_reason(level, key, year, group) is not None
    return {"group": group, "schools": terr["schools"], "share": share,
            **{ix: SUPPRESSED if hide and terr[ix] is not None else _round(terr[ix], 3)
               for ix in ("D", "H", "xPx", "xPy", "M")},
            "reason": terr["reason"], "source": terr["source"]}


def _segregation(net: Network, school_key: str, year: int, sup: Suppressor) -> list[dict]:
    out = []
    for level in ("zone", "municipality"):
        key = net.territory_of(school_key, level)
        if key is None:
            continue
        names = net.zones if level == "zone" else net.municipalities
        series = [{"year": y, "school_year": school_year_label(y),
                   **territory_row(net, level, key, y, "disadvantaged", sup)}
                  for y in net.years if y <= year]
        out.append({"level": level, "key": key, "name": names.get(key, {}).get("name"),
                    "groups": [territory_row(net, level, key, year, g.value, sup)
                               for g in FocusGroup],
                    "series": series})
    return out


def _measures(net: Network, school_key: str, year: int) -> dict:
    municipality = net.municipality_of(school_key)
    mine = [m for m in net.measures.values() if m.get("municipality") == municipality]
    active = [m for m in mine if active_in(year, m.get("start"), m.get("end"))]
    kinds = sorted({m.get("kind") or "other" for m in active})
    return {
        "municipality": {"key": municipality,
                         "name": net.municipalities.get(municipality or "", {}).get("name")},
        "active_count": len(active),
        "by_kind": [{"kind": k, "label": measure_label(k),
                     "count": sum(1 for m in active if (m.get("kind") or "other") == k)}
                    for k in kinds],
        "active": [{"key": m["key"], "description": m.get("description"),
                    "kind": m.get("kind"), "label": measure_label(m.get("kind")),
                    "start": m.get("start"), "end": m.get("end"),
                    "covers_school": school_key in m["schools"]} for m in active],
        "trend": [{"year": y, "school_year": school_year_label(y),
                   "active": sum(1 for m in mine if active_in(y, m.get("start"), m.get("end")))}
                  for y in net.years if y <= year],
    }
