"""Stage rules on hand-worked cases: mostly in place, the stage suggestion (cumulative,
benchmarks gate the move on), time in stage against the typical durations, and the life
of a self-assessment."""
from __future__ import annotations

import pytest

from domain.rubric import cell_items
from domain.stages import (
    is_editable,
    mostly_in_place,
    next_assessment_status,
    stage_histories,
    suggest_stage,
    suggest_stages,
    time_in_stage,
    validate_benchmarks,
    validate_evidence,
    validate_rating,
)
from graph.errors import Invalid
from graph.model import BENCHMARKS, Stage

FE = "family_engagement"
PLANNING_BM = list(BENCHMARKS[Stage.PLANNING])
EARLY_BM = list(BENCHMARKS[Stage.EARLY_IMPLEMENTATION])
FULL_BM = list(BENCHMARKS[Stage.FULL_IMPLEMENTATION])


def rate(stage: Stage, in_place: int, partly: int = 0, component: str = FE) -> dict[str, str]:
    """The first `in_place` items of the cell in place, the next `partly` partly, the rest
    not yet."""
    keys = [item.key for item in cell_items(component=component, stage=stage)]
    ratings = ["in_place"] * in_place + ["partly"] * partly
    ratings += ["not_yet"] * (len(keys) - len(ratings))
    return dict(zip(keys, ratings, strict=True))


@pytest.mark.parametrize("in_place, partly, not_yet, expected", [
    (5, 0, 0, True),
    (4, 1, 0, True),      # 4/5 ≥ 2/3
    (3, 2, 0, False),     # 3/5 < 2/3
    (4, 0, 1, False),     # one not yet spoils it
    (2, 1, 0, True),      # a three-item cell: 2/3 exactly
    (0, 0, 0, False),     # an empty cell is not in place
])
def test_mostly_in_place(in_place, partly, not_yet, expected):
    assert mostly_in_place(in_place=in_place, partly=partly, not_yet=not_yet) is expected


def test_nothing_rated_suggests_planning_with_nothing_reached():
    suggestion = suggest_stage(component=FE, ratings={}, benchmarks=[])
    assert suggestion.stage == Stage.PLANNING
    assert [c.reached for c in suggestion.cells] == [False] * 4
    assert suggestion.cells[0].not_yet == 5


def test_early_implementation_in_place_but_planning_benchmarks_missing_stays_in_planning():
    ratings = {**rate(Stage.PLANNING, 5), **rate(Stage.EARLY_IMPLEMENTATION, 5)}
    suggestion = suggest_stage(component=FE, ratings=ratings, benchmarks=PLANNING_BM[:3])
    assert suggestion.stage == Stage.PLANNING
    assert suggestion.cells[0].reached and not suggestion.cells[0].benchmarks_met
    assert suggestion.cells[1].mostly_in_place and not suggestion.cells[1].reached


def test_early_implementation_once_planning_benchmarks_are_met():
    ratings = {**rate(Stage.PLANNING, 5), **rate(Stage.EARLY_IMPLEMENTATION, 4, 1)}
    suggestion = suggest_stage(component=FE, ratings=ratings, benchmarks=PLANNING_BM)
    assert suggestion.stage == Stage.EARLY_IMPLEMENTATION
    assert not suggestion.cells[1].benchmarks_met  # its own benchmarks are still to come


def test_stages_are_cumulative_a_gap_below_caps_the_suggestion():
    # full implementation's conditions in place and every benchmark met, but one early
    # implementation item is not yet: early implementation is not reached, so neither is full
    ratings = {**rate(Stage.PLANNING, 5), **rate(Stage.EARLY_IMPLEMENTATION, 4, 0),
               **rate(Stage.FULL_IMPLEMENTATION, 5)}
    suggestion = suggest_stage(component=FE, ratings=ratings,
                               benchmarks=PLANNING_BM + EARLY_BM + FULL_BM)
    assert suggestion.stage == Stage.PLANNING
    assert suggestion.cells[2].mostly_in_place and not suggestion.cells[2].reached


def test_optimization_needs_every_earlier_benchmark():
    ratings = {k: v for stage in Stage for k, v in rate(stage, 5).items()}
    everything = PLANNING_BM + EARLY_BM + FULL_BM
    assert suggest_stage(component=FE, ratings=ratings,
                         benchmarks=everything).stage == Stage.OPTIMIZATION
    assert suggest_stage(component=FE, ratings=ratings,
                         benchmarks=everything[:-1]).stage == Stage.FULL_IMPLEMENTATION


def test_ratings_of_another_component_do_not_count():
    other = {k: v for stage in Stage for k, v in rate(stage, 5, component="partnerships").items()}
    suggestion = suggest_stage(component=FE, ratings=other, benchmarks=PLANNING_BM)
    assert suggestion.cells[0].in_place == 0 and not suggestion.cells[0].reached


@pytest.mark.parametrize("history, year, stage, since, years, overstay", [
    ({2020: "planning"}, 2020, Stage.PLANNING, 2020, 1, 0),
    ({2020: "planning", 2021: "planning"}, 2022, Stage.PLANNING, 2020, 3, 1),  # 3 > 2
    ({2020: "planning", 2022: "early_implementation"}, 2023,
     Stage.EARLY_IMPLEMENTATION, 2022, 2, 0),
    ({2019: "early_implementation", 2020: "full_implementation", 2028: "full_implementation"},
     2030, Stage.FULL_IMPLEMENTATION, 2020, 11, 0),            # no upper bound
    ({2020: "optimization", 2021: "full_implementation", 2022: "optimization"}, 2024,
     Stage.OPTIMIZATION, 2022, 3, 0),                          # a move back starts a new run
    ({2020: "planning", 2025: "early_implementation"}, 2023, Stage.PLANNING, 2020, 4, 2),
])
def test_time_in_stage(history, year, stage, since, years, overstay):
    found = time_in_stage(history=history, year=year)
    assert (found.stage, found.since, found.years, found.overstay) == (
        stage, since, years, overstay)


def test_time_in_stage_without_history_is_none():
    assert time_in_stage(history={2025: "planning"}, year=2024) is None


def test_assessment_life():
    assert next_assessment_status(current="draft", action="submit") == "submitted"
    assert next_assessment_status(current="submitted", action="return") == "returned"
    assert next_assessment_status(current="submitted", action="accept") == "accepted"
    assert is_editable("draft") and not is_editable("submitted")
    for current, action in (("draft", "accept"), ("returned", "submit"),
                            ("accepted", "return"), ("returned", "accept")):
        with pytest.raises(Invalid) as caught:
            next_assessment_status(current=current, action=action)
        assert caught.value.errors == [{"field": "status", "value": current, "reason":
                                        caught.value.errors[0]["reason"]}]
    with pytest.raises(Invalid, match="action"):
        next_assessment_status(current="draft", action="publish")


def test_a_rating_for_an_item_of_another_component_is_refused_naming_the_item():
    validate_rating(item="fe-2-3", component=FE, rating="partly")
    with pytest.raises(Invalid) as caught:
        validate_rating(item="pa-2-3", component=FE, rating="partly")
    assert caught.value.errors[0]["field"] == "item"
    assert caught.value.errors[0]["value"] == "pa-2-3"
    assert "belongs to partnerships" in caught.value.message
    with pytest.raises(Invalid, match="no such rubric item"):
        validate_rating(item="fe-9-9", component=FE, rating="partly")
    with pytest.raises(Invalid, match="rating"):
        validate_rating(item="fe-2-3", component=FE, rating="mostly")


def test_unknown_benchmarks_are_refused():
    validate_benchmarks(benchmarks=["funding", "next_plan"])
    with pytest.raises(Invalid, match="benchmarks: not a benchmark"):
        validate_benchmarks(benchmarks=["funding", "world_peace"])


def test_all_five_suggestions_from_one_assessment():
    ratings = {**rate(Stage.PLANNING, 5), **rate(Stage.PLANNING, 2, component="partnerships")}
    found = suggest_stages(ratings=ratings, benchmarks=PLANNING_BM)
    assert set(found) == {"diversity_equity", "enrollment_management",
                          "curriculum_instruction", "family_engagement", "partnerships"}
    assert found[FE].cells[0].reached and not found["partnerships"].cells[0].reached


def test_stage_histories_feed_time_in_stage():
    rows = [{"year": 2021, "component": FE, "stage": "planning"},
            {"year": 2022, "component": FE, "stage": "early_implementation"},
            {"year": 2022, "component": "partnerships", "stage": "planning"}]
    histories = stage_histories(assessed=rows)
    assert histories == {FE: {2021: "planning", 2022: "early_implementation"},
                         "partnerships": {2022: "planning"}}
    assert time_in_stage(history=histories[FE], year=2024).years == 3
    assert time_in_stage(history=histories[FE], year=2024).overstay == 1


def test_evidence_and_links():
    validate_evidence(evidence="Minutes of the 3 May meeting", link="https://example.org/m")
    validate_evidence(evidence=None, link=None)
    for link in ("javascript:alert(1)", "example.org", "https://a b", 7):
        with pytest.raises(Invalid) as caught:
            validate_evidence(evidence=None, link=link)
        assert caught.value.errors[0]["field"] == "link"
    with pytest.raises(Invalid, match="evidence"):
        validate_evidence(evidence="x" * 2001, link=None)
