"""Plan, budget and ownership rules on hand-worked cases; each refusal names its field."""
from __future__ import annotations

import pytest

from domain.planning import (
    is_overdue,
    plan_years,
    sustainability_share,
    validate_action,
    validate_action_status,
    validate_action_years,
    validate_budget_line,
    validate_live_alliance,
    validate_new_plan,
    validate_own_objectives,
)
from graph.errors import Invalid


def refused(fn, **kwargs) -> dict:
    """The single error of the Invalid `fn` raises."""
    with pytest.raises(Invalid) as caught:
        fn(**kwargs)
    assert len(caught.value.errors) == 1
    return caught.value.errors[0]


def test_a_plan_covers_seven_school_years():
    assert list(plan_years(first_year=2020)) == list(range(2020, 2027))


def test_actions_stay_within_the_plan():
    validate_action_years(first_year=2020, last_year=2026, plan_first_year=2020)
    assert refused(validate_action_years, first_year=2019, last_year=2021,
                   plan_first_year=2020)["field"] == "first_year"
    error = refused(validate_action_years, first_year=2024, last_year=2027,
                    plan_first_year=2020)
    assert error == {"field": "last_year", "value": 2027,
                     "reason": "outside the plan's years: the plan runs 2020–2026"}
    assert refused(validate_action_years, first_year=2023, last_year=2022,
                   plan_first_year=2020)["field"] == "last_year"


def test_a_dropped_action_needs_a_reason():
    validate_action_status(status="dropped", drop_reason="partner left")
    assert refused(validate_action_status, status="dropped",
                   drop_reason=" ")["field"] == "drop_reason"
    assert refused(validate_action_status, status="paused", drop_reason=None)["field"] == "status"


@pytest.mark.parametrize("status, last_year, year, overdue", [
    ("planned", 2022, 2023, True),
    ("in_progress", 2022, 2023, True),
    ("in_progress", 2023, 2023, False),   # its last year is not over
    ("done", 2020, 2023, False),
    ("dropped", 2020, 2023, False),
])
def test_overdue(status, last_year, year, overdue):
    assert is_overdue(status=status, last_year=last_year, year=year) is overdue


def test_a_plan_for_an_archived_alliance_is_refused():
    assert refused(validate_new_plan, alliance="a-1", alliance_status="archived",
                   first_year=2020) == {
        "field": "alliance", "value": "a-1", "reason": "the alliance is archived"}
    validate_live_alliance(alliance="a-1", alliance_status="ended")


def test_a_new_plan_follows_the_old_one_unless_the_next_plan_benchmark_is_met():
    live = {"alliance": "a", "alliance_status": "active"}
    validate_new_plan(**live, first_year=2020)
    validate_new_plan(**live, first_year=2027, previous_first_year=2020)
    assert refused(validate_new_plan, **live, first_year=2025,
                   previous_first_year=2020)["field"] == "first_year"
    validate_new_plan(**live, first_year=2025, previous_first_year=2020, next_plan_met=True)
    assert refused(validate_new_plan, **live, first_year=2020, previous_first_year=2020,
                   next_plan_met=True)["field"] == "first_year"


def test_outcomes_and_actions_point_only_to_their_own_alliance_objectives():
    validate_own_objectives(alliance="a-1", owners={"o-1": "a-1", "o-2": "a-1"})
    assert refused(validate_own_objectives, alliance="a-1",
                   owners={"o-1": "a-1", "o-9": "a-2"}) == {
        "field": "objectives", "value": "o-9",
        "reason": "the objective belongs to another alliance (a-2)"}
    assert refused(validate_own_objectives, alliance="a-1", owners={"o-x": None},
                   field="outcome_objectives")["field"] == "outcome_objectives"


def test_budget_lines():
    validate_budget_line(planned=1000, secured=800, spent=1000)
    validate_budget_line(planned=1000, secured=1000, spent=1200, overspend=True,
                         overspend_reason="extra training day")
    error = refused(validate_budget_line, planned=1000, secured=1000, spent=1200)
    assert error["field"] == "spent" and error["value"] == 1200
    assert refused(validate_budget_line, planned=1000, secured=1000, spent=1200,
                   overspend=True, overspend_reason="")["field"] == "spent"
    assert refused(validate_budget_line, planned=-1, secured=0, spent=0)["field"] == "planned"


def test_the_sustainability_share_of_next_year():
    lines = [
        {"year": 2025, "source": "foundation_endowment", "planned": 6000, "secured": 6000},
        {"year": 2025, "source": "municipality", "planned": 3000, "secured": 1500},
        {"year": 2025, "source": "partner_in_kind", "planned": 1000, "secured": 1400},
        {"year": 2024, "source": "school", "planned": 9999, "secured": 0},
    ]
    share = sustainability_share(lines=lines, year=2025)
    # 6000 + 1500 + min(1400, 1000) = 8500 of 10000: the in-kind surplus does not cover
    # the municipality's gap
    assert (share.planned, share.secured, share.share) == (10000, 8500, 0.85)
    empty = sustainability_share(lines=lines, year=2026)
    assert (empty.share, empty.reason) == (None, "no budget planned for 2026")


ACTION = {"action": "open-day", "title": "Open day with the museum", "component": "partnerships",
          "elements": ["communication", "theme_integration", "communication"],
          "stage": "early_implementation", "first_year": 2021, "last_year": 2022,
          "owner": "partner", "status": "planned", "objectives": ["o-2", "o-1"]}


def test_a_plan_action_is_checked_and_normalised():
    props = validate_action(action=ACTION, plan_first_year=2020)
    assert props["elements"] == ["communication", "theme_integration"]
    assert props["objectives"] == ["o-1", "o-2"]
    assert (props["budget_planned"], props["budget_spent"]) == (0.0, 0.0)


@pytest.mark.parametrize("change, field", [
    ({"action": "a:b"}, "action"),
    ({"title": ""}, "title"),
    ({"component": "sports"}, "component"),
    ({"elements": []}, "elements"),
    ({"elements": ["charisma"]}, "elements"),
    ({"stage": "done"}, "stage"),
    ({"owner": "parents"}, "owner"),
    ({"last_year": 2027}, "last_year"),
    ({"first_year": "2021"}, "first_year"),
    ({"status": "dropped"}, "drop_reason"),
    ({"budget_spent": -5}, "budget_spent"),
    ({"colour": "red"}, "colour"),
])
def test_a_bad_plan_action_is_refused_naming_the_field(change, field):
    assert refused(validate_action, action={**ACTION, **change},
                   plan_first_year=2020)["field"] == field
