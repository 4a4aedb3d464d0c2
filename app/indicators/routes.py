"""Indicator pages: the overview of schools, territories (index and page), a school's trends.

Access is the service's (it refuses before reading); pages ask the policy only to show or
hide links."""
from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_babel import get_locale
from flask_babel import gettext as _
from markupsafe import Markup

from app import charts
from app.cache import per_data_version
from app.indicators import service
from app.indicators.policy import Visibility, sees_territory_pages, visibility_for
from app.indicators.territories import PROGRAMME
from app.labels import group_label
from app.network.schemas import page_arguments
from app.network.views.page_helpers import page_url
from app.tenancy import current_access, tenant_route
from graph.errors import Invalid

bp = Blueprint("indicators", __name__)


@bp.context_processor
def template_helpers() -> dict:
    return {"page_url": page_url}


def _group() -> str:
    group = request.args.get("group") or "disadvantaged"
    if group not in service.FOCUS_GROUPS:
        raise Invalid(_("Unknown focus group."), errors=[{"field": "group", "value": group,
                                                          "reason": _("unknown group")}])
    return group


def _groups() -> dict[str, str]:
    """Each focus group's label in the reader's language."""
    return {key: group_label(key) for key in service.FOCUS_GROUPS}


def _year() -> int | None:
    """The year asked, else None: the service picks the default (never a partial year)."""
    raw = request.args.get("year")
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        raise Invalid(_("year must be a whole number."),
                      errors=[{"field": "year", "value": raw,
                               "reason": _("not a number")}]) from None


@bp.route("/t/<slug>/indicators/")
@tenant_route("indicators.view")
def overview(slug: str):
    access = current_access()
    page, per_page = page_arguments(request.args, per_page=service.SCHOOLS_PER_PAGE)
    seen = visibility_for(access)
    table = (_schools_table(tenant=slug, page=page, per_page=per_page, seen=seen,
                            locale=str(get_locale()), args=sorted(request.args.items()))
             if seen.any_school else None)
    return render_template("indicators/overview.html", table=table, seen=seen,
                           territory_pages=sees_territory_pages(access))


@per_data_version
def _schools_table(*, tenant: str, page: int, per_page: int, seen: Visibility, locale: str,
                   args: list[tuple[str, str]]) -> Markup:
    """The overview's table of schools and its pager, drawn once per data version, page,
    language and what the reader may see (50 rows of formatted numbers cost more than the
    rest of the request)."""
    rows = service.latest_school_indicators_page(access=current_access(), page=page,
                                                 per_page=per_page)
    return Markup(render_template("indicators/_overview_table.html",  # noqa: S704
                                  rows=rows, groups=_groups()))


@bp.route("/t/<slug>/territories/")
@tenant_route("territory.view")
def territory_index(slug: str):
    return render_template("indicators/territories.html",
                           territories=service.list_territories(access=current_access()))


@bp.route("/t/<slug>/territories/<key>")
@tenant_route("territory.view")
def territory_page(slug: str, key: str):
    access = current_access()
    place = service.get_territory(access=access, territory=key)
    group, years = _group(), service.available_years(access=access)
    year = _year()
    ref = key
    result = None
    if years or year is not None:
        page, per_page = page_arguments(request.args, per_page=service.SCHOOLS_PER_PAGE)
        place, result = service.territory_segregation(access=access, territory=key, year=year,
                                                      group=group, page=page,
                                                      per_page=per_page)
        year = result["year"]
    series = service.territory_series(access=access, territory=ref, group=group)
    measures = service.measures_by_year(
        access=access, municipality=place.municipality if place.level != PROGRAMME else None,
        years=sorted(set(years) | ({year} if year is not None else set())))
    return render_template(
        "indicators/territory.html", place=place, ref=ref, group=group, groups=_groups(),
        year=year, years=years, result=result, series=series, measures=measures,
        partial_years=_partial_years(series),
        local_m={m["school"]: m["contribution"] for m in (result or {}).get("M_by_school", [])},
        index_chart=_index_chart(series, group, partial=_partial_years(series)),
        gap_chart=_gap_chart(result) if result else None,
        measures_chart=charts.bar_chart_svg(
            values={charts.labels_for_years([y])[0]: m["measures"] for y, m in measures.items()},
            title=_("Municipal measures active"), y_label=_("measures")) if measures else None)


@bp.route("/t/<slug>/schools/<key>/indicators")
@tenant_route("indicators.view")
def school_page(slug: str, key: str):
    access = current_access()
    level = request.args.get("level") or "zone"
    now = service.school_indicators(access=access, school=key, year=_year(), level=level)
    series = service.school_series(access=access, school=key, level=level)
    start = now["alliance"]["start_year"] if now["alliance"] else None
    activity = (service.alliance_activity(access=access, alliance=now["alliance"]["key"])
                if now["alliance"] and visibility_for(access).alliance(now["alliance"]["key"])
                else None)
    partial = _partial_years(series)
    return render_template(
        "indicators/school.html", item=now, series=series, groups=_groups(), level=level,
        activity=activity, partial_years=partial,
        composition_charts={g: _share_chart(series, g, start, now["territory"]["name"],
                                            partial=partial)
                            for g in service.FOCUS_GROUPS},
        demand_chart=charts.line_chart_svg(
            series={_("first-choice applications ÷ places"): {
                r["year"]: r["demand"]["ratio"] for r in series}},
            title=_("Demand ratio"), y_label=_("ratio"), marker_year=start,
            partial_years=partial, partial_label=_("partial coverage")))


def _partial_years(series: list[dict]) -> list[int]:
    """Years of a series whose territory figures cover too few schools."""
    return [r["year"] for r in series if r["coverage"]["partial"]]


def _index_chart(series: list[dict], group: str, *, partial: list[int]) -> str:
    lines = {name: {r["year"]: r[name] for r in series} for name in ("D", "H", "xPx", "M")}
    return charts.line_chart_svg(series=lines, y_range=(0, 1), y_label=_("index"),
                                 title=_("Segregation: %(group)s", group=group_label(group)),
                                 partial_years=partial, partial_label=_("partial coverage"))


def _gap_chart(result: dict) -> str | None:
    gaps = [g for g in result["gaps"] if g["gap_pp"] is not None][:25]
    if not gaps:
        return None
    return charts.bar_chart_svg(values={g["name"] or g["school"]: g["gap_pp"] for g in gaps},
                                title=_("Composition gap against the territory"),
                                y_label=_("percentage points"), horizontal=True)


def _share_chart(series: list[dict], group: str, start: int | None, territory: str, *,
                 partial: list[int]) -> str:
    lines = {_("school"): {r["year"]: r["composition"][group]["share"] for r in series},
             territory: {r["year"]: r["composition"][group]["territory_share"] for r in series}}
    return charts.line_chart_svg(series=lines, marker_year=start, y_label=_("percent of students"),
                                 title=group_label(group), partial_years=partial,
                                 partial_label=_("partial coverage"))
