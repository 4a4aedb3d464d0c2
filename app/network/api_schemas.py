"""OpenAPI component schemas of the network API: request bodies from the input fields
(schemas.py), responses as the services return them."""
from __future__ import annotations

from typing import Any

from app.api.openapi import schema
from app.network import schemas as inputs
from app.network.parsers import request_schema
from graph.model import (
    AllianceStatus,
    Component,
    ContributionKind,
    MeasureKind,
    PartnerKind,
    SchoolLevel,
    Stage,
)


def _t(kind: str, **extra: Any) -> dict[str, Any]:
    return {"type": kind, "nullable": True, **extra}


def _enum(values: type) -> dict[str, Any]:
    return _t("string", enum=[v.value for v in values])


def _obj(props: dict[str, Any], required: tuple[str, ...] = ("key",)) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "object", "properties": props}
    if required:  # OpenAPI 3.0 forbids an empty required list
        out["required"] = list(required)
    return out


KEY = {"type": "string"}
TEXT, INT, NUM, BOOL = _t("string"), _t("integer"), _t("number"), {"type": "boolean"}
KEYS = {"type": "array", "items": {"type": "string"}}

MUNICIPALITY = schema("Municipality", _obj({
    "key": KEY, "name": TEXT, "code": TEXT, "archived": BOOL, "zone_count": INT,
    "zones": {"type": "array", "items": _obj({"key": KEY, "name": TEXT, "archived": BOOL})},
    "school_count": INT, "measure_count": INT}))
ZONE = schema("Zone", _obj({
    "key": KEY, "name": TEXT, "archived": BOOL, "municipality": TEXT,
    "municipality_name": TEXT, "school_count": INT}))
SCHOOL = schema("School", _obj({
    "key": KEY, "name": TEXT, "code": TEXT, "level": _enum(SchoolLevel), "entry_places": INT,
    "archived": BOOL, "zone": TEXT, "zone_name": TEXT, "municipality": TEXT,
    "municipality_name": TEXT, "alliance": TEXT, "partner": TEXT, "partner_name": TEXT}))
PARTNER = schema("Partner", _obj({
    "key": KEY, "name": TEXT, "kind": _enum(PartnerKind), "archived": BOOL,
    "active_alliances": INT}))
ALLIANCE = schema("Alliance", _obj({
    "key": KEY, "theme": TEXT, "start_year": INT, "end_year": INT,
    "status": _enum(AllianceStatus), "trainer": TEXT, "advisory_hours": NUM,
    "training_share": NUM, "training_target_met": _t("boolean"),
    "school": TEXT, "school_name": TEXT, "partner": TEXT, "partner_name": TEXT,
    "partner_kind": TEXT, "municipality": TEXT, "contribution_count": INT,
    "stage_year": INT, "stage": _enum(Stage),
    "stages": {"type": "object", "additionalProperties": {"type": "string"},
               "description": "Stage per core component in the latest assessed year"}}))
CONTRIBUTION = schema("Contribution", _obj({
    "key": KEY, "date": _t("string", format="date"), "year": INT,
    "kind": _enum(ContributionKind), "hours": NUM, "teachers": INT, "students": INT,
    "families": INT, "description": TEXT, "logged_by": TEXT, "alliance": TEXT, "theme": TEXT,
    "partner": TEXT, "partner_name": TEXT, "school": TEXT, "school_name": TEXT}))
MEASURE = schema("Measure", _obj({
    "key": KEY, "kind": _enum(MeasureKind), "start": _t("string", format="date"),
    "end": _t("string", format="date"), "description": TEXT, "municipality": TEXT,
    "municipality_name": TEXT, "schools": KEYS}))
ASSESSMENT = schema("StageAssessment", _obj({
    "key": KEY, "year": INT, "component": _enum(Component), "stage": _enum(Stage),
    "benchmarks": KEYS, "assessed_by": TEXT, "alliance": TEXT, "school": TEXT,
    "school_name": TEXT, "partner": TEXT, "partner_name": TEXT, "municipality": TEXT}))
TOTALS_ROW = _obj({m: NUM for m in ("count", "hours", "teachers", "students", "families")},
                  required=())
CONTRIBUTION_TOTALS = schema("ContributionTotals", _obj({
    "by_kind": {"type": "object", "additionalProperties": TOTALS_ROW},
    "all": TOTALS_ROW}, required=("by_kind", "all")))
PAGE_EXTRAS = {"contributions": {"totals": CONTRIBUTION_TOTALS}}


def page_of(name: str, item: dict, extra: dict | None = None) -> dict[str, str]:
    """A page of items: items, total, page, per_page, pages (+ extras)."""
    return schema(f"{name}Page", _obj({
        "items": {"type": "array", "items": item}, "total": {"type": "integer"},
        "page": {"type": "integer"}, "per_page": {"type": "integer"},
        "pages": {"type": "integer"}, **(extra or {})},
        required=("items", "total", "page", "per_page")))


def bodies(name: str, fields: tuple) -> tuple[dict[str, str], dict[str, str]]:
    """Create and update body schemas of a resource."""
    return (schema(f"{name}Create", request_schema(fields)),
            schema(f"{name}Update", request_schema(fields, partial=True)))


ALLIANCE_END = schema("AllianceEnd", request_schema(inputs.ALLIANCE_END_FIELDS))
CHANGE_PARTNER = schema("AllianceChangePartner", request_schema(inputs.CHANGE_PARTNER_FIELDS))
PARTNER_CHANGED = schema("AlliancePartnerChanged", _obj(
    {"ended": ALLIANCE, "started": ALLIANCE}, required=("ended", "started")))
MEASURE_END = schema("MeasureEnd", request_schema(inputs.MEASURE_END_FIELDS))
