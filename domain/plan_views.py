"""Views of a 7-year plan's actions: by school year × core component, by element (which of
the six elements no action serves), overdue actions, and what changed between two revisions
(e.g. since the revision current at the last annual report)."""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from domain.planning import is_overdue
from graph.model import ActionStatus, Component, Element

Action = Mapping[str, Any]


def _live(actions: Iterable[Action]) -> list[Action]:
    return [a for a in actions if a["status"] != ActionStatus.DROPPED]


def by_year_and_component(*, actions: Iterable[Action],
                          years: Sequence[int]) -> dict[int, dict[str, list[str]]]:
    """{year: {component: [action ids running that year]}} for every year and component;
    an action runs in each year from its first to its last; dropped actions are left out."""
    grid: dict[int, dict[str, list[str]]] = {
        year: {component.value: [] for component in Component} for year in years}
    for action in _live(actions):
        for year in years:
            if action["first_year"] <= year <= action["last_year"]:
                grid[year][action["component"]].append(action["action"])
    return grid


def by_element(*, actions: Iterable[Action]) -> dict[str, list[str]]:
    """{element: [action ids serving it]} for all six elements, dropped actions left out; an
    empty list is an element no action serves (e.g. nothing for communication)."""
    served: dict[str, list[str]] = {element.value: [] for element in Element}
    for action in _live(actions):
        for element in action["elements"]:
            served[element].append(action["action"])
    return served


def overdue_actions(*, actions: Iterable[Action], year: int) -> list[str]:
    """The ids of the actions overdue in `year` (see domain.planning.is_overdue)."""
    return [a["action"] for a in actions
            if is_overdue(status=a["status"], last_year=a["last_year"], year=year)]


def plan_changes(*, before: Iterable[Action], after: Iterable[Action]) -> dict[str, list]:
    """What changed from one revision's actions to another's, matched by action id:
    {"added": [ids], "removed": [ids], "changed": [{"action": id, "fields": {name:
    [old, new]}}]}, each list in id order."""
    old = {a["action"]: a for a in before}
    new = {a["action"]: a for a in after}
    changed = []
    for ident in sorted(old.keys() & new.keys()):
        fields = {name: [old[ident].get(name), new[ident].get(name)]
                  for name in sorted(old[ident].keys() | new[ident].keys())
                  if old[ident].get(name) != new[ident].get(name)}
        if fields:
            changed.append({"action": ident, "fields": fields})
    return {"added": sorted(new.keys() - old.keys()),
            "removed": sorted(old.keys() - new.keys()), "changed": changed}
