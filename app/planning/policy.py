"""Who may read, write and review an alliance's plan, each rule stated once.

- **Read** (logic model, plans, objectives, budget, self-assessments): coordinators, and the
  partner, school and municipality users of the alliance (a municipality reads its schools'
  plans). Evaluators read them in the evaluation bundle, not here.
- **Write** (logic model, plan actions, objectives and their typed-in values, budget lines):
  the alliance's school team and partner together, and coordinators.
- **Self-assess**: the alliance's school team (and coordinators) rate the rubric and submit.
- **Review**: coordinators comment on a logic model and return or accept a self-assessment.

Services enforce these (`require_*`); pages ask the same rules (`sees`, `may_*`).
"""
from __future__ import annotations

from flask_babel import gettext as _

from app.models import Role
from app.network.policy import assesses, assessment_in_scope
from app.tenancy import Access
from graph.errors import Forbidden


def in_scope(access: Access, alliance: dict) -> bool:
    """The alliance's partner, school and municipality users, and coordinators."""
    return assessment_in_scope(access, alliance)


def writes(access: Access, alliance: dict) -> bool:
    """The plan is written by the alliance's school team and partner (and coordinators)."""
    return (access.owns(Role.PARTNER, alliance.get("partner"))
            or access.owns(Role.SCHOOL, alliance.get("school")))


def _enforce(allowed: bool, message: str) -> None:
    if not allowed:
        raise Forbidden(message)


def require_reads(access: Access, alliance: dict) -> None:
    access.require("plan.view")
    _enforce(in_scope(access, alliance), _("This alliance is outside your scope."))


def require_writes(access: Access, alliance: dict) -> None:
    access.require("plan.edit")
    _enforce(writes(access, alliance),
             _("Only coordinators, the team of school %(school)s and partner %(partner)s may "
               "change the plan of alliance %(key)s.", school=alliance.get("school"),
               partner=alliance.get("partner"), key=alliance.get("key")))


def require_self_assesses(access: Access, alliance: dict) -> None:
    access.require("assessment.edit")
    _enforce(assesses(access, school=alliance.get("school")),
             _("Only coordinators and the team of school %(school)s may self-assess "
               "alliance %(key)s.", school=alliance.get("school"), key=alliance.get("key")))


def require_reviews(access: Access) -> None:
    access.require("plan.review")


# ---- what pages ask --------------------------------------------------------------------

def sees(access: Access, alliance: dict) -> bool:
    return access.can("plan.view") and in_scope(access, alliance)


def may_write(access: Access, alliance: dict) -> bool:
    return access.can("plan.edit") and writes(access, alliance)


def may_self_assess(access: Access, alliance: dict) -> bool:
    return access.can("assessment.edit") and assesses(access, school=alliance.get("school"))


def may_review(access: Access) -> bool:
    return access.can("plan.review")
