"""The indicator service: pages and the API both call these, with the caller's Access.

Each function takes `access` (keyword-only, like the network's services), asks the
policy (policy.py) and refuses before it reads anything but the caller's own scope:
a refused caller gets 403 whether or not the thing exists. Then it computes
(figures.py, activity.py) and filters the answer to the schools the caller may see,
so a page and the API return the same fields for the same role and object.
"""
from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from app import paging
from app.cache import per_data_version
from app.indicators import activity, figures, territories
from app.indicators.policy import (
    Visibility,
    own_municipality,
    require_indicators,
    visibility_for,
)
from app.indicators.territories import PROGRAMME, Territory
from app.tenancy import Access
from graph.errors import Invalid

FOCUS_GROUPS = figures.FOCUS_GROUPS
SCHOOLS_PER_PAGE = 50  # the school lists' page, on the pages and in the API

__all__ = ["FOCUS_GROUPS", "SCHOOLS_PER_PAGE", "alliance_activity", "available_years", "commitment",
           "get_territory", "latest_school_indicators", "latest_school_indicators_page",
           "list_territories", "measures_by_year",
           "school_indicators", "school_series", "territories_segregation", "territory_demand",
           "territory_key", "territory_segregation", "territory_series"]


def territory_key(place: Territory) -> str:
    """The unambiguous key of a resolved territory."""
    return place.id if place.level == PROGRAMME else f"{place.level}:{place.key}"


def available_years(*, access: Access) -> list[int]:
    """School years with enrolment figures or family enrolments, ascending."""
    require_indicators(access)
    return figures.available_years(tenant=access.tenant.slug)


def get_territory(*, access: Access, territory: str) -> Territory:
    """A territory the caller may see: 403 for another before it is looked up, 404 if none."""
    require_indicators(access)
    return _territory(access, visibility_for(access), territory)


def territory_segregation(*, access: Access, territory: str, year: int | None,
                          group: str, page: int = 1,
                          per_page: int | None = None) -> tuple[Territory, dict[str, Any]]:
    """A territory's indices in a year (default the latest its figures cover), with only the
    schools the caller may see.

    With `per_page`, the school lists hold one page of schools: page `page` of the gap
    ranking ("schools_page" says which), and M_by_school and multigroup.by_school for the
    same schools. A programme of thousands of schools answers its indices and a page."""
    require_indicators(access)
    seen = visibility_for(access)
    place = _territory(access, seen, territory)
    return place, _segregation_shown(tenant=access.tenant.slug, territory=territory_key(place),
                                     year=_year(access, year, place), group=group, seen=seen,
                                     page=page, per_page=per_page)


@per_data_version
def _segregation_shown(*, tenant: str, territory: str, year: int, group: str,
                       seen: Visibility, page: int, per_page: int | None) -> dict[str, Any]:
    """The answer of territory_segregation for what `seen` allows, cut to the page: kept
    per data version, so a programme of thousands of schools is not unpacked and cut
    again for every request of a page."""
    result = figures.territory_segregation(tenant=tenant, territory=territory, year=year,
                                           group=group)
    result["M_by_school"] = seen.schools_only(result["M_by_school"])
    result["gaps"] = seen.schools_only(result["gaps"])
    result["multigroup"]["by_school"] = seen.schools_only(result["multigroup"]["by_school"])
    result["schools_without_figures"] = [k for k in result["schools_without_figures"]
                                         if seen.school(k)]
    if per_page is not None:
        gaps = paging.of_rows(result["gaps"], page=page, per_page=per_page)
        on_page = {row["school"] for row in gaps.items}
        result["gaps"] = gaps.items
        result["schools_page"] = gaps.about()
        result["M_by_school"] = [r for r in result["M_by_school"] if r["school"] in on_page]
        result["multigroup"]["by_school"] = [r for r in result["multigroup"]["by_school"]
                                             if r["school"] in on_page]
    return result


def territory_series(*, access: Access, territory: str, group: str) -> list[dict]:
    """A territory's indices for each year with data (territory-level figures only)."""
    require_indicators(access)
    place = _territory(access, visibility_for(access), territory)
    return figures.territory_series(tenant=access.tenant.slug, territory=territory_key(place),
                                    group=group)


def territories_segregation(*, access: Access, year: int | None, group: str,
                            level: str = "municipality") -> list[dict]:
    """The indices of every municipality (or zone) the caller may see, for one year."""
    require_indicators(access)
    allowed = visibility_for(access).level(level)
    if allowed is not None and not allowed:
        return []
    rows = figures.territories_segregation(tenant=access.tenant.slug,
                                           year=_year(access, year, _PROGRAMME),
                                           group=group, level=level)
    return rows if allowed is None else [r for r in rows if r["territory"] in allowed]


def territory_demand(*, access: Access, territory: str, year: int | None) -> dict:
    """The demand ratio of each school of a territory the caller may see."""
    require_indicators(access)
    seen = visibility_for(access)
    place = _territory(access, seen, territory)
    result = figures.territory_demand(tenant=access.tenant.slug, territory=territory_key(place),
                                      year=_year(access, year, place))
    result["schools"] = seen.schools_only(result["schools"])
    return result


def school_indicators(*, access: Access, school: str, year: int | None = None,
                      level: str = "zone") -> dict:
    """A school's composition, gap and demand: 403 for a school the caller may not see,
    whether or not it exists."""
    _require_school(access, school)
    return figures.school_indicators(tenant=access.tenant.slug, school=school, year=year,
                                     level=level)


def school_series(*, access: Access, school: str, level: str = "zone") -> list[dict]:
    """A school's composition and demand for every year it has data."""
    _require_school(access, school)
    return figures.school_series(tenant=access.tenant.slug, school=school, level=level)


def latest_school_indicators(*, access: Access) -> list[dict]:
    """The latest gap and demand of each school the caller may see (none for evaluators)."""
    require_indicators(access)
    return _latest_seen(access, visibility_for(access))


def latest_school_indicators_page(*, access: Access, page: int, per_page: int) -> paging.Page:
    """One page of latest_school_indicators; a caller who sees every school gets the page
    kept for everyone, the others their own schools cut to the page."""
    require_indicators(access)
    seen = visibility_for(access)
    if seen.everything:
        return figures.latest_school_indicators_page(tenant=access.tenant.slug, page=page,
                                                     per_page=per_page)
    return paging.of_rows(_latest_seen(access, seen), page=page, per_page=per_page)


def _latest_seen(access: Access, seen: Visibility) -> list[dict]:
    if not seen.any_school:
        return []
    return seen.schools_only(figures.latest_school_indicators(tenant=access.tenant.slug))


def commitment(*, access: Access, municipality: str | None, year: int) -> dict[str, Any]:
    """A municipality's measures in a year, if the caller may see that municipality
    (None: a municipality user's own)."""
    require_indicators(access)
    municipality = municipality or own_municipality(access)
    if not municipality:
        raise Invalid(_("Give municipality=<key>."),
                      errors=[{"field": "municipality", "value": None, "reason": _("required")}])
    visibility_for(access).require_municipality(municipality)
    return activity.commitment(tenant=access.tenant.slug, municipality=municipality, year=year)


def measures_by_year(*, access: Access, municipality: str | None,
                     years: list[int]) -> dict[int, dict[str, Any]]:
    """Active measures per year of one municipality the caller may see, or of the whole
    programme (None: programme-level, seen by every role with indicators)."""
    require_indicators(access)
    if municipality is not None:
        visibility_for(access).require_municipality(municipality)
    return activity.measures_by_year(tenant=access.tenant.slug, municipality=municipality,
                                     years=years)


def alliance_activity(*, access: Access, alliance: str) -> dict[str, Any]:
    """An alliance's contributions and training, if the caller may see that alliance."""
    require_indicators(access)
    visibility_for(access).require_alliance(alliance)
    return activity.alliance_activity(tenant=access.tenant.slug, alliance=alliance)


def list_territories(*, access: Access) -> list[dict]:
    """Programme, municipalities and zones the caller may see, each with the key to link."""
    require_indicators(access)
    seen = visibility_for(access)
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


# --- checks before the reads ---------------------------------------------------------------

def _territory(access: Access, seen: Visibility, territory: str) -> Territory:
    seen.require_territory(territory)  # by the key as written: before the lookup
    place = territories.resolve(tenant=access.tenant.slug, territory=territory,
                                programme_name=access.tenant.name)
    seen.require_territory(place)  # a key shared by a zone and a municipality
    return place


def _require_school(access: Access, school: str) -> None:
    require_indicators(access)
    visibility_for(access).require_school(school)


_PROGRAMME = Territory(level=PROGRAMME, key=None, name="")


def _year(access: Access, year: int | None, place: Territory) -> int:
    """The year asked, else the latest whose figures cover the territory, never a partial
    one while a complete one exists (read only after the access checks)."""
    if year is not None:
        return year
    chosen = figures.territory_default_year(tenant=access.tenant.slug,
                                            territory=territory_key(place))
    if chosen is None:
        raise Invalid(_("No school year has enrolment data yet; give year=."),
                      errors=[{"field": "year", "value": None, "reason": _("no data")}])
    return chosen
