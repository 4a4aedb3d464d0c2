"""Contributions partners log to their alliances, their totals and their CSV export.

Coordinators see and log for every alliance; a partner user only for its own
partner's alliances; a school team reads those of its school's alliances.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from datetime import date
from typing import Any

from flask_babel import gettext as _

from app.extensions import graph
from app.models import Role
from app.network import policy
from app.network.schemas import CONTRIBUTION_FIELDS, check_not_future, validate
from app.network.service_support import (
    Before,
    Page,
    actor_email,
    delete,
    new_key,
    read_one,
    refuse,
    require_alliance_in_scope,
    scoped_filter,
    write,
)
from app.tenancy import Access
from domain.csv_safety import neutralise
from domain.integrity import check_contribution_date
from graph import contributions
from graph.errors import Conflict, Forbidden
from graph.model import AllianceStatus, ContributionKind, school_year_of

MEASURES = ("count", "hours", "teachers", "students", "families")
CSV_COLUMNS = ("key", "date", "year", "alliance", "theme", "school", "school_name", "partner",
               "partner_name", "kind", "hours", "teachers", "students", "families",
               "description", "logged_by")
EXPORT_LIMIT = 1_000_000


def _selection(access: Access, *, alliance: str | None, partner: str | None,
               school: str | None, kind: str | None, year: int | None, date_from: str | None,
               date_to: str | None) -> dict[str, Any]:
    """The graph filters of a selection of contributions, held to the caller's scope."""
    require_alliance_in_scope(access, alliance)
    return {"alliance": alliance, "kind": kind, "year": year, "date_from": date_from,
            "date_to": date_to,
            "partner": scoped_filter(access, Role.PARTNER, "partner's contributions", partner),
            "school": scoped_filter(access, Role.SCHOOL, "school's contributions", school)}


def _totals(rows: list[dict]) -> dict[str, Any]:
    by_kind = {kind.value: dict.fromkeys(MEASURES, 0) for kind in ContributionKind}
    for row in rows:
        by_kind.setdefault(row["kind"], dict.fromkeys(MEASURES, 0)).update(
            {m: row[m] or 0 for m in MEASURES})
    overall = {m: sum(v[m] for v in by_kind.values()) for m in MEASURES}
    return {"by_kind": by_kind, "all": overall}


def list_contributions(*, access: Access, alliance: str | None = None,
                       partner: str | None = None, school: str | None = None,
                       kind: str | None = None, year: int | None = None,
                       date_from: str | None = None, date_to: str | None = None,
                       page: int = 1, per_page: int = 50) -> Page:
    """Contributions newest first, with totals by kind over everything selected
    (extra "totals": {"by_kind": {kind: {count, hours, ...}}, "all": {...}})."""
    access.require("contribution.view")
    filters = _selection(access, alliance=alliance, partner=partner, school=school, kind=kind,
                         year=year, date_from=date_from, date_to=date_to)
    result = graph.read(contributions.list_contributions, tenant=access.tenant.slug,
                        skip=(page - 1) * per_page, limit=per_page, **filters)
    totals = graph.read(contributions.contribution_totals, tenant=access.tenant.slug,
                        **filters)
    return Page(items=result["items"], total=result["total"], page=page, per_page=per_page,
                extra={"totals": _totals(totals)})


def contribution_totals_by_year(*, access: Access, alliance: str | None = None,
                                partner: str | None = None, school: str | None = None,
                                kind: str | None = None, year: int | None = None,
                                date_from: str | None = None,
                                date_to: str | None = None) -> list[dict]:
    """Count, hours and people reached per school year of the contributions that
    list_contributions selects with the same filters (and the same scope)."""
    access.require("contribution.view")
    filters = _selection(access, alliance=alliance, partner=partner, school=school, kind=kind,
                         year=year, date_from=date_from, date_to=date_to)
    return graph.read(contributions.contribution_totals_by_year, tenant=access.tenant.slug,
                      **filters)


def get_contribution(*, access: Access, key: str) -> dict:
    access.require("contribution.view")
    item = read_one(contributions.get_contribution, access=access, what="contribution",
                    key=key)
    policy.require_contribution_in_scope(access, item)
    return item


def _props(values: dict[str, Any]) -> dict[str, Any]:
    if values.get("date"):
        values["year"] = school_year_of(date.fromisoformat(values["date"]))
    return values


def create_contribution(*, access: Access, data: Mapping[str, Any],
                        today: date | None = None) -> dict:
    """Log a contribution (hours and people reached default to 0; year from the date),
    dated within the alliance's life (domain.integrity)."""
    access.require("contribution.log")
    values = validate(data, CONTRIBUTION_FIELDS)
    today = today or date.today()
    check_not_future("date", values["date"], today=today)
    alliance = values.pop("alliance")
    key = new_key(given=values.pop("key", None), hint=f"c-{values['date']}", prefix="c")
    props = {"hours": 0, "teachers": 0, "students": 0, "families": 0,
             **_props(values), "logged_by": actor_email(access)}

    def rule(target: dict) -> None:
        policy.require_logs_for(access, target)
        if target["status"] == AllianceStatus.ARCHIVED:
            raise Conflict(_("Alliance %(key)s is archived.", key=target["key"]))
        refuse(check_contribution_date(day=props["date"], alliance=target, today=today))

    return write(contributions.create_contribution, access=access, action="contribution.log",
                 target=f"contribution:{key}", key=key, alliance=alliance, props=props,
                 check=rule)


def update_contribution(*, access: Access, key: str, data: Mapping[str, Any],
                        today: date | None = None) -> dict:
    """Correct a contribution (its partner's users or a coordinator); the alliance is fixed."""
    access.require("contribution.log")
    values = validate(data, CONTRIBUTION_FIELDS, partial=True)
    today = today or date.today()
    if "date" in values:
        check_not_future("date", values["date"], today=today)

    def within_life(alliance: dict) -> None:
        if values.get("date"):
            refuse(check_contribution_date(day=values["date"], alliance=alliance, today=today))

    before = Before(lambda current: policy.require_logs_for(access, current))
    return write(contributions.update_contribution, access=access,
                 action="contribution.update", target=f"contribution:{key}", before=before,
                 key=key, props=_props(values), check=before, check_alliance=within_life)


def delete_contribution(*, access: Access, key: str) -> None:
    access.require("contribution.log")
    delete(contributions.delete_contribution, access=access, entity="contribution", key=key,
           check=lambda current: policy.require_logs_for(access, current))


def may_export(access: Access) -> bool:
    """Coordinators export any contributions (export), partner users their own partner's
    (export.own)."""
    return access.can("export") or (access.can("export.own") and access.role is Role.PARTNER)


def _cell(value: Any) -> Any:
    """Text a spreadsheet would run as a formula is quoted."""
    return "" if value is None else neutralise(value)


def export_contributions_csv(*, access: Access, alliance: str | None = None,
                             partner: str | None = None, school: str | None = None,
                             kind: str | None = None, year: int | None = None,
                             date_from: str | None = None, date_to: str | None = None) -> str:
    """CSV of the selected contributions: coordinators (export) any, partner users
    (export.own) their own partner's."""
    access.require("contribution.view")
    if not may_export(access):
        raise Forbidden(_("Exporting needs the export right."))
    page = list_contributions(access=access, alliance=alliance, partner=partner, school=school,
                              kind=kind, year=year, date_from=date_from, date_to=date_to,
                              per_page=EXPORT_LIMIT)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in page.items:
        writer.writerow([_cell(row.get(c)) for c in CSV_COLUMNS])
    return out.getvalue()
