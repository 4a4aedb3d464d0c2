"""Indicator endpoints under /api/v1/tenants/<slug>/indicators (permission indicators.view).

Handlers parse parameters and call the indicator service, which checks access before it
reads and filters the answer exactly as for the pages."""
from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, jsonify, request

from app.api.openapi import SLUG, documented, json_body, schema
from app.indicators import service
from app.network.schemas import PAGE as PAGE_ARG
from app.network.schemas import PER_PAGE as PER_PAGE_ARG
from app.network.schemas import page_arguments
from app.tenancy import current_access, tenant_route
from graph.errors import Invalid
from graph.model import school_year_of

bp = Blueprint("indicators", __name__)  # registered under the API blueprint by app.api

TAG = "indicators"
PREFIX = "/tenants/<slug>/indicators"
DOC = "/tenants/{slug}/indicators"


def _query(name: str, description: str, *, required: bool = False,
           kind: str = "string", enum: list | None = None) -> dict:
    param_schema: dict[str, Any] = {"type": kind}
    if enum:
        param_schema["enum"] = enum
    return {"name": name, "in": "query", "required": required, "schema": param_schema,
            "description": description}


def _path(name: str, description: str) -> dict:
    return {"name": name, "in": "path", "required": True, "schema": {"type": "string"},
            "description": description}


TERRITORY = _query("territory", "'programme', a municipality key or a zone key "
                   "('zone:<key>' / 'municipality:<key>' when both share a key)", required=True)
YEAR = _query("year", "School year by its starting calendar year (2024 = 2024-25); "
              "default: the latest year with data whose coverage is not partial",
              kind="integer")
GROUP = _query("group", "Focus group (default disadvantaged)", enum=list(service.FOCUS_GROUPS))
LEVEL = _query("level", "Reference territory of the composition gap (default zone)",
               enum=["zone", "municipality"])
UNDEFINED = {"type": "object", "additionalProperties": {"type": "string"},
             "description": "index → reason it is undefined (its value is then null)"}
NUM = {"type": "number", "nullable": True}
COVERAGE = schema("Coverage", {
    "type": "object",
    "description": "how many of the territory's schools have figures that year; a year "
                   "below the programme's coverage_threshold (%) is partial and never the "
                   "default year",
    "properties": {
        "schools_with_figures": {"type": "integer"}, "schools": {"type": "integer"},
        "share": {**NUM, "description": "schools_with_figures ÷ schools, in %"},
        "partial": {"type": "boolean"}, "threshold": {"type": "number"},
    },
    "required": ["schools_with_figures", "schools", "share", "partial"],
})
SEGREGATION = schema("Segregation", {
    "type": "object",
    "properties": {
        "territory": {"type": "string"}, "territory_name": {"type": "string"},
        "level": {"type": "string", "enum": ["zone", "municipality", "programme"]},
        "year": {"type": "integer"}, "group": {"type": "string"},
        "source": {"type": "string", "nullable": True, "enum": ["figures", "families", None]},
        "D": NUM, "xPx": NUM, "xPy": NUM, "H": NUM,
        "M": {"type": "number", "nullable": True,
              "description": "mutual information of the focus group against the others; "
                             "M_by_school holds its decomposition (weight × local)"},
        "schools": {"type": "integer", "description": "schools holding students"},
        "share": NUM, "members": {"type": "integer", "nullable": True},
        "students": {"type": "integer", "nullable": True}, "undefined": UNDEFINED,
        "M_by_school": {"type": "array", "items": {"type": "object"}},
        "multigroup": {"type": "object", "description": "M over migrant / disadvantaged not "
                       "migrant / neither, from family enrolments only"},
        "gaps": {"type": "array", "items": {"type": "object"},
                 "description": "the visible schools' composition gaps (pp) vs the territory, "
                                "largest first: one page of them (schools_page)"},
        "schools_page": {"type": "object", "description": "where the school lists' page is: "
                         "total (visible schools), page, per_page, pages; M_by_school and "
                         "multigroup.by_school hold the same page's schools"},
        "coverage": COVERAGE,
    },
    "required": ["territory", "year", "group", "source", "D", "xPx", "xPy", "H", "schools",
                 "coverage"],
})
OBJECT = {"type": "object"}
LIST = {"type": "array", "items": {"type": "object"}}
PAGE = schema("IndicatorPage", {
    "type": "object",
    "properties": {"items": LIST, "total": {"type": "integer"}, "page": {"type": "integer"},
                   "per_page": {"type": "integer"}, "pages": {"type": "integer"}},
    "required": ["items", "total", "page", "per_page", "pages"]})
PAGING = [{"name": "page", "in": "query", "schema": dict(PAGE_ARG.schema),
           "description": "Page of the school list (default 1)"},
          {"name": "per_page", "in": "query", "schema": dict(PER_PAGE_ARG.schema),
           "description": f"Schools per page (default {service.SCHOOLS_PER_PAGE})"}]
INVALID = {"422": {"description": "A parameter is invalid (named in errors[].field)",
                   "content": {"application/json": {"schema": {
                       "$ref": "#/components/schemas/Error"}}}}}


def _int_arg(name: str) -> int | None:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return None
    try:
        return int(raw)
    except ValueError:
        raise Invalid(f"{name} must be a whole number.",
                      errors=[{"field": name, "value": raw, "reason": "not a number"}]) from None


def _group() -> str:
    return request.args.get("group", "disadvantaged")


@bp.route(f"{PREFIX}/years")
@tenant_route("indicators.view")
@documented(f"{DOC}/years", "get", summary="School years with enrolment data", tag=TAG,
            parameters=[SLUG], responses={"200": json_body({"type": "array",
                                                            "items": {"type": "integer"}})})
def indicator_years(slug: str):
    return jsonify(service.available_years(access=current_access()))


@bp.route(f"{PREFIX}/segregation")
@tenant_route("indicators.view")
@documented(f"{DOC}/segregation", "get", tag=TAG,
            summary="Segregation indices (D, xPx, xPy, H, M) of a territory in a year",
            parameters=[SLUG, TERRITORY, YEAR, GROUP, *PAGING],
            responses={"200": json_body(SEGREGATION), **INVALID})
def segregation(slug: str):
    page, per_page = page_arguments(request.args, per_page=service.SCHOOLS_PER_PAGE)
    _place, result = service.territory_segregation(
        access=current_access(), territory=request.args.get("territory", ""),
        year=_int_arg("year"), group=_group(), page=page, per_page=per_page)
    return jsonify(result)


@bp.route(f"{PREFIX}/segregation/series")
@tenant_route("indicators.view")
@documented(f"{DOC}/segregation/series", "get", tag=TAG,
            summary="Segregation indices of a territory for every year with data",
            parameters=[SLUG, TERRITORY, GROUP], responses={"200": json_body(LIST), **INVALID})
def segregation_series(slug: str):
    return jsonify(service.territory_series(access=current_access(),
                                            territory=request.args.get("territory", ""),
                                            group=_group()))


@bp.route(f"{PREFIX}/segregation/territories")
@tenant_route("indicators.view")
@documented(f"{DOC}/segregation/territories", "get", tag=TAG,
            summary="Segregation indices of every municipality (or zone) in a year, at once",
            parameters=[SLUG, YEAR, GROUP, _query("level", "municipality (default) or zone",
                                                  enum=["municipality", "zone"])],
            responses={"200": json_body(LIST), **INVALID})
def segregation_territories(slug: str):
    return jsonify(service.territories_segregation(
        access=current_access(), year=_int_arg("year"), group=_group(),
        level=request.args.get("level", "municipality")))


@bp.route(f"{PREFIX}/schools")
@tenant_route("indicators.view")
@documented(f"{DOC}/schools", "get", tag=TAG,
            summary="Each visible school's latest composition gap and demand ratio, by name, "
                    "one page at a time",
            parameters=[SLUG, *PAGING], responses={"200": json_body(PAGE), **INVALID})
def latest_schools(slug: str):
    page, per_page = page_arguments(request.args, per_page=service.SCHOOLS_PER_PAGE)
    return jsonify(service.latest_school_indicators_page(access=current_access(), page=page,
                                                         per_page=per_page).to_dict())


@bp.route(f"{PREFIX}/schools/<key>")
@tenant_route("indicators.view")
@documented(f"{DOC}/schools/{{key}}", "get", tag=TAG,
            summary="A school's composition, gap, demand and change since its alliance began",
            parameters=[SLUG, _path("key", "School key"), YEAR, LEVEL],
            responses={"200": json_body(OBJECT), **INVALID})
def school(slug: str, key: str):
    return jsonify(service.school_indicators(access=current_access(), school=key,
                                             year=_int_arg("year"),
                                             level=request.args.get("level", "zone")))


@bp.route(f"{PREFIX}/schools/<key>/series")
@tenant_route("indicators.view")
@documented(f"{DOC}/schools/{{key}}/series", "get", tag=TAG,
            summary="A school's composition and demand for every year with data",
            parameters=[SLUG, _path("key", "School key"), LEVEL],
            responses={"200": json_body(LIST), **INVALID})
def school_series(slug: str, key: str):
    return jsonify(service.school_series(access=current_access(), school=key,
                                         level=request.args.get("level", "zone")))


@bp.route(f"{PREFIX}/demand")
@tenant_route("indicators.view")
@documented(f"{DOC}/demand", "get", tag=TAG,
            summary="Demand ratio (first-choice applications ÷ places) of each visible school",
            parameters=[SLUG, YEAR, _query("territory", "Territory (default programme)")],
            responses={"200": json_body(OBJECT), **INVALID})
def demand(slug: str):
    return jsonify(service.territory_demand(
        access=current_access(), territory=request.args.get("territory", "programme"),
        year=_int_arg("year")))


@bp.route(f"{PREFIX}/commitment")
@tenant_route("indicators.view")
@documented(f"{DOC}/commitment", "get", tag=TAG,
            summary="Measures a municipality has active in a school year, by kind",
            parameters=[SLUG, _query("municipality", "Municipality key (default: the caller's)"),
                        _query("year", "School year (default: the current one)",
                               kind="integer")],
            responses={"200": json_body(OBJECT), **INVALID})
def commitment(slug: str):
    year = _int_arg("year")
    year = school_year_of(date.today()) if year is None else year
    return jsonify(service.commitment(access=current_access(),
                                      municipality=request.args.get("municipality") or None,
                                      year=year))


@bp.route(f"{PREFIX}/alliances/<key>/activity")
@tenant_route("indicators.view")
@documented(f"{DOC}/alliances/{{key}}/activity", "get", tag=TAG,
            summary="An alliance's contributions per year and kind, and training participation",
            parameters=[SLUG, _path("key", "Alliance key")], responses={"200": json_body(OBJECT)})
def alliance_activity(slug: str, key: str):
    return jsonify(service.alliance_activity(access=current_access(), alliance=key))


@bp.route(f"{PREFIX}/territories")
@tenant_route("indicators.view")
@documented(f"{DOC}/territories", "get", tag=TAG,
            summary="The territories whose indicators the caller may see",
            parameters=[SLUG], responses={"200": json_body(LIST)})
def territory_list(slug: str):
    return jsonify(service.list_territories(access=current_access()))
