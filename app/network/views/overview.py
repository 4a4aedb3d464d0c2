"""The coordinator's programme overview: alliances by stage and status, this school
year's contributions by kind, and every school with its latest demand and composition."""
from __future__ import annotations

from collections import Counter
from datetime import date

from flask import render_template

from app.indicators.service import latest_school_indicators
from app.network import service
from app.network.views import bp
from app.network.views.page_helpers import ALL
from app.planning import service as planning
from app.tenancy import current_access, tenant_route
from graph.model import AllianceStatus, Component, Stage, school_year_of

STAGES = [s.value for s in Stage]
NOT_ASSESSED = "not_assessed"


def current_stage(alliance: dict) -> str:
    """The alliance's stage (its least advanced core component in its latest assessed
    school year), or "not assessed"."""
    stage = alliance.get("stage")
    return stage if stage in STAGES else NOT_ASSESSED


def stage_table(alliances: list[dict]) -> dict:
    """Counts of alliances per (stage, status), and per (component, stage) for the
    active ones."""
    by_stage = Counter((current_stage(a), a.get("status")) for a in alliances)
    components = Counter((c, s) for a in alliances if a.get("status") == AllianceStatus.ACTIVE
                         for c, s in (a.get("stages") or {}).items())
    return {"rows": [*STAGES, NOT_ASSESSED], "statuses": [s.value for s in AllianceStatus],
            "by_stage": by_stage, "by_status": Counter(a.get("status") for a in alliances),
            "components": components, "component_rows": [c.value for c in Component],
            "component_max": max(components.values(), default=0)}


@bp.route("/t/<slug>/overview")
@tenant_route("network.edit")
def overview(slug: str):
    access = current_access()
    year = school_year_of(date.today())
    alliances = service.list_alliances(access=access, archived=True, per_page=ALL).items
    contributions = service.list_contributions(access=access, year=year, per_page=1)
    schools = service.list_schools(access=access, per_page=ALL)
    figures = {row["school"]: row for row in latest_school_indicators(access=access)}
    counts = {"schools": schools.total,
              "partners": service.list_partners(access=access, per_page=1).total,
              "municipalities": service.list_municipalities(access=access, per_page=1).total,
              "active": sum(a.get("status") == AllianceStatus.ACTIVE for a in alliances)}
    objectives = planning.programme_objectives(access=access)
    return render_template("network/overview.html", year=year, stages=stage_table(alliances),
                           reviews=planning.awaiting_review(access=access),
                           hand_overs=planning.hand_overs(access=access, alliances=alliances),
                           objectives=objectives, objective_counts=Counter(
                               o["status"]["status"] for o in objectives),
                           names={a["key"]: a for a in alliances},
                           totals=contributions.extra["totals"], schools=schools.items,
                           figures=figures, counts=counts)
