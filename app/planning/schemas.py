"""The typed fields of the planning API and forms: objectives, manual values, budget lines,
plans, and the review steps of a self-assessment. Nested lists (a logic model's parts, a
plan's actions, an assessment's ratings) are checked item by item where they are written
(graph.planning, graph.self_assessments), naming the item: `actions[2].last_year`."""
from __future__ import annotations

from app.network.parsers import YEAR, Boolean, Choice, Field, Integer, Key, Number, Text
from graph.model import BudgetSource, Component, Direction, FocusGroup, Metric

AMOUNT = Number(0, 1_000_000_000)
VALUE = Number(-1_000_000_000, 1_000_000_000)
NOTE = Text(500, multiline=True)
COMMENT = Text(2000, multiline=True)

OBJECTIVE_FIELDS = (
    Field("key", Key("objective", new=True), updatable=False),
    Field("title", Text(200), required=True),
    Field("metric", Choice(Metric), required=True,
          description="What Imant measures the objective by"),
    Field("group", Choice(FocusGroup), description="Focus group (composition gap, share)"),
    Field("component", Choice(Component), description="Core component (component stage)"),
    Field("unit", Text(40), description="Unit of a manual metric"),
    Field("baseline", VALUE, description="Left out: Imant reads it from the baseline year"),
    Field("baseline_year", YEAR,
          description="Default: the school year before the alliance started"),
    Field("baseline_reason", Text(500, multiline=True),
          description="Why the baseline differs from the one Imant computes"),
    Field("target", VALUE, required=True),
    Field("direction", Choice(Direction), required=True),
    Field("target_year", YEAR, required=True),
)

OBJECTIVE_VALUE_FIELDS = (
    Field("year", YEAR, required=True),
    Field("value", VALUE, description="Empty clears the year's value"),
)

BUDGET_FIELDS = (
    Field("key", Key("budget line", new=True), updatable=False),
    Field("year", YEAR, required=True),
    Field("source", Choice(BudgetSource), required=True),
    Field("planned", AMOUNT, required=True),
    Field("secured", AMOUNT),
    Field("spent", AMOUNT),
    Field("overspend", Boolean(), description="Spent above planned, on purpose"),
    Field("overspend_reason", Text(500, multiline=True)),
    Field("description", NOTE),
)

NEW_PLAN_FIELDS = (
    Field("first_year", YEAR,
          description="Default: the alliance's start year, or the year after the last plan"),
)

SELF_ASSESSMENT_START_FIELDS = (Field("year", YEAR, required=True),)
RETURN_FIELDS = (Field("comment", COMMENT, required=True),)
LOGIC_MODEL_COMMENT_FIELDS = (Field("revision", Integer(1, 100_000), required=True),
                              Field("comment", COMMENT, required=True))
