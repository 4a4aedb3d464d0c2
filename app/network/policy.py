"""Who may see or change what in the network, each rule stated once.

Services enforce the rules (`require_*`, before they read on or write); pages ask the
same rules (`sees_*`, `may_*`) to show or hide sections and buttons, never a copy.
A role's permission (Access.can) says what kind of thing it may do; the scope rules
here say on which entities (coordinators own every entity).
"""
from __future__ import annotations

from flask_babel import gettext as _

from app.models import Role
from app.tenancy import Access
from graph.errors import Forbidden


def _enforce(allowed: bool, message: str) -> None:
    if not allowed:
        raise Forbidden(message)


# ---- the scope rules -------------------------------------------------------------------

def contribution_in_scope(access: Access, *, partner: str | None,
                          school: str | None = None) -> bool:
    """An alliance's contributions: its partner's users, its school's team, coordinators."""
    return access.owns(Role.PARTNER, partner) or access.owns(Role.SCHOOL, school)


def logs_for(access: Access, *, partner: str | None) -> bool:
    """Contributions are logged by the alliance's partner's users (and coordinators)."""
    return access.owns(Role.PARTNER, partner)


def assessment_in_scope(access: Access, item: dict) -> bool:
    """An alliance's assessments: users bound to its partner, school or municipality."""
    return (access.owns(Role.PARTNER, item.get("partner"))
            or access.owns(Role.SCHOOL, item.get("school"))
            or access.owns(Role.MUNICIPALITY, item.get("municipality")))


def assesses(access: Access, *, school: str | None) -> bool:
    """An alliance is assessed by its school's team (and coordinators)."""
    return access.owns(Role.SCHOOL, school)


def manages_measures(access: Access, *, municipality: str | None) -> bool:
    """A municipality's measures: its own users (and coordinators)."""
    return access.owns(Role.MUNICIPALITY, municipality)


# ---- what services enforce -------------------------------------------------------------

def require_contribution_in_scope(access: Access, item: dict) -> None:
    _enforce(contribution_in_scope(access, partner=item.get("partner"),
                                   school=item.get("school")),
             _("This contribution belongs to another partner's alliance."))


def require_logs_for(access: Access, alliance: dict) -> None:
    _enforce(logs_for(access, partner=alliance.get("partner")),
             _("Alliance %(key)s is not one of your partner's alliances.", key=alliance["key"]))


def require_assessment_in_scope(access: Access, item: dict) -> None:
    _enforce(assessment_in_scope(access, item), _("This alliance is outside your scope."))


def require_assesses(access: Access, alliance: dict) -> None:
    _enforce(assesses(access, school=alliance.get("school")),
             _("Only coordinators and the team of school %(school)s may assess alliance "
               "%(key)s.", school=alliance.get("school"), key=alliance.get("key")))


def require_manages_measures(access: Access, measure: dict) -> None:
    _enforce(manages_measures(access, municipality=measure.get("municipality")),
             _("Measure %(key)s belongs to another municipality (%(municipality)s).",
               key=measure["key"], municipality=measure.get("municipality")))


# ---- what pages ask (the role's permission and the scope rule) -------------------------

def sees_contributions(access: Access, *, partner: str | None = None,
                       school: str | None = None) -> bool:
    return access.can("contribution.view") and contribution_in_scope(
        access, partner=partner, school=school)


def may_log(access: Access, partner: str | None) -> bool:
    return access.can("contribution.log") and logs_for(access, partner=partner)


def sees_assessments(access: Access, item: dict) -> bool:
    return access.can("assessment.view") and assessment_in_scope(access, item)


def may_assess(access: Access, school: str | None) -> bool:
    return access.can("assessment.edit") and assesses(access, school=school)


def sees_measures(access: Access, municipality: str | None) -> bool:
    return access.can("measure.view") and manages_measures(access, municipality=municipality)


def may_manage_measures(access: Access, municipality: str | None) -> bool:
    return access.can("measure.edit") and manages_measures(access, municipality=municipality)
