"""Indicator arithmetic over graph reads: JSON-ready dicts out (DESIGN.md, "Indicators").

Nothing here decides access: the indicator service (service.py) asks the policy first
and calls these only for what the caller may see. Every function takes the tenant slug
and plain values and returns dicts and lists of JSON values; None always comes with
the reason it is undefined.
What may be shown is decided by domain.disclosure on the whole programme's counts of
the year (so a school's figure is shown or withheld alike on every page): a withheld
count is None with "suppressed": true, and so is every share, gap, ratio and index
that would give it away.
One graph read per territory (all its schools, all years asked) feeds each call, plus
the programme's counts for the disclosure decisions.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from app import paging
from app.cache import per_data_version
from app.extensions import graph
from app.indicators import coverage as cov
from app.indicators import territories
from app.indicators.territories import Territory
from app.platform import get_tenant
from domain import counts as c
from domain import disclosure, indices
from graph import indicators as gi
from graph.errors import Invalid, NotFound

__all__ = ["territory_segregation", "territory_series", "territories_segregation",
           "school_indicators", "school_series", "latest_school_indicators",
           "latest_school_indicators_page", "available_years",
           "territory_demand", "suppression_threshold", "territory_default_year"]

FOCUS_GROUPS = c.FOCUS_GROUPS
INDICES = ("D", "xPx", "xPy", "H")


@per_data_version
def available_years(*, tenant: str) -> list[int]:
    """School years with enrolment figures or family enrolments, ascending."""
    return graph.read(gi.list_years, tenant=tenant)


def suppression_threshold(*, tenant: str) -> int:
    """The tenant's "suppression_threshold" setting, else the configured default (5)."""
    return get_tenant(slug=tenant).suppression_threshold


@per_data_version
def territory_segregation(*, tenant: str, territory: str, year: int, group: str) -> dict:
    """D, xPx, xPy, H, two-group M by school, multigroup M and school gaps for one year."""
    _check_group(group)
    year = _check_year(year)
    place = _resolve(tenant, territory)
    data = _read(tenant, place, [year], families=True)
    threshold = suppression_threshold(tenant=tenant)
    shown = _patterns(tenant, [year], threshold, place=place, data=data)
    counts = c.group_counts(data, year=year, group=group)
    result = _indices(counts, shown, _node(place))
    names = {s["school"]: s["name"] for s in data["schools"]}
    result.update({
        "territory": place.id, "territory_name": place.name, "level": place.level,
        "municipality": place.municipality, "year": year, "group": group,
        "M_by_school": _m_by_school(counts, names, shown),
        "multigroup": _multigroup(data, year, names, threshold),
        "gaps": _school_gaps(counts, names, shown, _node(place)),
        "schools_without_figures": list(counts.without_figures),
        "suppression_threshold": threshold,
    })
    result["coverage"] = cov.of_year(data, year=year,
                                     threshold=cov.coverage_threshold(tenant=tenant))
    return result


@per_data_version
def territory_default_year(*, tenant: str, territory: str) -> int | None:
    """The latest year whose figures cover the territory (see coverage.default_year)."""
    place = _resolve(tenant, territory)
    years = available_years(tenant=tenant)
    return cov.default_year(_read(tenant, place, years), years=years,
                            threshold=cov.coverage_threshold(tenant=tenant))


@per_data_version
def territory_series(*, tenant: str, territory: str, group: str) -> list[dict]:
    """The indices of a territory for each year with data, ascending."""
    _check_group(group)
    place = _resolve(tenant, territory)
    years = available_years(tenant=tenant)
    data = _read(tenant, place, years)
    threshold = suppression_threshold(tenant=tenant)
    shown = _patterns(tenant, years, threshold, place=place, data=data)
    share_needed = cov.coverage_threshold(tenant=tenant)
    out = []
    for year in years:
        counts = c.group_counts(data, year=year, group=group)
        if counts.source is not None:
            out.append({"year": year, "group": group, "territory": place.id,
                        **_indices(counts, shown, _node(place)),
                        "coverage": cov.of_year(data, year=year, threshold=share_needed)})
    return out


@per_data_version
def territory_demand(*, tenant: str, territory: str, year: int) -> dict:
    """Demand ratio of every school of a territory in one year."""
    year = _check_year(year)
    place = _resolve(tenant, territory)
    data = _read(tenant, place, [year])
    threshold = suppression_threshold(tenant=tenant)
    rows = [{"school": s["school"], "name": s["name"], "zone": s["zone"],
             "municipality": s["municipality"],
             **_suppressed_demand(c.demand(data, school=s, year=year), threshold)}
            for s in data["schools"]]
    return {"territory": place.id, "territory_name": place.name, "level": place.level,
            "year": year, "schools": rows, "suppression_threshold": threshold,
            "coverage": cov.of_year(data, year=year,
                                    threshold=cov.coverage_threshold(tenant=tenant))}


@per_data_version
def territories_segregation(*, tenant: str, year: int, group: str,
                            level: str = "municipality") -> list[dict]:
    """The indices of every municipality (or zone) of the programme at once, for one year."""
    _check_group(group)
    year = _check_year(year)
    if level not in ("zone", "municipality"):
        raise Invalid("level must be 'zone' or 'municipality'.",
                      errors=[{"field": "level", "value": level, "reason": "unknown level"}])
    programme = Territory(level=territories.PROGRAMME, key=None, name="")
    data = _read(tenant, programme, [year])
    shown = disclosure.Patterns(data, threshold=suppression_threshold(tenant=tenant))
    names = {s[level]: s[f"{level}_name"] for s in data["schools"] if s.get(level)}
    arrays = c.territory_arrays(data, year=year, group=group, by=level)
    covered = cov.by_territory(data, year=year, by=level,
                               threshold=cov.coverage_threshold(tenant=tenant))
    table = indices.segregation_by_territory(territory_ids=arrays.inverse, a=arrays.a,
                                              b=arrays.t - arrays.a)
    mi = indices.mutual_information_by_territory(
        territory_ids=arrays.inverse, counts=np.column_stack((arrays.a, arrays.t - arrays.a)))
    out = []
    for row, key in enumerate(arrays.territories.tolist()):
        seg, m = table.result(row), mi.result(row, rows=np.empty(0, dtype=np.intp))
        values = {name: getattr(seg, name) for name in INDICES} | {"M": m.M}
        undefined = {name: seg.reason for name, v in values.items() if v is None}
        if m.M is None:
            undefined["M"] = m.reason
        source = arrays.source[row]
        why = (shown.of(year=year, source=source).index_reason(disclosure.node(level, key),
                                                               group)
               if source is not None else None)
        if why is not None:
            values, undefined = _withheld(values, undefined, why)
        out.append({"territory": key, "territory_name": names.get(key) or key, "level": level,
                    "year": year, "group": group, "source": source, **values,
                    "schools": seg.schools, "undefined": undefined,
                    "coverage": covered[key]})
    return out


@per_data_version
def school_indicators(*, tenant: str, school: str, year: int | None = None,
                      level: str = "zone") -> dict:
    """Composition (share, gap against the named territory) and demand of a school in a year,
    with its alliance and the same indicators in the alliance's start year and the year before."""
    if year is not None:
        year = _check_year(year)
    context, place, data, years = _school_read(tenant, school, level, extra=[year])
    threshold = suppression_threshold(tenant=tenant)
    own_years = [y for y in years if c.has_school_data(data, school=school, year=y)]
    share_needed = cov.coverage_threshold(tenant=tenant)
    if year is None:
        year = cov.default_year(data, years=own_years or years, threshold=share_needed)
    alliance = _main_alliance(context["alliances"])
    start = alliance["start_year"] if alliance else None
    asked = [y for y in (year, start, None if start is None else start - 1) if y is not None]
    shown = _patterns(tenant, asked, threshold)
    item = (_school_year(data, school, year, shown, _node(place)) if year is not None
            else _no_year())
    before_after = None
    if start is not None and year is not None:
        before_after = _before_after({
            "before": _school_year(data, school, start - 1, shown, _node(place)),
            "start": _school_year(data, school, start, shown, _node(place)), "current": item})
    return {"school": school, "name": context["name"], "territory": place.as_dict(),
            "level": place.level, "alliance": alliance, "before_after": before_after,
            "years": own_years, "suppression_threshold": threshold, **item, "year": year,
            "coverage": cov.of_year(data, year=year, threshold=share_needed)}


@per_data_version
def school_series(*, tenant: str, school: str, level: str = "zone") -> list[dict]:
    """A school's composition and demand for every year it has data, ascending."""
    _context, place, data, years = _school_read(tenant, school, level, extra=[])
    own = [y for y in years if c.has_school_data(data, school=school, year=y)]
    shown = _patterns(tenant, own, suppression_threshold(tenant=tenant))
    share_needed = cov.coverage_threshold(tenant=tenant)
    return [{**_school_year(data, school, y, shown, _node(place)), "territory": place.id,
             "coverage": cov.of_year(data, year=y, threshold=share_needed)}
            for y in own]


@per_data_version
def latest_school_indicators(*, tenant: str) -> list[dict]:
    """Every school's gap (vs its zone) and demand ratio in its latest year with data."""
    years = available_years(tenant=tenant)
    programme = Territory(level=territories.PROGRAMME, key=None, name="")
    data = _read(tenant, programme, years)
    shown = disclosure.Patterns(data, threshold=suppression_threshold(tenant=tenant))
    share_needed = cov.coverage_threshold(tenant=tenant)
    by_zone: dict[str | None, list[dict]] = {}
    for s in data["schools"]:
        by_zone.setdefault(s["zone"], []).append(s)
    out = []
    for zone, schools in by_zone.items():
        zone_data = c.restrict(data, schools=schools) if zone is not None else data
        cache: dict = {}
        for s in schools:
            own = [y for y in years if c.has_school_data(data, school=s["school"], year=y)]
            row = {"school": s["school"], "name": s["name"], "zone": s["zone"],
                   "zone_name": s["zone_name"], "municipality": s["municipality"],
                   "municipality_name": s["municipality_name"],
                   "territory": zone if zone is not None else territories.PROGRAMME}
            place = disclosure.node("zone", zone)
            if own:
                row.update(_school_year(zone_data, s["school"], own[-1], shown, place, cache))
            else:
                row.update({"year": None, **_no_year()})
            if ("coverage", row["year"]) not in cache:  # one count per zone and year
                cache[("coverage", row["year"])] = cov.of_year(zone_data, year=row["year"],
                                                               threshold=share_needed)
            row["coverage"] = cache[("coverage", row["year"])]
            out.append(row)
    return sorted(out, key=lambda r: (r["name"] or "", r["school"]))


@per_data_version
def latest_school_indicators_page(*, tenant: str, page: int, per_page: int) -> paging.Page:
    """One page of latest_school_indicators: what a caller who sees every school asks for,
    kept per page so that a request never unpickles (copies) every school's row to show
    fifty."""
    return paging.of_rows(latest_school_indicators(tenant=tenant), page=page,
                          per_page=per_page)


# --- territory indices ---------------------------------------------------------------------

def _indices(counts: c.GroupCounts, shown: disclosure.Patterns,
             place: tuple[str, str]) -> dict[str, Any]:
    seg = indices.segregation(a=counts.a, b=counts.b)
    mi = indices.mutual_information(counts=np.column_stack((counts.a, counts.b)))
    A, T = counts.totals
    values = {name: getattr(seg, name) for name in INDICES} | {"M": mi.M}
    undefined = {name: seg.reason for name, v in values.items() if v is None}
    if mi.M is None:
        undefined["M"] = mi.reason
    if counts.source is None:
        undefined = {name: c.NO_DATA for name in undefined}
    view = shown.counts_view(year=counts.year, source=counts.source, place=place,
                             group=counts.group, members=A, students=T)
    if counts.source is not None:
        why = shown.of(year=counts.year, source=counts.source).index_reason(place, counts.group)
        if why is not None:
            values, undefined = _withheld(values, undefined, why)
    share = None if view["suppressed"] or not T else 100.0 * A / T
    return {"source": counts.source, **values, "schools": seg.schools, "share": share,
            **view, "undefined": undefined}


def _withheld(values: dict, undefined: dict, why: str) -> tuple[dict, dict]:
    """Indices withheld by disclosure control; the undefined keep their own reason."""
    return (dict.fromkeys(values),
            {name: undefined.get(name, why) for name in values})


def _m_by_school(counts: c.GroupCounts, names: dict[str, str],
                 shown: disclosure.Patterns) -> list[dict]:
    mi = indices.mutual_information(counts=np.column_stack((counts.a, counts.b)))
    rows = _decomposition(mi, counts.schools, names)
    if counts.source is None:
        return rows
    pattern = shown.of(year=counts.year, source=counts.source)
    for row in rows:
        if pattern.pair_withheld(("school", row["school"]), counts.group):
            row.update({"local": None, "contribution": None, "suppressed": True})
    return rows


def _decomposition(mi: indices.MutualInformation, keys: tuple[str, ...],
                   names: dict[str, str]) -> list[dict]:
    rows = []
    for key, weight, local in zip(keys, mi.weights, mi.local, strict=True):
        if weight is None or weight == 0:
            continue
        rows.append({"school": key, "name": names.get(key), "weight": weight, "local": local,
                     "contribution": None if local is None else weight * local})
    return sorted(rows, key=lambda r: -(r["contribution"] or 0.0))


def _multigroup(data: dict, year: int, names: dict[str, str], threshold: int) -> dict[str, Any]:
    matrix = c.partition_counts(data, year=year)
    base = {"groups": list(c.PARTITION), "source": c.FAMILIES}
    if matrix is None:
        return {**base, "source": None, "M": None, "reason": c.NO_FAMILIES, "by_school": []}
    mi = indices.mutual_information(counts=matrix)
    keys = tuple(s["school"] for s in data["schools"])
    rows = _decomposition(mi, keys, names)
    small = {k for k, row in zip(keys, matrix.tolist(), strict=True)
             if disclosure.partition_small(row, threshold=threshold)}
    for row in rows:
        if row["school"] in small:
            row.update({"local": None, "contribution": None, "suppressed": True})
    if disclosure.partition_small(matrix.sum(axis=0).tolist(), threshold=threshold):
        return {**base, "M": None, "reason": disclosure.SMALL_NUMBERS,
                "schools": mi.schools, "by_school": rows}
    return {**base, "M": mi.M, "reason": mi.reason, "schools": mi.schools, "by_school": rows}


def _school_gaps(counts: c.GroupCounts, names: dict[str, str], shown: disclosure.Patterns,
                 place: tuple[str, str]) -> list[dict]:
    A, T = counts.totals
    rows = []
    for key, a_i, t_i in zip(counts.schools, counts.a.tolist(), counts.t.tolist(), strict=True):
        rows.append({"school": key, "name": names.get(key),
                     **_composition_cell(counts, shown, key, place, a_i, t_i, A, T)})
    return sorted(rows, key=lambda r: (r["gap_pp"] is None, -(r["gap_pp"] or 0.0), r["school"]))


def _composition_cell(counts: c.GroupCounts, shown: disclosure.Patterns, school: str,
                      place: tuple[str, str], a_i: int, t_i: int, A: int, T: int) -> dict:
    """A school's share and gap to `place`, with its counts, as they may be shown."""
    view = shown.counts_view(year=counts.year, source=counts.source, place=("school", school),
                             group=counts.group, members=a_i, students=t_i)
    around = shown.counts_view(year=counts.year, source=counts.source, place=place,
                               group=counts.group, members=A, students=T)
    gap = (indices.composition_gap(a_i=a_i, t_i=t_i, A=A, T=T) if counts.source
           else indices.Value(None, c.NO_DATA))
    if view["suppressed"] or around["suppressed"]:
        gap = indices.Value(None, disclosure.WITHHELD)
    return {"gap_pp": gap.value, "reason": gap.reason,
            "share": None if view["suppressed"] or not t_i else 100.0 * a_i / t_i,
            "territory_share": None if around["suppressed"] or not T else 100.0 * A / T,
            **view}


# --- schools -------------------------------------------------------------------------------

def _school_read(tenant: str, school: str, level: str,
                 extra: list[int | None]) -> tuple[dict, Territory, dict, list[int]]:
    if level not in ("zone", "municipality"):
        raise Invalid("level must be 'zone' or 'municipality'.",
                      errors=[{"field": "level", "value": level, "reason": "unknown level"}])
    context = graph.read(gi.get_school_context, tenant=tenant, key=school)
    if context is None:
        raise NotFound(f"No school {school!r} in this programme.")
    place = territories.of_school(context, level=level, programme_name=_programme_name(tenant))
    years = available_years(tenant=tenant)
    wanted = set(years) | {y for y in extra if y is not None}
    for alliance in context["alliances"]:
        if isinstance(alliance.get("start_year"), int):
            wanted |= {alliance["start_year"], alliance["start_year"] - 1}
    return context, place, _read(tenant, place, sorted(wanted)), years


def _school_year(data: dict, school: str, year: int, shown: disclosure.Patterns,
                 place: tuple[str, str], cache: dict | None = None) -> dict[str, Any]:
    """Composition per focus group and demand of one school; `cache` keeps territory counts."""
    cache = {} if cache is None else cache
    composition = {}
    for group in FOCUS_GROUPS:
        if (year, group) not in cache:
            cache[(year, group)] = c.group_counts(data, year=year, group=group)
        counts = cache[(year, group)]
        a_i, t_i = counts.school(school)
        A, T = counts.totals
        composition[group] = {"source": counts.source, **_composition_cell(
            counts, shown, school, place, a_i, t_i, A, T)}
    sources = {g["source"] for g in composition.values()}
    without = {len(cache[(year, g)].without_figures) for g in FOCUS_GROUPS}
    if "rows" not in cache:
        cache["rows"] = {s["school"]: s for s in data["schools"]}
    row = cache["rows"].get(school, {"school": school})
    return {"year": year, "source": sources.pop() if len(sources) == 1 else "by group",
            "composition": composition, "schools_without_figures": max(without),
            "demand": _suppressed_demand(c.demand(data, school=row, year=year),
                                         shown.threshold)}


def _no_year() -> dict[str, Any]:
    empty = {"share": None, "territory_share": None, "gap_pp": None, "reason": c.NO_DATA,
             "source": None, "members": 0, "others": 0, "students": 0, "suppressed": False}
    return {"source": None, "composition": {g: dict(empty) for g in FOCUS_GROUPS},
            "schools_without_figures": 0,
            "demand": {"ratio": None, "reason": c.NO_DEMAND_DATA, "applications": None,
                       "places": None, "source": None}}


def _suppressed_demand(demand: dict, threshold: int) -> dict:
    """First-choice applications are families: a small count is withheld, and so is the
    ratio, which with the places offered would give it back."""
    if disclosure.is_small(demand["applications"], threshold=threshold):
        demand.update({"applications": None, "ratio": None, "reason": disclosure.WITHHELD,
                       "suppressed": True})
    return demand


def _before_after(items: dict[str, dict]) -> list[dict]:
    """Each school indicator in the year before the alliance, its start year and now."""
    def pick(item: dict, group: str | None, field: str) -> float | None:
        return item["demand"]["ratio"] if group is None else item["composition"][group][field]
    rows = [(g, f) for g in FOCUS_GROUPS for f in ("share", "gap_pp")] + [(None, "ratio")]
    out = []
    for group, field in rows:
        values = {when: pick(item, group, field) for when, item in items.items()}
        start, now = values["start"], values["current"]
        out.append({"indicator": "demand_ratio" if group is None else field, "group": group,
                    "before_year": items["before"]["year"], "start_year": items["start"]["year"],
                    "current_year": items["current"]["year"], **values,
                    "change_since_start": None if start is None or now is None else now - start})
    return out


def _main_alliance(alliances: list[dict]) -> dict | None:
    """The active alliance, else the one started last (the change is measured from its start)."""
    dated = [a for a in alliances if isinstance(a.get("start_year"), int)]
    if not dated:
        return None
    return max(dated, key=lambda a: (a.get("status") == "active", a["start_year"], a["key"]))


# --- shared --------------------------------------------------------------------------------

def _patterns(tenant: str, years: list[int], threshold: int, *, place: Territory | None = None,
              data: dict | None = None) -> disclosure.Patterns:
    """Disclosure decisions from the programme's counts of `years`: the read already made
    when `place` is the programme, else one programme read."""
    if place is None or place.key is not None or data is None:
        programme = Territory(level=territories.PROGRAMME, key=None, name="")
        data = _read(tenant, programme, sorted(set(years)))
    return disclosure.Patterns(data, threshold=threshold)


def _node(place: Territory) -> tuple[str, str]:
    return disclosure.node(place.level, place.key)


def _read(tenant: str, place: Territory, years: list[int], *, families: bool = False) -> dict:
    return _counts(tenant=tenant, level=place.level, key=place.key, years=tuple(years),
                   families=families)


@per_data_version
def _counts(*, tenant: str, level: str, key: str | None, years: tuple[int, ...],
            families: bool) -> dict:
    """A territory's counts (kept per data version: the programme's feed every page's
    disclosure decisions)."""
    return graph.read(gi.read_territory_counts, tenant=tenant, level=level, key=key,
                      years=list(years), families=families)


def _resolve(tenant: str, territory: str) -> Territory:
    return territories.resolve(tenant=tenant, territory=territory,
                               programme_name=_programme_name(tenant))


def _programme_name(tenant: str) -> str:
    return get_tenant(slug=tenant).name


def _check_group(group: str) -> None:
    if group not in FOCUS_GROUPS:
        raise Invalid(f"group must be one of {', '.join(FOCUS_GROUPS)}.",
                      errors=[{"field": "group", "value": group, "reason": "unknown group"}])


def _check_year(year: Any) -> int:
    if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2200:
        raise Invalid("year must be a school year such as 2024 (for 2024-25).",
                      errors=[{"field": "year", "value": year, "reason": "not a year"}])
    return year
