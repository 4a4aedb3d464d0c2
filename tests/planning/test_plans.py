"""7-year plans on the real graph server: starting one, saving revisions of all actions,
objectives served, the rule for a new plan, and refusals that change nothing."""
from __future__ import annotations

import pytest

from domain.plan_views import plan_changes
from graph.driver import graph
from graph.errors import Conflict, Invalid, NotFound
from graph.objectives import upsert_objective
from graph.planning import (
    get_plan,
    list_current_actions,
    list_plan_revisions,
    list_plans,
    save_plan,
    start_plan,
)
from tests.planning.conftest import ARCHIVED, AT, BY, OTHER, OWN, count

PLAN = f"{OWN}:2020"
OBJECTIVE = {"title": "Teachers in training", "metric": "training_share", "baseline": 0.3,
             "baseline_year": 2019, "target": 0.8, "direction": "increase",
             "target_year": 2023}
TRAINING = {"action": "training", "title": "Two training days a term", "component":
            "curriculum_instruction", "elements": ["professional_development"],
            "stage": "early_implementation", "first_year": 2021, "last_year": 2022,
            "owner": "partner", "status": "in_progress", "budget_planned": 4000,
            "budget_spent": 1500, "objectives": ["o-train"]}
OPEN_DAY = {"action": "open-day", "title": "Open day", "component": "enrollment_management",
            "elements": ["communication", "theme_integration"], "stage": "planning",
            "first_year": 2020, "last_year": 2020, "owner": "school", "status": "done"}


@pytest.fixture
def plan(tenant: str) -> str:
    graph.write(start_plan, tenant=tenant, alliance=OWN, first_year=2020, by=BY, at=AT)
    graph.write(upsert_objective, tenant=tenant, alliance=OWN, key="o-train", props=OBJECTIVE)
    return PLAN


def save(tenant: str, **kwargs) -> dict:
    args = {"tenant": tenant, "plan": PLAN, "base_revision": 0,
            "actions": [TRAINING, OPEN_DAY], "by": BY, "at": AT, **kwargs}
    return graph.write(save_plan, **args)


def test_a_plan_covers_seven_years_and_starts_without_revisions(tenant, plan):
    plans = graph.read(list_plans, tenant=tenant, alliance=OWN)
    assert [(p["key"], p["first_year"], p["last_year"], p["revision"]) for p in plans] == [
        (PLAN, 2020, 2026, 0)]
    assert graph.read(get_plan, tenant=tenant, plan=plan) is None


def test_revisions_keep_every_action_as_it_was(tenant, plan):
    first = save(tenant)
    assert first["revision"] == 1
    assert [a["action"] for a in first["actions"]] == ["open-day", "training"]  # by first year
    training = first["actions"][1]
    assert training["elements"] == ["professional_development"]
    assert training["objectives"] == ["o-train"]
    assert (training["budget_planned"], training["budget_spent"]) == (4000.0, 1500.0)
    assert first["actions"][0]["objectives"] == []
    done = {**TRAINING, "status": "done", "budget_spent": 4000}
    second = save(tenant, base_revision=1, actions=[done], note="training finished")
    assert [(a["action"], a["status"]) for a in second["actions"]] == [("training", "done")]
    old = graph.read(get_plan, tenant=tenant, plan=plan, revision=1)
    assert [(a["action"], a["status"]) for a in old["actions"]] == [
        ("open-day", "done"), ("training", "in_progress")]
    history = graph.read(list_plan_revisions, tenant=tenant, plan=plan)
    assert [(h["revision"], h["actions"], h["note"]) for h in history] == [
        (1, 2, None), (2, 1, "training finished")]
    assert graph.read(list_plans, tenant=tenant, alliance=OWN)[0]["revision"] == 2


def test_a_stale_save_is_refused(tenant, plan):
    save(tenant)
    with pytest.raises(Conflict, match="revision 1"):
        save(tenant)


@pytest.mark.parametrize("actions, field", [
    ([{**TRAINING, "last_year": 2027}], "actions[0].last_year"),       # outside 2020–2026
    ([OPEN_DAY, {**TRAINING, "first_year": 2019}], "actions[1].first_year"),
    ([{**TRAINING, "status": "dropped"}], "actions[0].drop_reason"),
    ([TRAINING, TRAINING], "actions[1].action"),
    ([{**TRAINING, "objectives": ["o-elsewhere"]}], "actions[0].objectives"),
    ([{**TRAINING, "objectives": ["o-missing"]}], "actions[0].objectives"),
])
def test_bad_actions_are_refused_naming_the_field_and_change_nothing(tenant, plan, actions,
                                                                     field):
    graph.write(upsert_objective, tenant=tenant, alliance=OTHER, key="o-elsewhere",
                props=OBJECTIVE)
    before = graph.read(count, tenant=tenant)
    with pytest.raises(Invalid) as caught:
        save(tenant, actions=actions)
    assert caught.value.errors[0]["field"] == field
    assert caught.value.message.startswith(field)
    assert graph.read(count, tenant=tenant) == before


def test_a_plan_for_an_archived_alliance_is_refused(tenant):
    with pytest.raises(Invalid) as caught:
        graph.write(start_plan, tenant=tenant, alliance=ARCHIVED, first_year=2020, by=BY, at=AT)
    assert caught.value.errors == [{"field": "alliance", "value": ARCHIVED,
                                    "reason": "the alliance is archived"}]
    assert graph.read(list_plans, tenant=tenant, alliance=ARCHIVED) == []


def test_a_new_plan_starts_after_the_old_one_or_once_the_next_plan_benchmark_is_met(tenant,
                                                                                   plan):
    with pytest.raises(Invalid, match="first_year"):
        graph.write(start_plan, tenant=tenant, alliance=OWN, first_year=2024, by=BY, at=AT)
    graph.write(start_plan, tenant=tenant, alliance=OWN, first_year=2024, by=BY, at=AT,
                next_plan_met=True)
    graph.write(start_plan, tenant=tenant, alliance=OWN, first_year=2031, by=BY, at=AT)
    assert [p["first_year"] for p in graph.read(list_plans, tenant=tenant, alliance=OWN)] == [
        2020, 2024, 2031]


def test_saving_an_unknown_plan_is_not_found(tenant):
    with pytest.raises(NotFound):
        save(tenant, plan=f"{OWN}:1999")


def test_what_changed_since_the_last_annual_report(tenant, plan):
    save(tenant, at="2024-03-01T10:00:00Z")
    save(tenant, base_revision=1, at="2024-11-02T10:00:00Z", actions=[
        {**TRAINING, "status": "done"}, {**OPEN_DAY, "action": "open-day-2"}])
    report_time = "2024-09-30T23:59:59Z"
    then = graph.read(get_plan, tenant=tenant, plan=plan, as_of=report_time)
    now = graph.read(get_plan, tenant=tenant, plan=plan)
    assert (then["revision"], now["revision"]) == (1, 2)
    changes = plan_changes(before=then["actions"], after=now["actions"])
    assert changes["added"] == ["open-day-2"] and changes["removed"] == ["open-day"]
    assert changes["changed"] == [{"action": "training",
                                   "fields": {"status": ["in_progress", "done"]}}]
    assert graph.read(get_plan, tenant=tenant, plan=plan, as_of="2023-01-01") is None


def test_the_current_actions_of_every_plan(tenant, plan):
    save(tenant)
    save(tenant, base_revision=1, actions=[{**TRAINING, "status": "done"}])
    graph.write(start_plan, tenant=tenant, alliance=OTHER, first_year=2021, by=BY, at=AT)
    graph.write(save_plan, tenant=tenant, plan=f"{OTHER}:2021", base_revision=0, by=BY, at=AT,
                actions=[{**OPEN_DAY, "first_year": 2021, "last_year": 2021}])
    rows = graph.read(list_current_actions, tenant=tenant)
    assert [(r["alliance"], r["plan"], r["revision"], r["action"], r["status"]) for r in rows] == [
        (OTHER, f"{OTHER}:2021", 1, "open-day", "done"),
        (OWN, PLAN, 2, "training", "done")]
    assert rows[1]["objectives"] == ["o-train"]
    assert [r["action"] for r in graph.read(list_current_actions, tenant=tenant,
                                            alliance=OWN)] == ["training"]
