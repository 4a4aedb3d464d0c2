"""The simulator end to end: points sources, measures, aggregates, indices, validation."""
from __future__ import annotations

import numpy as np
import pytest

from domain import indices
from domain.admission import points as pt
from domain.admission.measures import PlacesChange, Reserve, Scenario, ZoneChange
from domain.admission.mechanisms import BOSTON, DEFERRED_ACCEPTANCE
from domain.admission.problem import make_applicants, make_schools, serves_from_pairs
from domain.admission.simulate import simulate
from tests.domain.helpers import applicants, assignment, schools
from tests.domain.test_admission_mechanisms import textbook


def test_derived_points_follow_the_catalan_scheme():
    rules = pt.PointRules()
    got = pt.derived_points(rules=rules, sibling=np.array([True, False, False, True]),
                            proximity=np.array([True, True, False, False]),
                            disadvantaged=np.array([True, False, True, False]))
    assert got.tolist() == [95.0, 30.0, 15.0, 50.0]
    assert (rules.sibling, rules.proximity, rules.socioeconomic) == (50, 30, 15)


def test_the_source_of_the_points_is_reported():
    prefs = [[0], [0]]
    derived = simulate(applicants=applicants(prefs), schools=schools([1]), draws=2)
    given = simulate(applicants=applicants(prefs, points=[[10], [20]]), schools=schools([1]),
                     draws=2)
    mixed = simulate(applicants=applicants(prefs, points=[[10], [np.nan]]),
                     schools=schools([1]), draws=2)
    assert (derived.point_source, given.point_source, mixed.point_source) == (
        pt.DERIVED, pt.APPLICATIONS, pt.MIXED)
    # Supplied points decide: pupil 1 (20) always wins the place.
    assert given.tally.first.tolist() == [[1, 0, 0, 0]] * 2
    assert assignment(applicants(prefs, points=[[10], [20]]), schools([1]),
                      mechanism=BOSTON) == [-1, 0]


@pytest.mark.parametrize("supplied", [None, [[30], [0]]])
def test_a_zone_change_moves_proximity_points_derived_or_supplied(supplied):
    # Pupil 0 lives in zone 0, which school 0 serves; pupil 1 in zone 1, which it does not.
    people = applicants([[0], [0]], zone=[0, 1], points=supplied)
    places = schools([1], zones=2, serves=[[0]])
    assert assignment(people, places, mechanism=BOSTON) == [0, -1]
    swap = Scenario(zones=ZoneChange(add=((0, 1),), remove=((0, 0),)))
    assert assignment(people, places, mechanism=BOSTON, scenario=swap) == [-1, 0]


def test_a_sibling_at_the_school_outweighs_proximity():
    people = applicants([[0], [0]], zone=[0, 1], sibling=[[False], [True]])
    places = schools([1], zones=2, serves=[[0]])
    assert assignment(people, places, mechanism=DEFERRED_ACCEPTANCE) == [-1, 0]


def test_a_change_of_places_admits_more_or_fewer():
    people, places = applicants([[0], [0], [0]]), schools([2])
    base = simulate(applicants=people, schools=places, draws=5)
    extra = simulate(applicants=people, schools=places, draws=5,
                     scenario=Scenario(places=PlacesChange(delta={0: 1})))
    fewer = simulate(applicants=people, schools=places, draws=5,
                     scenario=Scenario(places=PlacesChange(delta={0: -2})))
    assert (base.unassigned.mean, extra.unassigned.mean, fewer.unassigned.mean) == (1, 0, 3)


def test_a_change_of_mechanism_changes_who_gets_a_first_choice():
    people, places = textbook()
    boston = simulate(applicants=people, schools=places, draws=3)
    da = simulate(applicants=people, schools=places, draws=3,
                  scenario=Scenario(mechanism=DEFERRED_ACCEPTANCE))
    assert (boston.mechanism, da.mechanism) == (BOSTON, DEFERRED_ACCEPTANCE)
    # Boston: pupils 0 and 2 get their first school; DA: everyone gets their second or third.
    assert boston.first_choice["all"].mean == pytest.approx(2 / 3)
    assert da.first_choice["all"].mean == 0.0
    assert boston.any_choice["all"].mean == da.any_choice["all"].mean == 1.0


def test_aggregates_by_group_and_the_indices_come_from_domain_indices():
    # Two schools of 2 places; NESE pupils 0 and 1 both win school 0 on points.
    people = applicants([[0, 1], [0, 1], [0, 1], [0, 1]], points=[[9, 0], [9, 0], [0, 0],
                        [0, 0]], nese=[True, True, False, False],
                        migrant=[True, False, False, False])
    result = simulate(applicants=people, schools=schools([2, 2]), draws=4, seed=3)
    assert result.intake["nese"].mean.tolist() == [2.0, 0.0]
    assert result.intake["total"].low.tolist() == result.intake["total"].high.tolist() == [2, 2]
    assert result.applicants == {"all": 4, "nese": 2, "disadvantaged": 0, "migrant": 1}
    assert result.first_choice["nese"].mean == 1.0
    assert result.first_choice["all"].mean == 0.5
    assert result.first_choice["disadvantaged"].reason == "no applicants in group"
    expected = indices.segregation(a=[2, 0], b=[0, 2])
    d = result.segregation["nese"]["D"]
    assert (d.mean, d.low, d.high, d.defined) == (expected.D, expected.D, expected.D, 4)
    assert result.segregation["nese"]["xPx"].mean == expected.xPx
    assert result.segregation["disadvantaged"]["D"].reason == indices.NO_MEMBERS
    m = indices.mutual_information(counts=[[1, 0, 1], [0, 0, 2]])
    assert result.M.mean == pytest.approx(m.M)


def test_the_interval_spans_the_draws():
    # One place, two equal pupils: each draw admits one of them, so a group of one wins
    # about half the time and the 90% interval covers 0 to 1.
    people = applicants([[0], [0]], nese=[True, False])
    result = simulate(applicants=people, schools=schools([1]), draws=60, seed=5)
    est = result.first_choice["nese"]
    assert (est.low, est.high) == (0.0, 1.0)
    assert 0.25 < est.mean < 0.75
    assert result.unassigned.mean == 1.0


def test_a_reserve_at_the_school_nese_pupils_cannot_reach_on_points_lowers_their_d():
    # 40 pupils near school 0 (20 places) and 12 NESE pupils near school 1 (40 places); all
    # want school 0.  Proximity fills school 0 with the others: NESE D = 0.5.  Reserving 8
    # places there for NESE gives a = [8, 4], b = [12, 28]: D = 11/30.
    people = applicants([[0, 1]] * 52, nese=[False] * 40 + [True] * 12, zone=[0] * 40 + [1] * 12)
    places = schools([20, 40], zones=2, serves=[[0], [1]])
    base = simulate(applicants=people, schools=places, draws=5)
    reserve = simulate(applicants=people, schools=places, draws=5,
                       scenario=Scenario(reserve=Reserve(group="nese", places={0: 8})))
    assert base.segregation["nese"]["D"].mean == pytest.approx(0.5)
    assert reserve.intake["nese"].mean.tolist() == [8.0, 4.0]
    assert reserve.segregation["nese"]["D"].mean == pytest.approx(11 / 30)


def test_an_applicant_without_choices_stays_unassigned():
    result = simulate(applicants=applicants([[], [0]]), schools=schools([3]), draws=2)
    assert result.unassigned.mean == 1.0
    assert result.any_choice["all"].mean == 0.5


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"choices": [[0, -1, 1]]}, "row 0 has a school after a -1"),
    ({"choices": [[1, 1]]}, "row 0 names a school twice"),
    ({"choices": [[-2]]}, "choices must hold school rows or -1"),
    ({"choices": [[0.5]]}, "choices must be a 2-D integer array"),
    ({"nese": [1]}, "nese must be a boolean array"),
    ({"home_zone": [-1]}, "home_zone must be a zone row"),
    ({"points": [[1, 2]]}, "points must have the shape of choices"),
    ({"sibling": [[1]]}, "sibling must be a boolean matrix"),
])
def test_bad_applicants_name_the_field(kwargs, message):
    base = {"choices": [[0]], "home_zone": [0], "nese": [False], "disadvantaged": [False],
            "migrant": [False]}
    with pytest.raises(ValueError, match=message):
        make_applicants(**{k: np.asarray(v) for k, v in (base | kwargs).items()})


def test_bad_schools_and_scenarios_name_the_field():
    with pytest.raises(ValueError, match="places must be >= 0"):
        make_schools(places=np.array([-1]), serves=np.zeros((1, 1), dtype=bool))
    with pytest.raises(ValueError, match="serves must be a boolean matrix"):
        make_schools(places=np.array([1]), serves=np.zeros((2, 1), dtype=bool))
    with pytest.raises(ValueError, match="zone names row 3"):
        serves_from_pairs(school=[0], zone=[3], schools=1, zones=2)
    with pytest.raises(ValueError, match="Scenario.mechanism"):
        Scenario(mechanism="lottery")
    with pytest.raises(ValueError, match="Reserve.group"):
        Reserve(group="migrant", places=1)
    with pytest.raises(ValueError, match="Reserve.places"):
        Reserve(group="nese", places=-1)
    with pytest.raises(ValueError, match="PointRules.proximity"):
        pt.PointRules(proximity=-5)


def test_inputs_that_do_not_fit_together_are_refused():
    people = applicants([[2]])
    with pytest.raises(ValueError, match="choices names row 2"):
        simulate(applicants=people, schools=schools([1, 1]))
    with pytest.raises(ValueError, match="home_zone names row 1"):
        simulate(applicants=applicants([[0]], zone=[1]), schools=schools([1]))
    with pytest.raises(ValueError, match="PlacesChange.delta leaves school 0 with -1"):
        simulate(applicants=applicants([[0]]), schools=schools([1]),
                 scenario=Scenario(places=PlacesChange(delta={0: -2})))
    with pytest.raises(ValueError, match="ZoneChange names school 4"):
        simulate(applicants=applicants([[0]]), schools=schools([1]),
                 scenario=Scenario(zones=ZoneChange(add=((4, 0),))))
    with pytest.raises(ValueError, match="draws must be a positive integer"):
        simulate(applicants=applicants([[0]]), schools=schools([1]), draws=0)


def test_serves_from_pairs_builds_the_proximity_matrix():
    grid = serves_from_pairs(school=[0, 1, 1], zone=[1, 0, 2], schools=2, zones=3)
    assert grid.tolist() == [[False, True, False], [True, False, True]]
