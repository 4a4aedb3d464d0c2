"""Input validation for the network: what each entity accepts, the rules across its fields,
and the filters of each list. Parsers and the validate() machinery are in parsers.py."""
from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from app.network.parsers import (
    COUNT,
    HOURS,
    YEAR,
    Boolean,
    Choice,
    Day,
    Field,
    Integer,
    Key,
    KeyList,
    Number,
    Parser,
    Text,
    error,
    parse_args,
    raise_invalid,
    request_schema,
    validate,
)
from graph.model import (
    BENCHMARKS,
    N_,
    AllianceStatus,
    Component,
    ContributionKind,
    MeasureKind,
    PartnerKind,
    SchoolLevel,
    Stage,
)

__all__ = ["validate", "request_schema", "Field"]


# ---- the entities' fields -------------------------------------------------------------

KEY_FIELD = Field("key", Key(new=True), updatable=False,
                  description="Stable key; generated from the name when left out.")
ARCHIVED = Field("archived", Boolean(), description="Archived items are hidden from lists.")

MUNICIPALITY_FIELDS = (
    KEY_FIELD, Field("name", Text(200), required=True),
    Field("code", Text(32), description="Official code"), ARCHIVED,
)
ZONE_FIELDS = (
    KEY_FIELD, Field("name", Text(200), required=True),
    Field("municipality", Key("municipality"), required=True,
          description="Key of the municipality the zone is part of"),
    ARCHIVED,
)
SCHOOL_FIELDS = (
    KEY_FIELD, Field("name", Text(200), required=True),
    Field("code", Text(32), description="Official school code"),
    Field("level", Choice(SchoolLevel), required=True),
    Field("zone", Key("zone"), required=True, description="Key of the school's zone"),
    Field("entry_places", Integer(0, 10_000), description="Places offered per year at entry"),
    ARCHIVED,
)
# what a school team may change in its own profile
SCHOOL_PROFILE_FIELDS = frozenset({"name", "entry_places"})
PARTNER_FIELDS = (
    KEY_FIELD, Field("name", Text(200), required=True),
    Field("kind", Choice(PartnerKind), required=True), ARCHIVED,
)
NEW_ALLIANCE_REASON = N_("cannot be changed: end this alliance and start a new one")
ALLIANCE_FIELDS = (
    KEY_FIELD,
    Field("school", Key("school"), required=True, updatable=False,
          fixed_reason=NEW_ALLIANCE_REASON),
    Field("partner", Key("partner"), required=True, updatable=False,
          fixed_reason=NEW_ALLIANCE_REASON),
    Field("theme", Text(200), required=True,
          description="Point of interest, e.g. marine science, arts, robotics"),
    Field("start_year", YEAR, required=True,
          description="Calendar year the first school year starts (2024 = 2024-25)"),
    Field("end_year", YEAR, description="Last school year, for an ended alliance"),
    Field("status", Choice(AllianceStatus), description="active (default), ended or archived"),
    Field("trainer", Text(200)),
    Field("advisory_hours", HOURS, description="Year-0 advisory hours (about 15 expected)"),
    Field("training_share", Number(0, 1),
          description="Share of teachers in training, 0..1 (the programme expects ≥ 0.8)"),
)
ALLIANCE_END_FIELDS = (
    Field("end_year", YEAR, description="Last school year (default: the current one)"),
)
CHANGE_PARTNER_FIELDS = (
    Field("key", Key(new=True), description="Key of the new alliance"),
    Field("partner", Key("partner"), required=True),
    Field("theme", Text(200)), Field("start_year", YEAR), Field("trainer", Text(200)),
    Field("advisory_hours", HOURS), Field("training_share", Number(0, 1)),
)
CONTRIBUTION_FIELDS = (
    KEY_FIELD,
    Field("alliance", Key("alliance"), required=True, updatable=False),
    Field("date", Day(), required=True),
    Field("kind", Choice(ContributionKind), required=True),
    Field("hours", HOURS), Field("teachers", COUNT, description="Teachers reached"),
    Field("students", COUNT, description="Students reached"),
    Field("families", COUNT, description="Families reached"),
    Field("description", Text(2000, multiline=True)),
)
MEASURE_FIELDS = (
    KEY_FIELD,
    Field("municipality", Key("municipality"), updatable=False,
          description="Key of the deploying municipality (default: the caller's own)"),
    Field("kind", Choice(MeasureKind), required=True),
    Field("start", Day(), required=True), Field("end", Day()),
    Field("schools", KeyList("school"),
          description="Keys of the schools covered, all in the measure's municipality"),
    Field("description", Text(2000, multiline=True)),
)
MEASURE_END_FIELDS = (Field("end", Day(), description="Last day (default: today)"),)
ASSESSMENT_FIELDS = (
    Field("alliance", Key("alliance"), required=True, updatable=False),
    Field("year", YEAR, required=True, updatable=False),
    Field("component", Choice(Component), required=True, updatable=False),
    Field("stage", Choice(Stage), required=True),
    Field("benchmarks", KeyList("benchmark", max_items=20),
          description="Benchmarks of that stage that are met"),
)


# ---- rules across fields --------------------------------------------------------------

def check_alliance(values: Mapping[str, Any]) -> None:
    """Years in order; an ended alliance has an end year, an active one none."""
    start, end, status = values.get("start_year"), values.get("end_year"), values.get("status")
    errors = []
    if start is not None and end is not None and end < start:
        errors.append(error("end_year", end, f"must not be before start_year {start}"))
    if status == AllianceStatus.ENDED and end is None:
        errors.append(error("end_year", end, "required for an ended alliance"))
    if status == AllianceStatus.ACTIVE and end is not None:
        errors.append(error("end_year", end, "only an ended alliance has an end year"))
    raise_invalid(errors)


def check_measure(values: Mapping[str, Any]) -> None:
    start, end = values.get("start"), values.get("end")
    if start and end and end < start:
        raise_invalid([error("end", end, f"must not be before start {start}")])


def check_benchmarks(stage: str, benchmarks: list[str]) -> None:
    """Every benchmark must be one of that stage's (MSAP framework)."""
    allowed = BENCHMARKS[Stage(stage)]
    unknown = [b for b in benchmarks if b not in allowed]
    raise_invalid([error("benchmarks", b, f"not a benchmark of stage {stage} "
                         f"(those are: {', '.join(allowed)})") for b in unknown])


def check_not_future(name: str, value: str | None, *, today: date) -> None:
    if value and value > today.isoformat():
        raise_invalid([error(name, value, "is in the future")])


# ---- list queries ---------------------------------------------------------------------

MAX_PER_PAGE = 200
PAGE = Integer(1, 100_000)
PER_PAGE = Integer(1, MAX_PER_PAGE)
QUERY_NAMES = {"from": "date_from", "to": "date_to"}  # query name -> service argument


def page_arguments(args: Mapping[str, Any], *, per_page: int) -> tuple[int, int]:
    """(page, per_page) of a list that has no filters (the indicators' school lists)."""
    clean = parse_args(args, {"page": PAGE, "per_page": PER_PAGE}, what="query")
    return clean.get("page") or 1, clean.get("per_page") or per_page


def list_arguments(args: Mapping[str, Any], plural: str) -> dict[str, Any]:
    """A list service's keyword arguments from a query string (the API's and the pages'):
    page, per_page, the list's filters and, for archivable lists, archived."""
    filters = FILTERS[plural]
    parsers: dict[str, Parser] = {"page": PAGE, "per_page": PER_PAGE, **filters}
    if plural in ARCHIVABLE:
        parsers["archived"] = Boolean()
    clean = parse_args(args, parsers, what="query")
    kwargs = {QUERY_NAMES.get(k, k): clean.get(k) for k in filters}
    if plural in ARCHIVABLE:
        kwargs["archived"] = bool(clean.get("archived"))
    return {"page": clean.get("page") or 1, "per_page": clean.get("per_page") or 50, **kwargs}


QUERY_TEXT = Text(100)
FILTERS: dict[str, dict[str, Parser]] = {
    "municipalities": {"q": QUERY_TEXT},
    "zones": {"municipality": Key(), "q": QUERY_TEXT},
    "schools": {"municipality": Key(), "zone": Key(), "level": Choice(SchoolLevel),
                "q": QUERY_TEXT},
    "partners": {"kind": Choice(PartnerKind), "q": QUERY_TEXT},
    "alliances": {"school": Key(), "partner": Key(), "municipality": Key(),
                  "status": Choice(AllianceStatus), "year": YEAR, "q": QUERY_TEXT},
    "contributions": {"alliance": Key(), "partner": Key(), "school": Key(),
                      "kind": Choice(ContributionKind), "year": YEAR, "from": Day(),
                      "to": Day()},
    "measures": {"municipality": Key(), "kind": Choice(MeasureKind), "school": Key(),
                 "year": YEAR},
    "assessments": {"alliance": Key(), "school": Key(), "partner": Key(),
                    "municipality": Key(), "year": YEAR, "component": Choice(Component),
                    "stage": Choice(Stage)},
}
ARCHIVABLE = frozenset({"municipalities", "zones", "schools", "partners", "alliances"})
