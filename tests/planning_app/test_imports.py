"""Plans loaded from spreadsheets: objectives, plan actions and budget lines, all or nothing,
every problem named by line and column, and each import audited."""
from __future__ import annotations

import pytest

from app.imports.service import import_csv
from app.planning import service
from graph.errors import Invalid

OBJECTIVES = ("key,alliance_key,title,metric,group,component,unit,baseline,baseline_year,"
              "baseline_reason,target,direction,target_year\n")
ACTIONS = ("alliance_key,plan_first_year,action,title,component,elements,stage,first_year,"
           "last_year,owner,status,drop_reason,budget_planned,budget_spent,objective_keys\n")
BUDGET = ("key,alliance_key,year,source,planned,secured,spent,overspend,overspend_reason,"
          "description\n")


def run(tenant, kind: str, text: str):
    return import_csv(tenant=tenant, kind=kind, data=text.encode(), file_name=f"{kind}.csv")


def problems(exc: pytest.ExceptionInfo) -> list[tuple]:
    return [(e["line"], e["field"]) for e in exc.value.errors]


def test_objectives_import_all_or_nothing(world, tenant):
    bad = (OBJECTIVES
           + "o-hours,a-own,Hours,contribution_hours,,,,,,,10,increase,2025\n"
           + "o-late,a-own,Late,demand_ratio,,,,,2024,,1.5,increase,2023\n"
           + "o-gap,a-own,Gap,composition_gap,,,,,,,0,decrease,2025\n")
    with pytest.raises(Invalid) as exc:
        run(tenant, "objectives", bad)
    assert problems(exc) == [(3, "target_year"), (4, "group")]
    assert service.list_objectives(access=world, alliance="a-own") == []
    done = run(tenant, "objectives", OBJECTIVES
               + "o-hours,a-own,Hours,contribution_hours,,,,,,,10,increase,2025\n"
               + "o-days,a-other,Open days,manual,,,days,1,2021,,6,increase,2025\n")
    assert (done.rows, done.created) == (2, 2)
    hours = service.get_objective(access=world, key="o-hours")
    assert hours["baseline"] == 0.0 and hours["baseline_year"] == 2021   # read from figures


def test_plan_actions_import_as_a_new_revision(world, tenant):
    run(tenant, "objectives", OBJECTIVES
        + "o-hours,a-own,Hours,contribution_hours,,,,,,,10,increase,2025\n"
        + "o-days,a-other,Open days,manual,,,days,1,2021,,6,increase,2025\n")
    row = "a-own,2022,train,Teacher training,curriculum_instruction,professional_development,"
    with pytest.raises(Invalid) as exc:
        run(tenant, "plan_actions", ACTIONS
            + row + "planning,2022,2030,partner,planned,,0,0,o-hours\n"
            + "a-own,2022,days,Open days,family_engagement,communication,planning,2023,2023,"
              "school,planned,,,,o-days\n")
    assert problems(exc) == [(2, "last_year"), (3, "objective_keys")]
    assert service.list_plans(access=world, alliance="a-own") == []
    first = run(tenant, "plan_actions", ACTIONS
                + row + "planning,2022,2023,partner,in_progress,,1200,300,o-hours\n")
    assert first.created == 1
    plan = service.get_plan(access=world, plan="a-own:2022")
    assert plan["revision"] == 1 and plan["actions"][0]["objectives"] == ["o-hours"]
    again = run(tenant, "plan_actions", ACTIONS
                + row + "planning,2022,2023,partner,done,,1200,1100,o-hours\n")
    assert again.created == 0
    plan = service.get_plan(access=world, plan="a-own:2022")
    assert plan["revision"] == 2 and plan["actions"][0]["status"] == "done"
    assert plan["changes"]["changed"][0]["action"] == "train"


def test_budget_lines_import_refuses_spent_above_planned(world, tenant):
    with pytest.raises(Invalid) as exc:
        run(tenant, "budget_lines", BUDGET
            + "b-1,a-own,2024,municipality,1000,1000,0,,,\n"
            + "b-2,a-own,2024,partner_in_kind,100,100,150,,,\n"
            + "b-3,a-missing,2024,school,10,,,,,\n")
    assert problems(exc) == [(3, "spent"), (4, "alliance_key")]
    assert service.list_budget(access=world, alliance="a-own")["lines"] == []
    done = run(tenant, "budget_lines", BUDGET
               + "b-1,a-own,2024,municipality,1000,1000,0,,,\n"
               + "b-2,a-own,2024,partner_in_kind,100,100,150,true,Extra museum visits,\n")
    assert done.created == 2
    assert {line["key"] for line in service.list_budget(access=world,
                                                        alliance="a-own")["lines"]} == {
        "b-1", "b-2"}
