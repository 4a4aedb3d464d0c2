"""Who sees which indicators (DESIGN.md, "Who sees which indicators"), each rule stated once.

- coordinators: everything in their programme;
- municipality users: the programme-level indices, their municipality and its
  zones, the schools in them (and those schools' alliances), their commitment;
- school teams: the programme-level indices, their school's zone and
  municipality, their school, its alliances, their municipality's commitment;
- partners: the programme-level indices and, for the schools of their
  alliances, those schools, their zones and municipalities (indices and
  commitment) and the alliances themselves;
- evaluators: every territory's indices, every municipality's commitment and
  every alliance's activity, but no single school's figures (they receive
  school-level data pseudonymised, in the evaluation bundle).

The indicator service enforces these rules (`require_*`) before it reads anything but
the caller's own scope, so a refused caller learns nothing (403 whether or not the
thing exists), and filters its answers (`schools_only`), so a page and the API show the
same fields. Pages ask the same rules (`sees_*`) to show or hide links; the report
service asks `Visibility.school` for annual reports. Nothing else keeps a copy.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _

from app.extensions import graph
from app.indicators.territories import PREFIXES, PROGRAMME, Territory
from app.models import Role
from app.tenancy import Access
from graph import indicators as gi
from graph.errors import Forbidden

PERMISSION = "indicators.view"


@dataclass(frozen=True)
class Visibility:
    everything: bool = False
    all_territories: bool = False
    municipalities: frozenset[str] = frozenset()
    zones: frozenset[str] = frozenset()
    schools: frozenset[str] = frozenset()
    alliances: frozenset[str] = frozenset()

    def territory(self, place: Territory) -> bool:
        if self.everything or self.all_territories or place.level == PROGRAMME:
            return True
        if place.level == "zone":
            return place.key in self.zones
        return place.key in self.municipalities

    def territory_named(self, territory: str) -> bool:
        """Whether a territory key as callers write it ("programme", a key, "zone:<key>")
        may be seen, decided before it is looked up; an empty key is left to the lookup."""
        text = (territory or "").strip()
        if not text or text == PROGRAMME or self.everything or self.all_territories:
            return True
        level, _colon, key = text.partition(":")
        if level not in PREFIXES or not key:
            level, key = "", text
        return ((level in ("", "zone") and key in self.zones)
                or (level in ("", "municipality") and key in self.municipalities))

    def level(self, level: str) -> frozenset[str] | None:
        """The keys of the territories at `level` the caller may see; None for all of them."""
        if self.everything or self.all_territories:
            return None
        return self.zones if level == "zone" else self.municipalities

    def municipality(self, key: str) -> bool:
        return self.everything or self.all_territories or key in self.municipalities

    def school(self, key: str) -> bool:
        return self.everything or key in self.schools

    def alliance(self, key: str) -> bool:
        return self.everything or self.all_territories or key in self.alliances

    @property
    def any_school(self) -> bool:
        return self.everything or bool(self.schools)

    def require_territory(self, place: Territory | str) -> None:
        seen = (self.territory_named(place) if isinstance(place, str)
                else self.territory(place))
        if not seen:
            name = place if isinstance(place, str) else place.name
            raise Forbidden(_("You may not see the indicators of %(name)r.", name=name))

    def require_municipality(self, key: str) -> None:
        if not self.municipality(key):
            raise Forbidden(_("You may not see the measures of municipality %(key)r.", key=key))

    def require_school(self, key: str) -> None:
        if not self.school(key):
            raise Forbidden(_("You may not see the indicators of school %(key)r.", key=key))

    def require_alliance(self, key: str) -> None:
        if not self.alliance(key):
            raise Forbidden(_("You may not see the activity of alliance %(key)r.", key=key))

    def schools_only(self, rows: list[dict], field: str = "school") -> list[dict]:
        """The rows naming a school the caller may see."""
        return rows if self.everything else [r for r in rows if r.get(field) in self.schools]


SCOPED_ROLES = {Role.MUNICIPALITY: "municipality", Role.SCHOOL: "school",
                Role.PARTNER: "partner"}


def visibility_for(access: Access) -> Visibility:
    """What this caller may see (nothing without `indicators.view`), read once from the
    graph for scoped roles: the only read that comes before a check."""
    if not access.can(PERMISSION):
        return Visibility()
    if access.is_coordinator:
        return Visibility(everything=True)
    if access.role is Role.EVALUATOR:
        return Visibility(all_territories=True)
    scope = SCOPED_ROLES.get(access.role)
    if scope is None or not access.scope_key:
        return Visibility()
    found = graph.read(gi.scope_of, tenant=access.tenant.slug, role=scope, key=access.scope_key)
    return Visibility(**{name: frozenset(values) for name, values in found.items()})


def require_indicators(access: Access) -> None:
    """Refuse a role without `indicators.view` (every indicator answer needs it)."""
    access.require(PERMISSION)


def own_municipality(access: Access) -> str | None:
    """The municipality a municipality user is bound to (their default territory)."""
    return access.scope_key if access.role is Role.MUNICIPALITY else None


# ---- what pages ask, from the fields they already hold (no graph read) -----------------

def sees_school_indicators(access: Access, *, school: str, municipality: str | None,
                           partners: set[str]) -> bool:
    """A school's figures: coordinators, its team, its municipality's users and the users
    of a partner allied with it; the same schools `visibility_for` expands in the graph."""
    return access.can(PERMISSION) and (
        access.owns(Role.SCHOOL, school) or access.owns(Role.MUNICIPALITY, municipality)
        or any(access.owns(Role.PARTNER, p) for p in partners))


def sees_territory_pages(access: Access) -> bool:
    """The territory pages (index, a territory's page) are for roles with territory.view."""
    return access.can("territory.view")


def sees_municipality_page(access: Access, *, municipality: str) -> bool:
    """A municipality's territory page: coordinators and that municipality's users."""
    return sees_territory_pages(access) and access.owns(Role.MUNICIPALITY, municipality)
