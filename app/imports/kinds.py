"""What each import kind accepts: columns, identity, references and the rules across fields.

The columns and their names are the import format coordinators are given; property
names and closed lists are graph/model.py's. A kind turns each clean row into the
parameters its write statement expects (`shape`).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from app import labels
from app.imports import columns as c
from domain.integrity import check_figures_year
from graph.model import (
    BENCHMARKS,
    ActionStatus,
    AllianceStatus,
    BudgetSource,
    Component,
    ContributionKind,
    Direction,
    Element,
    FocusGroup,
    MeasureKind,
    Metric,
    Owner,
    PartnerKind,
    SchoolLevel,
    Stage,
    school_year_of,
)

Problem = tuple[str, Any, str]  # (column, value, reason)


@dataclass(frozen=True)
class Column:
    name: str
    parse: c.Parse
    required: bool = True
    default: Any = None
    ref: str | None = None  # label of the node this key (or list of keys) must name
    # a column the header may leave out (a file older than the column): its value is empty
    omissible: bool = False


@dataclass(frozen=True)
class Kind:
    name: str
    what: str  # one row, in words
    columns: tuple[Column, ...]
    identity: tuple[str, ...]  # the columns that identify a row (no two rows alike)
    family_level: bool = False
    checks: tuple[Callable[[dict], list[Problem]], ...] = ()
    shape: Callable[[dict], dict] | None = None
    fixed: tuple[str, ...] = ()  # references an existing node may not change

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(col.name for col in self.columns)

    @property
    def required_header(self) -> tuple[str, ...]:
        """The columns every file of this kind has (an omissible one may be left out)."""
        return tuple(col.name for col in self.columns if not col.omissible)

    def identify(self, row: dict) -> tuple:
        return tuple(row.get(name) for name in self.identity)


def _at_most(total: str, *parts: str) -> Callable[[dict], list[Problem]]:
    def check(row: dict) -> list[Problem]:
        top = row.get(total)
        return [(part, row[part], f"{part} ({row[part]}) is greater than {total} ({top})")
                for part in parts
                if top is not None and row.get(part) is not None and row[part] > top]
    return check


def _alliance_years(row: dict) -> list[Problem]:
    start, end, status = row.get("start_year"), row.get("end_year"), row.get("status")
    found = []
    if start is not None and end is not None and end < start:
        found.append(("end_year", end, f"must not be before start_year {start}"))
    if status == AllianceStatus.ENDED and end is None:
        found.append(("end_year", "", "required for an ended alliance"))
    if status == AllianceStatus.ACTIVE and end is not None:
        found.append(("end_year", end, "only an ended alliance has an end year "
                                       "(set status to ended, or leave end_year empty)"))
    return found


def _measure_dates(row: dict) -> list[Problem]:
    start, end = row.get("start"), row.get("end")
    if start and end and end < start:
        return [("end", end, f"must not be before start {start}")]
    return []


def _not_future(row: dict) -> list[Problem]:
    when = row.get("date")
    if when and when > date.today().isoformat():
        return [("date", when, "is in the future")]
    return []


def _figures_not_future(row: dict) -> list[Problem]:
    year = row.get("year")
    found = None if year is None else check_figures_year(year=year, today=date.today())
    return [] if found is None else [(found.field, found.value, labels.reason(found))]


def _stage_benchmarks(row: dict) -> list[Problem]:
    stage, met = row.get("stage"), row.get("benchmarks") or []
    if stage is None:
        return []
    allowed = BENCHMARKS[Stage(stage)]
    return [("benchmarks", b, f"not a benchmark of stage {stage}; "
                              f"use one of: {', '.join(allowed)}")
            for b in met if b not in allowed]


def _school_year(row: dict) -> dict:
    return {**row, "key": f"{row['school_key']}:{row['year']}"}


def _contribution(row: dict) -> dict:
    return {**row, "year": school_year_of(date.fromisoformat(row["date"]))}


def _assessment(row: dict) -> dict:
    return {**row, "key": f"{row['alliance_key']}:{row['year']}:{row['component']}"}


KEY = Column("key", c.key)
NAME = Column("name", c.text(200))
CODE = Column("code", c.text(32), required=False)
COUNT = c.count()
YEAR = c.year()
MAX_POINTS = 1_000  # the Catalan scheme gives at most about 100; a typo is caught

KINDS: dict[str, Kind] = {kind.name: kind for kind in (
    Kind("municipalities", "municipality", (KEY, NAME, CODE), ("key",)),
    Kind("zones", "zone", (KEY, NAME, Column("municipality_key", c.reference,
                                             ref="Municipality")), ("key",)),
    Kind("schools", "school", (
        KEY, NAME, CODE, Column("level", c.choice(SchoolLevel)),
        Column("zone_key", c.reference, ref="Zone"),
        Column("entry_places", c.count(10_000), required=False),
    ), ("key",)),
    Kind("partners", "partner", (KEY, NAME, Column("kind", c.choice(PartnerKind))), ("key",)),
    Kind("school_years", "school year of figures", (
        Column("school_key", c.reference, ref="School"), Column("year", YEAR),
        Column("places_offered", COUNT), Column("first_choice_applications", COUNT),
        Column("enrolled_total", COUNT), Column("enrolled_disadvantaged", COUNT),
        Column("enrolled_migrant", COUNT), Column("enrolled_nese", COUNT),
    ), ("school_key", "year"), checks=(_at_most(
        "enrolled_total", "enrolled_disadvantaged", "enrolled_migrant", "enrolled_nese"),
        _figures_not_future), shape=_school_year),
    Kind("families", "family", (
        KEY, Column("zone_key", c.reference, ref="Zone"),
        Column("disadvantaged", c.boolean), Column("migrant", c.boolean),
        Column("nese", c.boolean),
    ), ("key",), family_level=True),
    Kind("applications", "application", (
        Column("family_key", c.reference, ref="Family"),
        Column("school_key", c.reference, ref="School"), Column("year", YEAR),
        Column("rank", c.rank),
        # what the administration scored the application (the admission simulator uses
        # them when present, and derives points from zone and flags when not)
        Column("points", c.number(0, MAX_POINTS), required=False, omissible=True),
        Column("sibling", c.boolean, required=False, omissible=True),
    ), ("family_key", "school_key", "year"), family_level=True),
    Kind("enrolments", "enrolment", (
        Column("family_key", c.reference, ref="Family"),
        Column("school_key", c.reference, ref="School"), Column("year", YEAR),
    ), ("family_key", "school_key", "year"), family_level=True),
    Kind("alliances", "alliance", (
        KEY, Column("school_key", c.reference, ref="School"),
        Column("partner_key", c.reference, ref="Partner"), Column("theme", c.text(200)),
        Column("start_year", YEAR), Column("end_year", c.year(c.LAST_YEAR), required=False),
        Column("status", c.choice(AllianceStatus), required=False,
               default=AllianceStatus.ACTIVE.value),
        Column("trainer", c.text(200), required=False),
        Column("advisory_hours", c.number(0, c.MAX_HOURS), required=False),
        Column("training_share", c.number(0, 1), required=False),
    ), ("key",), checks=(_alliance_years,), fixed=("school_key", "partner_key")),
    Kind("contributions", "contribution", (
        KEY, Column("alliance_key", c.reference, ref="Alliance"), Column("date", c.day),
        Column("kind", c.choice(ContributionKind)),
        Column("hours", c.number(0, c.MAX_HOURS), required=False, default=0),
        Column("teachers", COUNT, required=False, default=0),
        Column("students", COUNT, required=False, default=0),
        Column("families", COUNT, required=False, default=0),
        Column("description", c.text(2000, multiline=True), required=False),
    ), ("key",), checks=(_not_future,), shape=_contribution, fixed=("alliance_key",)),
    Kind("measures", "measure", (
        KEY, Column("municipality_key", c.reference, ref="Municipality"),
        Column("kind", c.choice(MeasureKind)), Column("start", c.day),
        Column("end", c.day, required=False),
        Column("school_keys", c.split_list(c.reference), required=False, default=[],
               ref="School"),
        Column("description", c.text(2000, multiline=True), required=False),
    ), ("key",), checks=(_measure_dates,), fixed=("municipality_key",)),
    Kind("assessments", "stage assessment", (
        Column("alliance_key", c.reference, ref="Alliance"), Column("year", YEAR),
        Column("component", c.choice(Component)), Column("stage", c.choice(Stage)),
        Column("benchmarks", c.split_list(c.reference), required=False, default=[]),
    ), ("alliance_key", "year", "component"), checks=(_stage_benchmarks,),
        shape=_assessment),
)}

ALLIANCE = Column("alliance_key", c.reference, ref="Alliance")
VALUE = c.number(-1_000_000_000, 1_000_000_000)
AMOUNT = c.number(0, 1_000_000_000)
PLAN_YEAR = c.year(c.LAST_YEAR)  # plans and targets look years ahead

# A foundation's existing plans, from its spreadsheets. Their rules (an action within its
# plan's years, a target year after the baseline, spent within planned) are checked row by
# row by app.planning.imports, which also writes them.
PLANNING_KINDS: dict[str, Kind] = {kind.name: kind for kind in (
    Kind("objectives", "objective", (
        KEY, ALLIANCE, Column("title", c.text(200)), Column("metric", c.choice(Metric)),
        Column("group", c.choice(FocusGroup), required=False),
        Column("component", c.choice(Component), required=False),
        Column("unit", c.text(40), required=False),
        Column("baseline", VALUE, required=False),
        Column("baseline_year", YEAR, required=False),
        Column("baseline_reason", c.text(500, multiline=True), required=False),
        Column("target", VALUE), Column("direction", c.choice(Direction)),
        Column("target_year", PLAN_YEAR),
    ), ("key",)),
    Kind("plan_actions", "plan action", (
        ALLIANCE, Column("plan_first_year", PLAN_YEAR), Column("action", c.key),
        Column("title", c.text(200)), Column("component", c.choice(Component)),
        Column("elements", c.split_list(c.choice(Element))), Column("stage", c.choice(Stage)),
        Column("first_year", PLAN_YEAR), Column("last_year", PLAN_YEAR),
        Column("owner", c.choice(Owner)),
        Column("status", c.choice(ActionStatus), required=False, default="planned"),
        Column("drop_reason", c.text(500), required=False),
        Column("budget_planned", AMOUNT, required=False, default=0),
        Column("budget_spent", AMOUNT, required=False, default=0),
        Column("objective_keys", c.split_list(c.reference), required=False, default=[],
               ref="Objective"),
    ), ("alliance_key", "plan_first_year", "action")),
    Kind("budget_lines", "budget line", (
        KEY, ALLIANCE, Column("year", PLAN_YEAR), Column("source", c.choice(BudgetSource)),
        Column("planned", AMOUNT), Column("secured", AMOUNT, required=False, default=0),
        Column("spent", AMOUNT, required=False, default=0),
        Column("overspend", c.boolean, required=False, default=False),
        Column("overspend_reason", c.text(500), required=False),
        Column("description", c.text(500, multiline=True), required=False),
    ), ("key",)),
)}
KINDS.update(PLANNING_KINDS)

# The order that satisfies every reference when a whole programme is loaded.
ORDER = ("municipalities", "zones", "schools", "partners", "school_years", "families",
         "applications", "enrolments", "alliances", "contributions", "measures", "assessments")
# Every kind a coordinator may upload: the network's, then the plans'.
ALL_KINDS = (*ORDER, *PLANNING_KINDS)


def get_kind(name: str) -> Kind | None:
    return KINDS.get(name)
