"""Who may build, run and read admission scenarios, each rule stated once.

- **Coordinators**: every municipality of the programme.
- **Municipality users**: their own municipality only (its schools are the market they
  plan for). Other roles neither see nor run scenarios.

Services enforce these (`require_*`); pages ask the same rules (`may_*`).
"""
from __future__ import annotations

from flask_babel import gettext as _

from app.models import Role
from app.tenancy import Access
from graph.errors import Forbidden


def reaches(access: Access, municipality: str | None) -> bool:
    """The caller may see scenarios of this municipality."""
    return access.can("scenario.view") and access.owns(Role.MUNICIPALITY, municipality)


def may_edit(access: Access, municipality: str | None) -> bool:
    return access.can("scenario.edit") and access.owns(Role.MUNICIPALITY, municipality)


def own_municipality(access: Access) -> str | None:
    """The one municipality a scoped caller plans for (None: a coordinator, any)."""
    return None if access.is_coordinator else access.scope_key


def require_reaches(access: Access, municipality: str | None) -> None:
    access.require("scenario.view")
    if not reaches(access, municipality):
        raise Forbidden(_("As a municipality user you work only with the scenarios of "
                          "%(municipality)s.", municipality=access.scope_key))


def require_edits(access: Access, municipality: str | None) -> None:
    access.require("scenario.edit")
    if not may_edit(access, municipality):
        raise Forbidden(_("As a municipality user you build scenarios only for "
                          "%(municipality)s.", municipality=access.scope_key))
