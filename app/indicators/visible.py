"""The indicators as one caller may see them: pages and the API both call these.

Each function takes the caller's Access first, refuses (403, or 404 for what does
not exist) before it computes anything, and filters the result to the schools,
territories and alliances the caller may see, so a page and the API show the same
fields. The rules themselves live in visibility.py.
"""
from __future__ import annotations

from typing import Any

from app.indicators import service, territories
from app.indicators.visibility import Visibility, visibility_for
from app.tenancy import Access


def territory_key(place: territories.Territory) -> str:
    """The unambiguous key of a resolved territory."""
    return place.id if place.level == territories.PROGRAMME else f"{place.level}:{place.key}"


def visible_territory(access: Access, seen: Visibility, *,
                      territory: str) -> territories.Territory:
    place = territories.resolve(tenant=access.tenant.slug, territory=territory,
                                programme_name=access.tenant.name)
    seen.require_territory(place)
    return place


def segregation(access: Access, *, territory: str, year: int,
                group: str) -> tuple[territories.Territory, dict[str, Any]]:
    """A territory's indices in a year, with only the schools the caller may see."""
    seen = visibility_for(access)
    place = visible_territory(access, seen, territory=territory)
    result = service.territory_segregation(tenant=access.tenant.slug,
                                           territory=territory_key(place), year=year,
                                           group=group)
    result["M_by_school"] = seen.schools_only(result["M_by_school"])
    result["gaps"] = seen.schools_only(result["gaps"])
    result["multigroup"]["by_school"] = seen.schools_only(result["multigroup"]["by_school"])
    result["schools_without_figures"] = [k for k in result["schools_without_figures"]
                                         if seen.school(k)]
    return place, result


def commitment(access: Access, *, municipality: str, year: int) -> dict[str, Any]:
    """A municipality's measures in a year, if the caller may see that municipality."""
    visibility_for(access).require_municipality(municipality)
    return service.commitment(tenant=access.tenant.slug, municipality=municipality, year=year)


def alliance_activity(access: Access, *, alliance: str) -> dict[str, Any]:
    """An alliance's contributions and training, if the caller may see that alliance."""
    visibility_for(access).require_alliance(alliance)
    return service.alliance_activity(tenant=access.tenant.slug, alliance=alliance)
