"""What each role's home page shows: a few facts read through the feature services with the
caller's access (so every access rule holds) and nothing beyond the caller's scope.

Each builder reads only what its role sees; the graph reads each one makes are counted in
tests/main/test_dashboards.py. Pupil and family counts appear only as the indicator service
returns them (already disclosure-controlled); contributions count hours, activities and
people reached, which are no personal data.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from app.main import dashboard_scoped as scoped
from app.models import Role
from app.network import service as network
from app.network.service_check import list_problems
from app.planning import service as planning
from app.planning.service_actions import open_actions
from app.reports import service as reports
from app.tenancy import Access
from graph.errors import Forbidden, NotFound
from graph.model import school_year_of
from jobs.kinds import CYCLE, period_of

ALL = scoped.ALL
SHOWN = 5  # items listed under an alert; the rest are counted


def home(*, access: Access, today: date | None = None) -> dict[str, Any] | None:
    """The dashboard of the caller's role, or None for a scoped role whose entity is not (or
    no longer) in the programme."""
    today = today or date.today()
    if access.role in scoped.SCOPED and not access.scope_key:
        return None
    build: Callable[..., dict[str, Any]] = BUILDERS[access.role]
    try:
        facts = build(access=access, today=today)
    except (NotFound, Forbidden):
        if access.role not in scoped.SCOPED:
            raise
        return None  # its entity is gone: the scope rules see nothing of it
    return {"role": access.role.value, "year": school_year_of(today), **facts}


def coordinator(*, access: Access, today: date) -> dict[str, Any]:
    """The alerts Imant knows: overdue plan actions, self-assessments awaiting review and
    the records the Data check lists; and the years with annual reports."""
    names = {a["key"]: a for a in network.list_alliances(access=access, archived=True,
                                                         per_page=ALL).items}
    overdue = [a for a in open_actions(access=access, today=today) if a["overdue"]]
    alerts = [
        _alert("overdue", overdue_by_plan(overdue), names, total=len(overdue)),
        _alert("reviews", planning.awaiting_review(access=access), names),
        _alert("problems", list_problems(access=access, today=today), names),
    ]
    return {"alerts": [a for a in alerts if a["total"]],
            "annual_years": reports.annual_periods(access=access),
            "active": sum(a.get("status") == "active" for a in names.values())}


def _alert(kind: str, rows: list[dict], names: dict[str, dict],
           total: int | None = None) -> dict[str, Any]:
    shown = [{**row, "alliance_row": names.get(row.get("alliance"))} for row in rows[:SHOWN]]
    return {"kind": kind, "total": len(rows) if total is None else total, "rows": len(rows),
            "items": shown}


def overdue_by_plan(actions: list[dict]) -> list[dict]:
    """Overdue actions grouped by plan: the plans with most first, then the longest due."""
    plans: dict[str, dict] = {}
    for action in actions:
        entry = plans.setdefault(action["plan"], {"plan": action["plan"],
                                                  "alliance": action["alliance"], "count": 0,
                                                  "oldest": action["last_year"], "titles": []})
        entry["count"] += 1
        entry["oldest"] = min(entry["oldest"], action["last_year"])
        entry["titles"].append(action["title"])
    return sorted(plans.values(), key=lambda p: (-p["count"], p["oldest"], p["plan"]))


def evaluator(*, access: Access, today: date) -> dict[str, Any]:
    """The bundles by cycle, and the current cycle's school years: which have ended and which
    have figures (the annual reports themselves are not an evaluator's to list)."""
    year = school_year_of(today)
    bundles: dict[str, list] = {}
    for artifact in reports.list_artifacts(access=access, kind="evaluation"):
        bundles.setdefault(artifact.period, []).append(artifact)
    cycles = reports.cycles(access.tenant, until=year)
    with_figures = set(scoped.years_with_figures(access=access))
    rows = [{"cycle": c, "period": period_of(access.tenant, c),
             "artifacts": bundles.get(period_of(access.tenant, c), []),
             "ended": c + CYCLE - 1 < year} for c in reversed(cycles)]
    current = cycles[-1] if cycles else None
    years = [] if current is None else [
        {"year": y, "ended": y < year, "current": y == year, "figures": y in with_figures}
        for y in range(current, current + CYCLE)]
    return {"cycles": rows, "current": current, "cycle_years": years}


BUILDERS: dict[Role, Callable[..., dict[str, Any]]] = {
    Role.COORDINATOR: coordinator, Role.EVALUATOR: evaluator,
    Role.PARTNER: scoped.partner, Role.SCHOOL: scoped.school,
    Role.MUNICIPALITY: scoped.municipality,
}
