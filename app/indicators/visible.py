"""The indicators as one caller may see them: pages and the API both call these.

Each function takes the caller's Access first, refuses (403, or 404 for what does
not exist) before it computes anything, and filters the result to the schools,
territories and alliances the caller may see, so a page and the API show the same
fields. The rules themselves live in visibility.py.
"""
from __future__ import annotations

from typing import Any

from app.indicators import service, territories
from app.indicators.territories import PROGRAMME, Territory
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


def territories_seen(access: Access, seen: Visibility) -> list[dict]:
    """Programme, municipalities and zones the caller may see, each with the key to link."""
    found = territories.list_all(tenant=access.tenant.slug)
    municipality_keys = {m["key"] for m in found["municipalities"]}
    rows = [{"key": PROGRAMME, "ref": PROGRAMME, "name": access.tenant.name,
             "level": PROGRAMME, "municipality": None}]

    def zone_row(zone: dict, municipality: str | None) -> dict:
        ref = f"zone:{zone['key']}" if zone["key"] in municipality_keys else zone["key"]
        return {"key": zone["key"], "ref": ref, "name": zone.get("name") or zone["key"],
                "level": "zone", "municipality": municipality,
                "archived": zone.get("archived", False)}

    for m in found["municipalities"]:
        if seen.territory(Territory("municipality", m["key"], m.get("name") or m["key"])):
            rows.append({"key": m["key"], "ref": m["key"], "name": m.get("name") or m["key"],
                         "level": "municipality", "municipality": m["key"],
                         "archived": m.get("archived", False)})
        rows += [zone_row(z, m["key"]) for z in m["zones"]
                 if seen.territory(Territory("zone", z["key"], z["key"]))]
    rows += [zone_row(z, None) for z in found["zones"]
             if seen.territory(Territory("zone", z["key"], z["key"]))]
    return rows
