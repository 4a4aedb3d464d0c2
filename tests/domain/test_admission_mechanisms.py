"""Hand-worked admissions: Boston against deferred acceptance, reserves, lottery ties."""
from __future__ import annotations

import numpy as np
import pytest

from domain.admission import points as pt
from domain.admission.measures import Reserve, Scenario
from domain.admission.mechanisms import (
    BOSTON,
    DEFERRED_ACCEPTANCE,
    assign,
    boston,
    deferred_acceptance,
)
from domain.admission.reference import solve_with_matching
from tests.domain.helpers import applicants, assignment, market, schools, schools_of

BOTH = (BOSTON, DEFERRED_ACCEPTANCE)

# The textbook case (Abdulkadiroğlu and Sönmez 2003, Ergin and Sönmez 2006): three pupils,
# three schools of one place.  Priorities, written as points of each application:
#   school 0: pupil 0 > pupil 2 > pupil 1     school 1: pupil 1 > pupil 0 > pupil 2
#   school 2: pupil 2 > pupil 0 > pupil 1
TEXTBOOK_PREFS = [[1, 0, 2], [0, 1, 2], [0, 1, 2]]
TEXTBOOK_POINTS = [[2, 3, 2], [1, 3, 1], [2, 1, 3]]


def textbook():
    return applicants(TEXTBOOK_PREFS, points=TEXTBOOK_POINTS), schools([1, 1, 1])


def test_boston_admits_for_good_in_the_first_round_and_pupil_1_falls_to_its_last_choice():
    # Round 1: school 1 takes pupil 0 (alone), school 0 takes pupil 2 over pupil 1.
    # Round 2: pupil 1 asks school 1, already full.  Round 3: school 2.
    assert assignment(*textbook(), mechanism=BOSTON) == [1, 2, 0]


def test_deferred_acceptance_gives_each_pupil_its_highest_priority_school():
    # 0→1, 1→0, 2→0; school 0 keeps 2, refuses 1; 1→1 displaces 0; 0→0 displaces 2;
    # 2→1 refused; 2→2.
    assert assignment(*textbook(), mechanism=DEFERRED_ACCEPTANCE) == [0, 1, 2]


def test_boston_leaves_a_pupil_with_justified_envy_and_deferred_acceptance_does_not():
    # Under Boston pupil 1 prefers school 1 to its place and outranks pupil 0 there.
    boston = assignment(*textbook(), mechanism=BOSTON)
    assert boston[1] == 2 and boston[0] == 1
    assert TEXTBOOK_POINTS[1][1] > TEXTBOOK_POINTS[0][0]
    da = assignment(*textbook(), mechanism=DEFERRED_ACCEPTANCE)
    assert da[1] == 1


def test_the_matching_package_finds_the_same_deferred_acceptance_matching():
    m = market(*textbook())
    assert solve_with_matching(m).tolist() == assign(m, mechanism=DEFERRED_ACCEPTANCE).tolist()


def test_the_matching_package_has_no_reserved_places():
    people, places = textbook()
    m = market(people, places, scenario=Scenario(reserve=Reserve(group="nese", places=1)))
    with pytest.raises(ValueError, match="reserved must be 0"):
        solve_with_matching(m)


@pytest.mark.parametrize("mechanism", BOTH)
def test_ties_are_broken_by_the_lottery_and_either_pupil_can_win(mechanism):
    people, places = applicants([[0], [0]]), schools([1])
    winners = set()
    for seed in range(40):
        order = pt.lottery_order(applicants=2, rng=np.random.default_rng(seed))
        got = assignment(people, places, mechanism=mechanism, seed=seed)
        first = int(np.argmin(order))
        assert got[first] == 0 and got[1 - first] == -1
        winners.add(first)
    assert winners == {0, 1}


@pytest.mark.parametrize("mechanism", BOTH)
def test_points_come_before_the_lottery(mechanism):
    people = applicants([[0], [0]], disadvantaged=[False, True])
    for seed in range(20):
        assert assignment(people, schools([1]), mechanism=mechanism, seed=seed) == [-1, 0]


@pytest.mark.parametrize("mechanism", BOTH)
def test_a_reserved_place_goes_to_a_nese_pupil_with_fewer_points(mechanism):
    # School 0: 2 places, 1 for NESE.  Pupil 0 (50) takes the open place; pupil 2 (NESE, 0)
    # the reserved one; pupil 1 (30) goes to school 1.  Without the reserve 0 and 1 get in.
    people = applicants([[0, 1], [0, 1], [0, 1]], points=[[50, 50], [30, 30], [0, 0]],
                        nese=[False, False, True])
    places = schools([2, 5])
    reserve = Scenario(mechanism=mechanism, reserve=Reserve(group="nese", places=1))
    assert assignment(people, places, mechanism=mechanism, scenario=reserve) == [0, 1, 0]
    assert assignment(people, places, mechanism=mechanism) == [0, 0, 1]


@pytest.mark.parametrize("mechanism", BOTH)
def test_open_places_are_filled_first_so_a_strong_nese_pupil_spares_the_reserve(mechanism):
    # Pupil 0 (NESE, 50) wins the open place on points; the reserved place still goes to
    # pupil 1 (NESE, 0), so pupil 2 (30, not NESE) is left out of school 0.
    people = applicants([[0, 1], [0, 1], [0, 1]], points=[[50, 50], [0, 0], [30, 30]],
                        nese=[True, True, False])
    reserve = Scenario(mechanism=mechanism, reserve=Reserve(group="nese", places=1))
    assert assignment(people, schools([2, 5]), mechanism=mechanism,
                      scenario=reserve) == [0, 0, 1]


@pytest.mark.parametrize("mechanism", BOTH)
def test_an_unused_reserved_place_is_released_to_those_still_unassigned_at_the_end(mechanism):
    # School 0: 2 places, 1 kept for NESE; no NESE pupil applies.  School 1: 1 place.
    # During the process school 0 admits only pupil 0; pupil 1 (20) ends at school 1 and
    # pupil 2 (10), who listed only school 0, is unassigned.  The release pass then gives
    # pupil 2 the unused reserved place; pupil 1 keeps school 1.
    people = applicants([[0], [0, 1], [0]], points=[[30], [20, 20], [10]])
    places = schools([2, 1])
    reserve = Scenario(mechanism=mechanism, reserve=Reserve(group="nese", places={0: 1}))
    assert assignment(people, places, mechanism=mechanism, scenario=reserve) == [0, 1, 0]
    m = market(people, places, scenario=reserve)
    run = boston if mechanism == BOSTON else deferred_acceptance
    before_release = run(m, taking_part=np.ones(3, dtype=bool), places=m.places,
                         reserved=m.reserved)
    assert schools_of(m, before_release) == [0, 1, -1]


@pytest.mark.parametrize("mechanism", BOTH)
def test_a_reserve_for_the_disadvantaged_keeps_places_for_that_group(mechanism):
    people = applicants([[0], [0], [0]], points=[[50], [40], [0]],
                        disadvantaged=[False, False, True])
    reserve = Scenario(mechanism=mechanism, reserve=Reserve(group="disadvantaged", places=1))
    assert assignment(people, schools([2]), mechanism=mechanism, scenario=reserve) == [0, -1, 0]


def test_a_reserve_is_capped_at_the_places_of_the_school():
    people = applicants([[0], [0]], nese=[True, False])
    m = market(people, schools([1]), scenario=Scenario(reserve=Reserve(group="nese", places=3)))
    assert m.reserved.tolist() == [1]
