"""Demo plans for the demo programmes: every active alliance gets objectives, a 7-year plan,
budget lines, a logic model and an accepted self-assessment of last school year.

Objectives, actions and budget lines are loaded through the planning import kinds (as a
foundation would load its spreadsheets); the rest through the planning services, as the
demo coordinator. The mix is chosen so the pages show every case: objectives met, on track,
at risk and missed, an overdue action, an element no action serves, a budget not fully
secured, and one self-assessment waiting for the coordinator's review. Re-seeding leaves
what exists alone: plans, logic models and self-assessments are written only once.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date

from app.demo import DEMO_SCOPES, demo_email
from app.extensions import db
from app.imports.kinds import KINDS
from app.imports.service import import_csv
from app.models import Role, Tenant, User
from app.network import service as network
from app.network.demo import assessments as demo_stages
from app.network.demo_data import PROGRAMMES, Alliance
from app.planning import service
from app.tenancy import Access
from domain import objective_values as ov
from domain.rubric import component_items
from graph.model import Component, Stage, school_year_of

STAGES = list(Stage)


def _csv(kind: str, rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(KINDS[kind].names)
    for row in rows:
        writer.writerow(["" if row.get(n) is None else ";".join(row[n])
                         if isinstance(row.get(n), list) else str(row[n])
                         for n in KINDS[kind].names])
    return out.getvalue().encode()


def _objectives(a: Alliance, year: int, baseline: Callable[[dict], float | None]
                ) -> list[dict]:
    """Four objectives per alliance; the indicator targets are set from the baseline Imant
    computes (a demand 30% higher, a gap 40% smaller), as a team would."""
    target_year = max(a.start + 3, year)
    out = []
    demand = {"key": f"o-{a.key}-demand", "alliance_key": a.key, "metric": "demand_ratio",
              "title": "More families choose the school first", "direction": "increase",
              "target_year": target_year}
    found = baseline(demand)
    if found is not None and found > 0:
        out.append({**demand, "target": round(found * 1.3, 2)})
    gap = {"key": f"o-{a.key}-gap", "alliance_key": a.key, "metric": "composition_gap",
           "group": "disadvantaged", "title": "A composition closer to the zone's",
           "direction": "decrease", "target_year": target_year}
    found = baseline(gap)
    if found is not None and found > 1:
        out.append({**gap, "target": round(found * 0.6, 1)})
    return [*out,
            {"key": f"o-{a.key}-hours", "alliance_key": a.key, "metric": "contribution_hours",
             "title": "Partner hours with the school each year",
             "target": 12 + len(a.key) % 3 * 8, "direction": "increase",
             "target_year": year + 1},
            {"key": f"o-{a.key}-families", "alliance_key": a.key, "metric": "manual",
             "unit": "families", "title": "Families at the open days", "baseline": 10,
             "baseline_year": a.start - 1, "target": 60, "direction": "increase",
             "target_year": year if a.start <= year - 3 else year + 2}]


def _open_days(a: Alliance, year: int, n: int) -> dict[int, int]:
    """Typed-in values: some alliances ahead of their line, some behind, some short."""
    pace = (1.2, 0.55, 0.85)[n % 3]
    return {y: round(10 + 50 * pace * (y - a.start + 1) / max(1, year - a.start + 1))
            for y in range(a.start, year + 1)}


def _actions(a: Alliance, year: int, objectives: list[dict]) -> list[dict]:
    first = a.start
    keys = {o["metric"]: [o["key"]] for o in objectives}
    rows = [
        ("training", "Intensive teacher training at the partner", "curriculum_instruction",
         ["professional_development"], "planning", first, first + 1, "partner", "done",
         keys["contribution_hours"]),
        ("projects", "Inquiry projects in every class", "curriculum_instruction",
         ["theme_integration"], "early_implementation", first + 1, first + 4, "school",
         "in_progress", []),
        ("open-days", "Open days for the neighbourhood's families", "family_engagement",
         ["communication"], "early_implementation", first, first + 6, "school",
         "in_progress", keys["manual"]),
        ("zoning", "Balanced allocation of late enrolments", "enrollment_management",
         ["leadership_management"], "planning", first, min(year - 1, first + 6),
         "municipality", "planned", keys.get("composition_gap", [])),
        ("showcase", "Annual showcase at the partner's venue", "partnerships",
         ["sustainability"], "full_implementation", first + 2, first + 6, "foundation",
         "planned", keys.get("demand_ratio", [])),
    ]
    out = []
    for ident, title, component, elements, stage, start, end, owner, status, serves in rows:
        if not (first <= start <= end <= first + 6):
            continue
        out.append({"alliance_key": a.key, "plan_first_year": first, "action": ident,
                    "title": title, "component": component, "elements": elements,
                    "stage": stage, "first_year": start, "last_year": end, "owner": owner,
                    "status": status, "budget_planned": 1500, "budget_spent":
                    1500 if status == "done" else 400, "objective_keys": serves})
    return out


def _budget(a: Alliance, year: int, n: int) -> list[dict]:
    rows = []
    for y in (year - 1, year, year + 1):
        municipality = 3000 if n % 4 else 1000
        rows += [
            {"key": f"b-{a.key}-{y}-foundation", "alliance_key": a.key, "year": y,
             "source": "foundation_endowment", "planned": 6000, "secured": 6000,
             "spent": 6000 if y < year else 2500 if y == year else 0},
            {"key": f"b-{a.key}-{y}-municipality", "alliance_key": a.key, "year": y,
             "source": "municipality", "planned": 3000, "secured": municipality,
             "spent": 0},
            {"key": f"b-{a.key}-{y}-partner", "alliance_key": a.key, "year": y,
             "source": "partner_in_kind", "planned": 4000, "secured": 4000, "spent": 0},
        ]
    return rows


def _ratings(stages: dict[str, str]) -> list[dict]:
    """In place up to each component's stage, partly in the next, not yet beyond."""
    out = []
    for component in Component:
        reached = STAGES.index(Stage(stages[component.value]))
        for item in component_items(component=component):
            at = STAGES.index(item.stage)
            rating = "in_place" if at <= reached else "partly" if at == reached + 1 \
                else "not_yet"
            out.append({"item": item.key, "rating": rating,
                        "evidence": "Minutes of the school board" if rating == "in_place"
                        else None})
    return out


def _baseline_reader(boss: Access, a: Alliance, today: date) -> Callable[[dict], float | None]:
    alliance = network.get_alliance(access=boss, key=a.key)
    sources = service.objective_sources(boss, alliance, today)
    return lambda objective: ov.baseline_of(
        {**objective, "baseline_year": a.start - 1}, sources).value


def _coordinator(tenant: Tenant) -> Access:
    email = demo_email(tenant.slug, Role.COORDINATOR)
    user = db.session.execute(db.select(User).filter_by(email=email)).scalar_one_or_none()
    return Access(tenant, Role.COORDINATOR, None, user.id if user else None)


def _self_assess(boss: Access, a: Alliance, year: int, *, accept: bool, today: date) -> None:
    rows = demo_stages(boss.tenant.slug, a, today=today)
    stages = {r["component"]: r["stage"] for r in rows if r["year"] == year}
    if len(stages) < len(Component):
        return
    made = service.start_self_assessment(access=boss, alliance=a.key, data={"year": year},
                                         today=today)
    benchmarks = sorted({b for r in rows if r["year"] == year for b in r["benchmarks"]})
    service.save_self_assessment(access=boss, key=made["key"], data={
        "ratings": _ratings(stages), "benchmarks": benchmarks})
    service.submit_self_assessment(access=boss, key=made["key"])
    if accept:
        service.accept_self_assessment(access=boss, key=made["key"], data={
            "stages": stages, "comment": "Agreed at the follow-up meeting."})


def _logic_model(boss: Access, a: Alliance, objectives: list[dict]) -> None:
    have = {o["key"] for o in objectives}
    service.save_logic_model(access=boss, alliance=a.key, data={
        "base_revision": 0,
        "problem": "Families of the neighbourhood avoid the school, whose intake is far more "
                   "disadvantaged than its zone's.",
        "parts": {
            "inputs": ["Partner staff and venues", "Foundation endowment",
                       "Municipal balanced-schooling measures"],
            "activities": ["Two years of intensive teacher training",
                           f"Inquiry projects on {a.theme.lower()}", "Open days for families"],
            "outputs": ["Teachers trained", "Projects in every class", "Open days held"],
            "short_outcomes": ["Teachers teach through inquiry projects"],
            "medium_outcomes": ["More families of the zone choose the school first"],
            "long_outcomes": ["An intake like the zone's"]},
        "links": [link for link in (
            {"part": "medium_outcomes", "position": 0, "objective": f"o-{a.key}-demand"},
            {"part": "long_outcomes", "position": 0, "objective": f"o-{a.key}-gap"})
            if link["objective"] in have],
        "note": "First version, written with the partner"})


def seed_planning(tenant: Tenant) -> None:
    """Seed step: the demo plans of a demo programme (other tenants are left alone)."""
    programme = PROGRAMMES.get(tenant.slug)
    if programme is None:
        return
    today = date.today()
    year = school_year_of(today)
    boss = _coordinator(tenant)
    active = [a for a in programme.alliances if a.end is None and a.start <= year]
    objectives = {a.key: _objectives(a, year, _baseline_reader(boss, a, today))
                  for a in active}
    import_csv(tenant=tenant, kind="objectives", file_name="demo-objectives.csv", actor="demo",
               data=_csv("objectives", [o for a in active for o in objectives[a.key]]))
    for n, a in enumerate(active):
        for y, value in _open_days(a, year, n).items():
            service.set_objective_value(access=boss, key=f"o-{a.key}-families",
                                        data={"year": y, "value": value}, today=today)
    import_csv(tenant=tenant, kind="budget_lines", file_name="demo-budget.csv", actor="demo",
               data=_csv("budget_lines", [b for n, a in enumerate(active)
                                          for b in _budget(a, year, n)]))
    fresh = [a for a in active if not service.list_plans(access=boss, alliance=a.key)]
    if fresh:
        import_csv(tenant=tenant, kind="plan_actions", file_name="demo-plans.csv", actor="demo",
                   data=_csv("plan_actions", [r for a in fresh
                                              for r in _actions(a, year, objectives[a.key])]))
    own_school = DEMO_SCOPES[tenant.slug].get(Role.SCHOOL)
    waiting = next((a for a in active if a.start < year - 1 and a.school != own_school), None)
    for a in active:
        if not service.get_logic_model(access=boss, alliance=a.key)["model"]:
            _logic_model(boss, a, objectives[a.key])
        if service.list_self_assessments(access=boss, alliance=a.key):
            continue
        if a.start <= year - 1:
            _self_assess(boss, a, year - 1, accept=True, today=today)
        if a is waiting:
            _self_assess(boss, a, year, accept=False, today=today)
