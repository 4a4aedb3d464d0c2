"""Alliances: a school and a partner around a theme, followed year by year.

A school has at most one active alliance. Changing partner ends the current
alliance (status ended, end year) and starts a new one; the school's history keeps both.
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from flask_babel import gettext as _

from app.network.parsers import error, raise_invalid
from app.network.schemas import (
    ALLIANCE_END_FIELDS,
    ALLIANCE_FIELDS,
    CHANGE_PARTNER_FIELDS,
    check_alliance,
    validate,
)
from app.network.service_support import (
    Before,
    Page,
    delete,
    new_key,
    read_one,
    read_page,
    search_text,
    write,
)
from app.tenancy import Access
from graph import alliances
from graph.errors import Conflict
from graph.model import TRAINING_SHARE_TARGET, AllianceStatus, school_year_of

ACTIVE, ENDED = AllianceStatus.ACTIVE.value, AllianceStatus.ENDED.value


def _with_targets(alliance: dict) -> dict:
    """Add whether the programme's training target (≥ 80% of teachers) is met."""
    share = alliance.get("training_share")
    alliance["training_target_met"] = None if share is None else share >= TRAINING_SHARE_TARGET
    return alliance


def list_alliances(*, access: Access, school: str | None = None, partner: str | None = None,
                   municipality: str | None = None, status: str | None = None,
                   year: int | None = None, q: str | None = None, archived: bool = False,
                   page: int = 1, per_page: int = 50) -> Page:
    """Alliances by school, then start year; `year` keeps those running in that school year;
    archived ones only with archived=True or status='archived'."""
    access.require("network.view")
    result = read_page(alliances.list_alliances, access=access, page=page, per_page=per_page,
                       school=school, partner=partner, municipality=municipality,
                       status=status, year=year, q=search_text(q), archived=archived)
    for row in result.items:
        _with_targets(row)
    return result


def school_history(*, access: Access, school: str) -> list[dict]:
    """Every alliance the school has had, oldest first (archived ones included)."""
    return list_alliances(access=access, school=school, archived=True, per_page=200).items


def get_alliance(*, access: Access, key: str) -> dict:
    """An alliance with school, partner, municipality, stage per component, contributions."""
    access.require("network.view")
    return _with_targets(read_one(alliances.get_alliance, access=access, what="alliance",
                                  key=key))


def create_alliance(*, access: Access, data: Mapping[str, Any]) -> dict:
    access.require("network.edit")
    values = validate(data, ALLIANCE_FIELDS)
    values.setdefault("status", ACTIVE)
    check_alliance(values)
    school, partner = values.pop("school"), values.pop("partner")
    key = new_key(given=values.pop("key", None), hint=f"{school}-{values['start_year']}",
                  prefix="alliance")
    return _with_targets(write(alliances.create_alliance, access=access,
                               action="alliance.create", target=f"alliance:{key}", key=key,
                               school=school, partner=partner, props=values))


def update_alliance(*, access: Access, key: str, data: Mapping[str, Any]) -> dict:
    """Change theme, years, status, trainer, advisory hours or training share.
    School and partner are fixed: a new partner means a new alliance."""
    access.require("network.edit")
    values = validate(data, ALLIANCE_FIELDS, partial=True)
    if values.get("status") == ACTIVE and "end_year" not in values:
        values["end_year"] = None  # reopening an ended alliance
    before = Before(lambda current: check_alliance({**current, **values}))
    return _with_targets(write(alliances.update_alliance, access=access,
                               action="alliance.update", target=f"alliance:{key}",
                               before=before, key=key, props=values, check=before))


def _must_be_active(key: str, end_year: int) -> Any:
    def rule(current: dict) -> None:
        if current["status"] != ACTIVE:
            raise Conflict(_("Alliance %(key)s is %(status)s, not active: only an active "
                             "alliance can be ended.", key=key, status=current["status"]))
        if current["start_year"] is not None and end_year < current["start_year"]:
            raise_invalid([error("end_year", end_year,
                                 f"must not be before start_year {current['start_year']}")])
    return rule


def end_alliance(*, access: Access, key: str, data: Mapping[str, Any] | None = None,
                 today: date | None = None) -> dict:
    """End an active alliance: status ended, end year (default: the current school year)."""
    access.require("network.edit")
    values = validate(data or {}, ALLIANCE_END_FIELDS)
    end_year = values.get("end_year") or school_year_of(today or date.today())
    before = Before(_must_be_active(key, end_year))
    return _with_targets(write(alliances.update_alliance, access=access,
                               action="alliance.end", target=f"alliance:{key}",
                               before=before, key=key,
                               props={"status": ENDED, "end_year": end_year}, check=before))


def change_partner(*, access: Access, key: str, data: Mapping[str, Any],
                   today: date | None = None) -> dict:
    """End alliance `key` and start a new one for the same school with another partner.

    The new alliance starts in `start_year` (default: the current school year); the old
    one ends the year before (or that same year if it only started then). Theme and the
    other fields default to the old alliance's. Returns {"ended": ..., "started": ...}.
    """
    access.require("network.edit")
    values = validate(data, CHANGE_PARTNER_FIELDS)
    old = get_alliance(access=access, key=key)
    start = values.pop("start_year", None) or school_year_of(today or date.today())
    end_year = max(start - 1, old["start_year"] or start)
    props = {"theme": values.get("theme") or old["theme"], "start_year": start,
             "status": ACTIVE, **{k: v for k, v in values.items()
                                  if k not in ("key", "partner", "theme")}}
    new_key_ = new_key(given=values.get("key"), hint=f"{old['school']}-{start}",
                       prefix="alliance")
    before = Before(_must_be_active(key, end_year))
    ended, started = write(alliances.change_partner, access=access,
                           action="alliance.change_partner", target=f"alliance:{key}",
                           before=before, key=key, ended={"status": ENDED, "end_year": end_year},
                           new_key=new_key_, partner=values["partner"], props=props,
                           check=before, summary=lambda r: {"ended": r[0], "started": r[1]})
    return {"ended": _with_targets(ended), "started": _with_targets(started)}


def delete_alliance(*, access: Access, key: str) -> None:
    """Delete an alliance with no contributions and no assessments (else end or archive it)."""
    access.require("network.edit")
    delete(alliances.delete_alliance, access=access, entity="alliance", key=key)
