"""The objective-status rule on hand-worked cases, and the checks of an objective's definition.

The worked objective: demand ratio from 0.60 in 2020 to 1.00 in 2024 (increase), so the
straight line is 0.60, 0.70, 0.80, 0.90, 1.00 and the tolerance band 10% × 0.40 = 0.04.
"""
from __future__ import annotations

import pytest

from domain.objectives import (
    default_baseline_year,
    expected_value,
    objective_status,
    stage_value,
    validate_baseline_override,
    validate_objective,
)
from graph.errors import Invalid

DEMAND = {"baseline_year": 2020, "baseline": 0.60, "target_year": 2024, "target": 1.00,
          "direction": "increase"}
# composition gap from 20 points in 2020 down to 8 in 2026: line 20, 18, 16, 14, …; band 1.2
GAP = {"baseline_year": 2020, "baseline": 20.0, "target_year": 2026, "target": 8.0,
       "direction": "decrease"}


def test_the_straight_line():
    assert expected_value(**{k: DEMAND[k] for k in ("baseline_year", "baseline",
                                                    "target_year", "target")},
                          year=2022) == pytest.approx(0.80)


@pytest.mark.parametrize("objective, year, value, status, expected", [
    (DEMAND, 2022, 0.80, "on_track", 0.80),     # on the line
    (DEMAND, 2022, 0.77, "on_track", 0.80),     # 0.03 below, within the 0.04 band
    (DEMAND, 2022, 0.75, "at_risk", 0.80),      # 0.05 below
    (DEMAND, 2021, 1.05, "met", 1.00),          # met early
    (DEMAND, 2024, 1.00, "met", 1.00),          # met exactly on the target year
    (DEMAND, 2024, 0.99, "missed", 1.00),
    (DEMAND, 2025, 0.95, "missed", 1.00),       # after the target year, still short
    (DEMAND, 2020, 0.58, "on_track", 0.60),     # the baseline year, within the band
    (GAP, 2023, 14.0, "on_track", 14.0),
    (GAP, 2023, 15.1, "on_track", 14.0),        # 1.1 worse than the line, band 1.2
    (GAP, 2023, 15.3, "at_risk", 14.0),
    (GAP, 2022, 7.5, "met", 8.0),               # lower is better
    (GAP, 2026, 8.5, "missed", 8.0),
])
def test_objective_status(objective, year, value, status, expected):
    reading = objective_status(**objective, year=year, value=value)
    assert reading.status == status
    assert reading.expected == pytest.approx(expected)


@pytest.mark.parametrize("change, reason", [
    ({"value": None}, "no value for 2022"),
    ({"baseline": None}, "no baseline"),
    ({"year": 2019}, "2019 is before the baseline year 2020"),
])
def test_no_data_says_why(change, reason):
    args = {**DEMAND, "year": 2022, "value": 0.8, **change}
    reading = objective_status(**args)
    assert (reading.status, reading.reason) == ("no_data", reason)


def test_the_tolerance_is_an_argument():
    assert objective_status(**DEMAND, year=2022, value=0.77, tolerance=0.0).status == "at_risk"


def test_the_default_baseline_is_the_year_before_the_alliance():
    assert default_baseline_year(alliance_start_year=2020) == 2019


def test_stage_value():
    assert [stage_value(s) for s in ("planning", "early_implementation",
                                     "full_implementation", "optimization")] == [1, 2, 3, 4]


GOOD = {"metric": "group_share", "group": "disadvantaged", "component": None, "unit": None,
        "baseline": 0.45, "baseline_year": 2020, "target": 0.35, "direction": "decrease",
        "target_year": 2025}


@pytest.mark.parametrize("change, field", [
    ({"target_year": 2019}, "target_year"),    # before the baseline
    ({"target_year": 2020}, "target_year"),    # no line in a single year
    ({"metric": "happiness"}, "metric"),
    ({"direction": "sideways"}, "direction"),
    ({"group": None}, "group"),
    ({"metric": "component_stage", "group": None}, "component"),
    ({"metric": "manual", "unit": " "}, "unit"),
    ({"target": 0.50}, "target"),              # a decrease with a target above the baseline
    ({"target": None}, "target"),
    ({"baseline": "0.45"}, "baseline"),
    ({"baseline_year": "2020"}, "baseline_year"),
])
def test_a_bad_objective_is_refused_naming_the_field(change, field):
    validate_objective(**GOOD)
    with pytest.raises(Invalid) as caught:
        validate_objective(**{**GOOD, **change})
    assert caught.value.errors[0]["field"] == field
    assert caught.value.message.startswith(f"{field}: ")


def test_a_target_year_before_the_baseline_names_both_years():
    with pytest.raises(Invalid) as caught:
        validate_objective(**{**GOOD, "target_year": 2018})
    assert caught.value.errors == [{"field": "target_year", "value": 2018,
                                    "reason": "must be after the baseline year 2020"}]


def test_a_baseline_override_needs_a_reason():
    validate_baseline_override(baseline=0.5, reason=None, computed=0.5)
    validate_baseline_override(baseline=0.4, reason="figures corrected", computed=0.5)
    with pytest.raises(Invalid, match="baseline_reason"):
        validate_baseline_override(baseline=0.4, reason="", computed=0.5)
