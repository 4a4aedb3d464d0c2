"""Objectives and budget lines on the real graph server: whole definitions checked before
writing, typed-in values for manual objectives only, ownership kept, refusals change nothing."""
from __future__ import annotations

import pytest

from domain.planning import sustainability_share
from graph.budget import delete_budget_line, list_budget_lines, upsert_budget_line
from graph.driver import graph
from graph.errors import Conflict, Invalid
from graph.objectives import (
    delete_objective,
    get_objective,
    list_objectives,
    set_objective_value,
    upsert_objective,
)
from graph.planning import save_plan, start_plan
from tests.planning.conftest import ARCHIVED, AT, BY, OTHER, OWN, count

GAP = {"title": "Smaller composition gap", "metric": "composition_gap",
       "group": "disadvantaged", "baseline": 24.0, "baseline_year": 2019, "target": 10.0,
       "direction": "decrease", "target_year": 2025}
MANUAL = {"title": "Families at open days", "metric": "manual", "unit": "families",
          "baseline": 10, "baseline_year": 2019, "target": 60, "direction": "increase",
          "target_year": 2024}


def test_objectives_round_trip_with_values_by_year(tenant):
    graph.write(upsert_objective, tenant=tenant, alliance=OWN, key="o-gap", props=GAP)
    graph.write(upsert_objective, tenant=tenant, alliance=OWN, key="o-fam", props=MANUAL)
    graph.write(set_objective_value, tenant=tenant, objective="o-fam", year=2021, value=35,
                by=BY)
    graph.write(set_objective_value, tenant=tenant, objective="o-fam", year=2020, value=20,
                by=BY)
    graph.write(set_objective_value, tenant=tenant, objective="o-fam", year=2021, value=32,
                by=BY)  # a second entry for a year replaces the first
    found = graph.read(get_objective, tenant=tenant, key="o-fam")
    assert found["values"] == [{"year": 2020, "value": 20.0, "entered_by": BY},
                               {"year": 2021, "value": 32.0, "entered_by": BY}]
    assert (found["alliance"], found["school"], found["unit"]) == (OWN, "s-own", "families")
    graph.write(set_objective_value, tenant=tenant, objective="o-fam", year=2020, value=None,
                by=BY)
    assert [v["year"] for v in graph.read(get_objective, tenant=tenant,
                                          key="o-fam")["values"]] == [2021]
    by_school = graph.read(list_objectives, tenant=tenant, school="s-own")
    assert [o["key"] for o in by_school] == ["o-fam", "o-gap"]   # by target year
    assert by_school[1]["group"] == "disadvantaged" and by_school[1]["values"] == []
    assert graph.read(list_objectives, tenant=tenant, alliance=OTHER) == []


@pytest.mark.parametrize("alliance, props, field", [
    (OWN, {**GAP, "target_year": 2018}, "target_year"),    # before the baseline
    (OWN, {**GAP, "group": None}, "group"),
    (OWN, {**GAP, "title": ""}, "title"),
    (OWN, {**GAP, "weight": 2}, "weight"),
    (ARCHIVED, GAP, "alliance"),
])
def test_a_bad_objective_is_refused_naming_the_field(tenant, alliance, props, field):
    before = graph.read(count, tenant=tenant)
    with pytest.raises(Invalid) as caught:
        graph.write(upsert_objective, tenant=tenant, alliance=alliance, key="o-x", props=props)
    assert caught.value.errors[0]["field"] == field
    assert graph.read(count, tenant=tenant) == before


def test_an_objective_stays_with_its_alliance_and_computed_ones_take_no_values(tenant):
    graph.write(upsert_objective, tenant=tenant, alliance=OWN, key="o-gap", props=GAP)
    with pytest.raises(Conflict, match="belongs to alliance a-own"):
        graph.write(upsert_objective, tenant=tenant, alliance=OTHER, key="o-gap", props=GAP)
    with pytest.raises(Invalid, match="computed by Imant"):
        graph.write(set_objective_value, tenant=tenant, objective="o-gap", year=2021,
                    value=12.0, by=BY)


def test_an_objective_a_plan_serves_cannot_be_deleted(tenant):
    graph.write(upsert_objective, tenant=tenant, alliance=OWN, key="o-gap", props=GAP)
    graph.write(upsert_objective, tenant=tenant, alliance=OWN, key="o-fam", props=MANUAL)
    graph.write(set_objective_value, tenant=tenant, objective="o-fam", year=2021, value=3,
                by=BY)
    graph.write(start_plan, tenant=tenant, alliance=OWN, first_year=2020, by=BY, at=AT)
    graph.write(save_plan, tenant=tenant, plan=f"{OWN}:2020", base_revision=0, by=BY, at=AT,
                actions=[{"action": "x", "title": "Reserve places", "component":
                          "enrollment_management", "elements": ["leadership_management"],
                          "stage": "planning", "first_year": 2020, "last_year": 2021,
                          "owner": "municipality", "status": "planned",
                          "objectives": ["o-gap"]}])
    with pytest.raises(Conflict, match="1 plan_actions"):
        graph.write(delete_objective, tenant=tenant, key="o-gap")
    before = graph.read(count, tenant=tenant)
    assert graph.write(delete_objective, tenant=tenant, key="o-fam")["key"] == "o-fam"
    assert graph.read(count, tenant=tenant) == before - 2   # the objective and its value


LINE = {"year": 2025, "source": "municipality", "planned": 3000, "secured": 1500, "spent": 0}


def test_budget_lines_feed_the_sustainability_share(tenant):
    graph.write(upsert_budget_line, tenant=tenant, alliance=OWN, key="b-1", props=LINE)
    graph.write(upsert_budget_line, tenant=tenant, alliance=OWN, key="b-2", props={
        **LINE, "source": "foundation_endowment", "planned": 7000, "secured": 7000})
    graph.write(upsert_budget_line, tenant=tenant, alliance=OWN, key="b-3", props={
        **LINE, "year": 2024, "spent": 3500, "secured": 3000, "overspend": True,
        "overspend_reason": "an extra training day"})
    lines = graph.read(list_budget_lines, tenant=tenant, alliance=OWN)
    assert [(b["key"], b["year"]) for b in lines] == [("b-3", 2024), ("b-2", 2025),
                                                      ("b-1", 2025)]
    assert lines[0]["overspend"] is True and lines[1]["overspend"] is False
    share = sustainability_share(lines=lines, year=2025)
    assert (share.planned, share.secured, share.share) == (10000, 8500, 0.85)
    assert graph.write(delete_budget_line, tenant=tenant, key="b-3")["key"] == "b-3"
    assert len(graph.read(list_budget_lines, tenant=tenant, year=2025)) == 2


@pytest.mark.parametrize("alliance, props, field", [
    (OWN, {**LINE, "spent": 3500}, "spent"),                          # no overspend mark
    (OWN, {**LINE, "spent": 3500, "overspend": True}, "spent"),       # no reason
    (OWN, {**LINE, "source": "lottery"}, "source"),
    (OWN, {**LINE, "planned": "lots"}, "planned"),
    (OWN, {**LINE, "year": None}, "year"),
    (ARCHIVED, LINE, "alliance"),
])
def test_a_bad_budget_line_is_refused_naming_the_field(tenant, alliance, props, field):
    before = graph.read(count, tenant=tenant)
    with pytest.raises(Invalid) as caught:
        graph.write(upsert_budget_line, tenant=tenant, alliance=alliance, key="b-x",
                    props=props)
    assert caught.value.errors[0]["field"] == field
    assert graph.read(count, tenant=tenant) == before
