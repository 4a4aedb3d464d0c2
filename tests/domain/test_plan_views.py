"""Plan views on a hand-made plan: the year × component grid, elements nobody serves,
overdue actions and the changes between two revisions."""
from __future__ import annotations

from domain.plan_views import by_element, by_year_and_component, overdue_actions, plan_changes

ACTIONS = [
    {"action": "units", "component": "curriculum_instruction", "status": "in_progress",
     "elements": ["theme_integration", "professional_development"], "first_year": 2021,
     "last_year": 2022},
    {"action": "open-day", "component": "enrollment_management", "status": "planned",
     "elements": ["data_use"], "first_year": 2022, "last_year": 2022},
    {"action": "leaflet", "component": "enrollment_management", "status": "dropped",
     "elements": ["communication"], "first_year": 2021, "last_year": 2021,
     "drop_reason": "replaced by the website"},
    {"action": "board", "component": "partnerships", "status": "done",
     "elements": ["leadership_management"], "first_year": 2020, "last_year": 2020},
]


def test_the_year_by_component_grid():
    grid = by_year_and_component(actions=ACTIONS, years=[2020, 2021, 2022, 2023])
    assert grid[2021]["curriculum_instruction"] == ["units"]
    assert grid[2021]["enrollment_management"] == []          # the leaflet was dropped
    assert grid[2022] == {"diversity_equity": [], "enrollment_management": ["open-day"],
                          "curriculum_instruction": ["units"], "family_engagement": [],
                          "partnerships": []}
    assert grid[2020]["partnerships"] == ["board"]
    assert all(not ids for ids in grid[2023].values())


def test_elements_no_action_serves_show_as_empty():
    served = by_element(actions=ACTIONS)
    assert served["communication"] == []      # only a dropped action served it
    assert served["sustainability"] == []
    assert served["theme_integration"] == ["units"]
    assert len(served) == 6


def test_overdue_actions():
    assert overdue_actions(actions=ACTIONS, year=2022) == []
    assert overdue_actions(actions=ACTIONS, year=2023) == ["units", "open-day"]


def test_changes_between_revisions():
    after = [{**ACTIONS[0], "status": "done"}, ACTIONS[1], ACTIONS[2],
             {"action": "mentors", "component": "family_engagement", "status": "planned",
              "elements": ["communication"], "first_year": 2023, "last_year": 2024}]
    assert plan_changes(before=ACTIONS, after=after) == {
        "added": ["mentors"], "removed": ["board"],
        "changed": [{"action": "units", "fields": {"status": ["in_progress", "done"]}}]}
    assert plan_changes(before=ACTIONS, after=ACTIONS) == {"added": [], "removed": [],
                                                           "changed": []}
