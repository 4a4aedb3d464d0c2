"""The self-assessment rubric: its items, read from `domain/rubric.toml` and checked on load.

Each item is one condition of the MSAP framework's stage maps, paraphrased, for one core
component and one stage, with a stable key (`de-2-3`: diversity and equity, stage 2, item 3)
that ratings point at, and the passage of the framework it comes from.
"""
from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources

from graph.model import Component, Stage

RUBRIC_FILE = "rubric.toml"
COMPONENT_PREFIX = {
    Component.DIVERSITY_EQUITY: "de",
    Component.ENROLLMENT_MANAGEMENT: "em",
    Component.CURRICULUM_INSTRUCTION: "ci",
    Component.FAMILY_ENGAGEMENT: "fe",
    Component.PARTNERSHIPS: "pa",
}
STAGE_NUMBER = {stage: n for n, stage in enumerate(Stage, 1)}
FIELDS = ("key", "component", "stage", "text", "source")
KEY = re.compile(r"(?P<prefix>[a-z]{2})-(?P<stage>[1-4])-(?P<n>[1-9][0-9]*)")


class RubricError(ValueError):
    """The rubric file is malformed; the message names the item and field."""


@dataclass(frozen=True)
class RubricItem:
    key: str
    component: Component
    stage: Stage
    text: str
    source: str


def _field(raw: dict, name: str, where: str) -> str:
    value = raw.get(name)
    if not isinstance(value, str) or not value.strip():
        raise RubricError(f"{where}: field {name!r} must be a non-empty text, got {value!r}")
    return value.strip()


def parse_item(raw: dict, *, position: int) -> RubricItem:
    """One rubric item from its TOML table; the key must spell its component and stage."""
    where = f"rubric item {position}"
    key = _field(raw, "key", where)
    where = f"rubric item {key!r}"
    unknown = sorted(set(raw) - set(FIELDS))
    if unknown:
        raise RubricError(f"{where}: unknown field(s) {', '.join(unknown)}")
    component, stage = _field(raw, "component", where), _field(raw, "stage", where)
    if component not in Component._value2member_map_:
        raise RubricError(f"{where}: field 'component' is not a core component: {component!r}")
    if stage not in Stage._value2member_map_:
        raise RubricError(f"{where}: field 'stage' is not a stage: {stage!r}")
    match = KEY.fullmatch(key)
    expected = f"{COMPONENT_PREFIX[Component(component)]}-{STAGE_NUMBER[Stage(stage)]}-"
    if match is None or not key.startswith(expected):
        raise RubricError(f"{where}: field 'key' must look like {expected}<n>")
    return RubricItem(key=key, component=Component(component), stage=Stage(stage),
                      text=_field(raw, "text", where), source=_field(raw, "source", where))


def parse_rubric(text: str) -> tuple[RubricItem, ...]:
    """Every item of a rubric file's text, checked: known fields, unique keys, every cell full."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RubricError(f"rubric file is not valid TOML: {exc}") from exc
    items = tuple(parse_item(raw, position=n)
                  for n, raw in enumerate(data.get("item", []), 1))
    seen: set[str] = set()
    for one in items:
        if one.key in seen:
            raise RubricError(f"rubric item {one.key!r}: field 'key' is used twice")
        seen.add(one.key)
    empty = [f"{c.value} × {s.value}" for c in Component for s in Stage
             if not any(i.component == c and i.stage == s for i in items)]
    if empty:
        raise RubricError(f"rubric has no items for {', '.join(empty)}")
    return items


@functools.cache
def rubric() -> tuple[RubricItem, ...]:
    """The rubric shipped with the package (read once per process)."""
    text = resources.files("domain").joinpath(RUBRIC_FILE).read_text(encoding="utf-8")
    return parse_rubric(text)


@functools.cache
def items_by_key() -> dict[str, RubricItem]:
    return {one.key: one for one in rubric()}


def get_item(key: str) -> RubricItem | None:
    """The rubric item with this key, or None."""
    return items_by_key().get(key)


def cell_items(*, component: str, stage: str) -> tuple[RubricItem, ...]:
    """The items of one component × stage cell, in rubric order."""
    return tuple(one for one in rubric() if one.component == component and one.stage == stage)


def component_items(*, component: str) -> tuple[RubricItem, ...]:
    """Every item of one core component, stage by stage."""
    return tuple(one for one in rubric() if one.component == component)
