"""Balanced-schooling measures a municipality deploys, covering schools of its territory.

Coordinators see and record measures for every municipality; a municipality user
only for its own municipality.
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from flask_babel import gettext as _

from app.models import Role
from app.network import policy
from app.network.parsers import error, raise_invalid
from app.network.schemas import MEASURE_END_FIELDS, MEASURE_FIELDS, check_measure, validate
from app.network.service_support import (
    Before,
    Page,
    delete,
    new_key,
    read_one,
    read_page,
    scoped_filter,
    write,
)
from app.tenancy import Access
from domain.vocabulary import school_year_bounds
from graph import measures
from graph.errors import Conflict


def list_measures(*, access: Access, municipality: str | None = None, kind: str | None = None,
                  school: str | None = None, year: int | None = None, page: int = 1,
                  per_page: int = 50) -> Page:
    """Measures, latest start first; `year` keeps those active at some point in that
    school year."""
    access.require("measure.view")
    municipality = scoped_filter(access, Role.MUNICIPALITY, "municipality's measures",
                                 municipality)
    since, until = school_year_bounds(year) if year is not None else (None, None)
    return read_page(measures.list_measures, access=access, page=page, per_page=per_page,
                     municipality=municipality, kind=kind, school=school, since=since,
                     until=until)


def get_measure(*, access: Access, key: str) -> dict:
    access.require("measure.view")
    item = read_one(measures.get_measure, access=access, what="measure", key=key)
    policy.require_manages_measures(access, item)
    return item


def create_measure(*, access: Access, data: Mapping[str, Any]) -> dict:
    """Record a measure; a municipality user's own municipality is the default and the only
    one allowed; covered schools must lie in that municipality."""
    access.require("measure.edit")
    values = validate(data, MEASURE_FIELDS)
    municipality = values.pop("municipality", None)
    if access.role is Role.MUNICIPALITY:
        municipality = scoped_filter(access, Role.MUNICIPALITY, "municipality", municipality)
    if municipality is None:
        raise_invalid([error("municipality", None, "required")])
    check_measure(values)
    schools = values.pop("schools", [])
    key = new_key(given=values.pop("key", None), hint=f"{municipality}-{values['kind']}",
                  prefix="measure")
    return write(measures.create_measure, access=access, action="measure.create",
                 target=f"measure:{key}", key=key, municipality=municipality, props=values,
                 schools=schools)


def update_measure(*, access: Access, key: str, data: Mapping[str, Any]) -> dict:
    """Change kind, dates, covered schools or description (the municipality is fixed)."""
    access.require("measure.edit")
    values = validate(data, MEASURE_FIELDS, partial=True)
    schools = values.pop("schools", None)
    if "schools" in data and schools is None:
        schools = []

    def rule(current: dict) -> None:
        policy.require_manages_measures(access, current)
        check_measure({**current, **values})

    before = Before(rule)
    return write(measures.update_measure, access=access, action="measure.update",
                 target=f"measure:{key}", before=before, key=key, props=values,
                 schools=schools, check=before)


def end_measure(*, access: Access, key: str, data: Mapping[str, Any] | None = None,
                today: date | None = None) -> dict:
    """End a measure on `end` (default: today); one already ended by then is a Conflict."""
    access.require("measure.edit")
    values = validate(data or {}, MEASURE_END_FIELDS)
    end = values.get("end") or (today or date.today()).isoformat()

    def rule(current: dict) -> None:
        policy.require_manages_measures(access, current)
        if current.get("end") and current["end"] <= end:
            raise Conflict(_("Measure %(key)s already ended on %(end)s.", key=key,
                             end=current["end"]))
        check_measure({**current, "end": end})

    before = Before(rule)
    return write(measures.update_measure, access=access, action="measure.end",
                 target=f"measure:{key}", before=before, key=key, props={"end": end},
                 check=before)


def delete_measure(*, access: Access, key: str) -> None:
    access.require("measure.edit")
    delete(measures.delete_measure, access=access, entity="measure", key=key,
           check=lambda current: policy.require_manages_measures(access, current))
