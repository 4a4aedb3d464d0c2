"""Which territories, schools and alliances a caller may see indicators of.

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

Lists that name schools (gaps, decomposition by school, demand) are filtered
to the schools the caller may see.
"""
from __future__ import annotations

from dataclasses import dataclass

from app.extensions import graph
from app.indicators.territories import PROGRAMME, Territory
from app.models import Role
from app.tenancy import Access
from graph import indicators as gi
from graph.errors import Forbidden, NotFound


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

    def municipality(self, key: str) -> bool:
        return self.everything or self.all_territories or key in self.municipalities

    def school(self, key: str) -> bool:
        return self.everything or key in self.schools

    def alliance(self, key: str) -> bool:
        return self.everything or self.all_territories or key in self.alliances

    @property
    def any_school(self) -> bool:
        return self.everything or bool(self.schools)

    def require_territory(self, place: Territory) -> None:
        if not self.territory(place):
            raise Forbidden(f"You may not see the indicators of {place.name!r}.")

    def require_municipality(self, key: str) -> None:
        if not self.municipality(key):
            raise Forbidden(f"You may not see the measures of municipality {key!r}.")

    def require_school(self, key: str) -> None:
        if not self.school(key):
            raise Forbidden(f"You may not see the indicators of school {key!r}.")

    def require_alliance(self, key: str) -> None:
        if not self.alliance(key):
            raise Forbidden(f"You may not see the activity of alliance {key!r}.")

    def schools_only(self, rows: list[dict], field: str = "school") -> list[dict]:
        """The rows naming a school the caller may see."""
        return rows if self.everything else [r for r in rows if r.get(field) in self.schools]


SCOPED_ROLES = {Role.MUNICIPALITY: "municipality", Role.SCHOOL: "school",
                Role.PARTNER: "partner"}


def visibility_for(access: Access) -> Visibility:
    """What this caller may see, read once from the graph for scoped roles."""
    if access.is_coordinator:
        return Visibility(everything=True)
    if access.role is Role.EVALUATOR:
        return Visibility(all_territories=True)
    scope = SCOPED_ROLES.get(access.role)
    if scope is None or not access.scope_key:
        return Visibility()
    found = graph.read(gi.scope_of, tenant=access.tenant.slug, role=scope, key=access.scope_key)
    return Visibility(**{name: frozenset(values) for name, values in found.items()})


def require_visible_school(seen: Visibility, *, tenant: str, key: str) -> None:
    """404 for a school that does not exist, 403 for one the caller may not see."""
    if not seen.school(key) and graph.read(gi.get_school_context, tenant=tenant, key=key) is None:
        raise NotFound(f"No school {key!r} in this programme.")
    seen.require_school(key)
