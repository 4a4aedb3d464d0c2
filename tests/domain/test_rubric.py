"""The rubric data: every component × stage cell has items, keys are unique and each item
names its component, stage and source; the loader refuses a broken file naming the field."""
from __future__ import annotations

import fnmatch
import tomllib
from collections import Counter
from pathlib import Path

import pytest

from domain.rubric import (
    COMPONENT_PREFIX,
    STAGE_NUMBER,
    RubricError,
    cell_items,
    component_items,
    get_item,
    parse_rubric,
    rubric,
)
from graph.model import Component, Stage

ROOT = Path(__file__).resolve().parents[2]
COMPONENT_NAMES = {"diversity_equity": "diversity and equity",
                   "enrollment_management": "enrollment management",
                   "curriculum_instruction": "curriculum and instruction",
                   "family_engagement": "family engagement", "partnerships": "partnerships"}


def test_every_component_and_stage_cell_has_about_five_items():
    for component in Component:
        for stage in Stage:
            items = cell_items(component=component, stage=stage)
            assert 3 <= len(items) <= 7, (component, stage, len(items))
    assert 90 <= len(rubric()) <= 110


def test_keys_are_unique_and_spell_their_component_and_stage():
    keys = Counter(item.key for item in rubric())
    assert [k for k, n in keys.items() if n > 1] == []
    for item in rubric():
        assert item.key.startswith(
            f"{COMPONENT_PREFIX[item.component]}-{STAGE_NUMBER[item.stage]}-")


def test_every_item_names_its_component_stage_and_a_framework_source():
    for item in rubric():
        assert item.component in Component and item.stage in Stage
        assert item.text and item.text[0].isupper() and item.text.endswith(".")
        assert item.source.startswith("MSAP Magnet School Development Framework (2018), Stage "
                                      f"{STAGE_NUMBER[item.stage]}")
        assert item.source.endswith(COMPONENT_NAMES[item.component])


def test_lookups():
    assert get_item("fe-2-3").component == Component.FAMILY_ENGAGEMENT
    assert get_item("fe-2-3").stage == Stage.EARLY_IMPLEMENTATION
    assert get_item("zz-9-9") is None
    items = component_items(component="partnerships")
    assert {i.stage for i in items} == set(Stage)
    assert all(i.component == Component.PARTNERSHIPS for i in items)


def test_the_rubric_ships_as_package_data():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = project["tool"]["setuptools"]["package-data"]["domain"]
    assert any(fnmatch.fnmatch("rubric.toml", p) for p in patterns)


GOOD = """
[[item]]
key = "de-1-1"
component = "diversity_equity"
stage = "planning"
text = "A condition."
source = "somewhere"
"""


def _full(extra: str = "") -> str:
    """A rubric with one item per cell, plus `extra`."""
    rows = []
    for component, prefix in COMPONENT_PREFIX.items():
        for stage, n in STAGE_NUMBER.items():
            rows.append(f'[[item]]\nkey = "{prefix}-{n}-1"\ncomponent = "{component.value}"\n'
                        f'stage = "{stage.value}"\ntext = "A condition."\nsource = "s"\n')
    return "\n".join(rows) + extra


def test_a_complete_small_rubric_parses():
    assert len(parse_rubric(_full())) == 20


@pytest.mark.parametrize("text, message", [
    (GOOD, "no items for diversity_equity × early_implementation"),
    (_full(GOOD), "'de-1-1': field 'key' is used twice"),
    (_full(GOOD.replace('"de-1-1"', '"de-2-9"')), "field 'key' must look like de-1-<n>"),
    (_full(GOOD.replace('"planning"', '"launch"')), "field 'stage' is not a stage: 'launch'"),
    (_full(GOOD.replace('"diversity_equity"', '"sports"')),
     "field 'component' is not a core component: 'sports'"),
    (_full(GOOD.replace('"somewhere"', '" "')), "field 'source' must be a non-empty text"),
    (_full(GOOD.replace('text = "A condition."', '')), "field 'text' must be a non-empty"),
    (_full(GOOD + 'colour = "red"\n'), "unknown field(s) colour"),
    ("[[item]\n", "not valid TOML"),
])
def test_a_broken_rubric_is_refused_naming_the_field(text, message):
    with pytest.raises(RubricError) as caught:
        parse_rubric(text)
    assert message in str(caught.value)
