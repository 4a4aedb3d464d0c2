"""Stage assessments: per alliance, school year and core component, the MSAP stage and
which of that stage's benchmarks are met.

Entered by coordinators and by the team of the alliance's school. Read by
coordinators (all), and by partner, municipality and school users for the alliances
in their scope (their partner's, their municipality's schools', their school's).
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from app import audit
from app.network import policy
from app.network.schemas import ASSESSMENT_FIELDS, check_benchmarks, validate
from app.network.service_support import (
    SCOPE_FIELDS,
    Before,
    Page,
    actor_email,
    delete,
    read_one,
    read_page,
    refuse,
    require_alliance_in_scope,
    scoped_filter,
    write,
)
from app.tenancy import Access
from domain.integrity import check_assessment_year
from graph import assessments


def _scoped_filters(access: Access, given: dict[str, str | None]) -> dict[str, str | None]:
    """The partner, municipality and school filters, a scoped caller's held to their own."""
    return {field: scoped_filter(access, role, f"{field}'s assessments", given.get(field))
            for role, field in SCOPE_FIELDS.items()}


def list_assessments(*, access: Access, alliance: str | None = None, school: str | None = None,
                     partner: str | None = None, municipality: str | None = None,
                     year: int | None = None, component: str | None = None,
                     stage: str | None = None, page: int = 1, per_page: int = 50) -> Page:
    """Assessments by alliance, year and component, within the caller's scope."""
    access.require("assessment.view")
    require_alliance_in_scope(access, alliance)
    scope = _scoped_filters(access, {"school": school, "partner": partner,
                                     "municipality": municipality})
    return read_page(assessments.list_assessments, access=access, page=page,
                     per_page=per_page, alliance=alliance, year=year, component=component,
                     stage=stage, **scope)


def get_assessment(*, access: Access, key: str) -> dict:
    access.require("assessment.view")
    item = read_one(assessments.get_assessment, access=access, what="assessment", key=key)
    policy.require_assessment_in_scope(access, item)
    return item


def upsert_assessment(*, access: Access, data: Mapping[str, Any],
                      today: date | None = None) -> tuple[dict, bool]:
    """Record the stage of (alliance, year, component), replacing any earlier record;
    the year lies from the alliance's planning year to its end (domain.integrity).
    Returns (assessment, created)."""
    access.require("assessment.edit")
    values = validate(data, ASSESSMENT_FIELDS)
    values.setdefault("benchmarks", [])
    check_benchmarks(values["stage"], values["benchmarks"])
    alliance, year, component = values.pop("alliance"), values.pop("year"), values.pop("component")
    key = assessments.assessment_key(alliance=alliance, year=year, component=component)
    props = {**values, "assessed_by": actor_email(access)}

    def rule(target: dict) -> None:
        policy.require_assesses(access, target)
        refuse(check_assessment_year(year=year, alliance=target, today=today or date.today()))

    item, previous = audit.audited_write(
        assessments.upsert_assessment, tenant=access.tenant, user_id=access.user_id,
        action="assessment.upsert", target=f"assessment:{key}",
        describe=lambda result: (result[1], result[0]), alliance=alliance, year=year,
        component=component, props=props,
        check=rule)
    return item, previous is None


def update_assessment(*, access: Access, key: str, data: Mapping[str, Any]) -> dict:
    """Change the stage or benchmarks; a new stage without benchmarks starts with none met."""
    access.require("assessment.edit")
    values = validate(data, ASSESSMENT_FIELDS, partial=True)
    props = {**values, "assessed_by": actor_email(access)}

    def rule(current: dict) -> None:
        policy.require_assesses(access, current)
        stage = props.get("stage") or current["stage"]
        if "benchmarks" not in props or props["benchmarks"] is None:
            props["benchmarks"] = [] if stage != current["stage"] else current["benchmarks"]
        check_benchmarks(stage, props["benchmarks"] or [])

    before = Before(rule)
    return write(assessments.update_assessment, access=access, action="assessment.update",
                 target=f"assessment:{key}", before=before, key=key, props=props,
                 check=before)


def delete_assessment(*, access: Access, key: str) -> None:
    access.require("assessment.edit")
    delete(assessments.delete_assessment, access=access, entity="assessment", key=key,
           check=lambda current: policy.require_assesses(access, current))

