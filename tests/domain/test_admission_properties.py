"""Properties of the mechanisms on small random markets (Hypothesis)."""
from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.admission.measures import Reserve, Scenario
from domain.admission.mechanisms import BOSTON, DEFERRED_ACCEPTANCE, Market, assign
from domain.admission.reference import solve_with_matching
from domain.admission.simulate import simulate
from tests.domain.helpers import applicants, market, schools, schools_of

FEW = settings(max_examples=40, deadline=None)


@st.composite
def markets(draw, *, max_pupils: int = 6, max_schools: int = 4):
    """Pupils with ranked lists, per-application points (school-specific priorities),
    NESE flags, places per school and a lottery seed."""
    s = draw(st.integers(1, max_schools))
    n = draw(st.integers(1, max_pupils))
    prefs = [list(draw(st.permutations(range(s))))[:draw(st.integers(0, s))] for _ in range(n)]
    points = [[draw(st.integers(0, 2)) for _ in row] for row in prefs]
    nese = [draw(st.booleans()) for _ in range(n)]
    places = [draw(st.integers(0, 3)) for _ in range(s)]
    seed = draw(st.integers(0, 2**16))
    return applicants(prefs, points=points, nese=nese), schools(places), seed


def school_rank(m: Market, pupil: int, school: int) -> int | None:
    """The position of ``school`` in the pupil's list, or None."""
    apps = range(m.flat.start[pupil], m.flat.start[pupil] + m.flat.length[pupil])
    return next((m.flat.rank[a] for a in apps if m.flat.school[a] == school), None)


def key_at(m: Market, pupil: int, school: int) -> int:
    apps = range(m.flat.start[pupil], m.flat.start[pupil] + m.flat.length[pupil])
    return next(int(m.key[a]) for a in apps if m.flat.school[a] == school)


def blocking_pairs(m: Market, matched: list[int]) -> list[tuple[int, int]]:
    """(pupil, school) pairs where the pupil prefers the school and it has room or
    holds someone of lower priority."""
    n, pairs = m.flat.length.size, []
    for i in range(n):
        mine = school_rank(m, i, matched[i]) if matched[i] >= 0 else m.flat.length[i]
        for a in range(m.flat.start[i], m.flat.start[i] + mine):
            s = int(m.flat.school[a])
            holders = [j for j in range(n) if matched[j] == s]
            if len(holders) < m.places[s] or any(key_at(m, j, s) > m.key[a] for j in holders):
                pairs.append((i, s))
    return pairs


def stable_matchings(m: Market):
    """Every stable matching, by brute force over each pupil's list plus 'unassigned'."""
    n = m.flat.length.size
    options = [[-1] + [int(m.flat.school[a]) for a in range(m.flat.start[i],
                m.flat.start[i] + m.flat.length[i])] for i in range(n)]
    for matched in itertools.product(*options):
        counts = np.bincount([s for s in matched if s >= 0], minlength=m.places.size)
        if (counts <= m.places).all() and not blocking_pairs(m, list(matched)):
            yield list(matched)


@FEW
@given(markets(max_pupils=5, max_schools=3))
def test_deferred_acceptance_is_stable_and_no_stable_matching_is_better_for_anyone(case):
    people, places, seed = case
    m = market(people, places, seed=seed)
    da = schools_of(m, assign(m, mechanism=DEFERRED_ACCEPTANCE))
    assert blocking_pairs(m, da) == []
    big = 10**6
    mine = [school_rank(m, i, s) if s >= 0 else big for i, s in enumerate(da)]
    stable = list(stable_matchings(m))
    assert da in stable
    for other in stable:
        theirs = [school_rank(m, i, s) if s >= 0 else big for i, s in enumerate(other)]
        assert all(a <= b for a, b in zip(mine, theirs, strict=True))


@FEW
@given(markets(), st.sampled_from((BOSTON, DEFERRED_ACCEPTANCE)), st.integers(0, 3))
def test_nobody_is_admitted_beyond_the_places_even_with_reserves(case, mechanism, reserved):
    people, places, seed = case
    scenario = Scenario(mechanism=mechanism, reserve=Reserve(group="nese", places=reserved))
    m = market(people, places, scenario=scenario, seed=seed)
    admitted = assign(m, mechanism=mechanism)
    got = [s for s in schools_of(m, admitted) if s >= 0]
    assert (np.bincount(got, minlength=m.places.size) <= m.places).all()
    # Each admission is one of the pupil's own applications.
    assert all(m.flat.student[a] == i for i, a in enumerate(admitted) if a >= 0)


@FEW
@given(markets(), st.sampled_from((BOSTON, DEFERRED_ACCEPTANCE)))
def test_a_reserve_of_zero_gives_the_unreserved_result(case, mechanism):
    people, places, seed = case
    plain = simulate(applicants=people, schools=places, draws=3, seed=seed,
                     scenario=Scenario(mechanism=mechanism))
    zero = simulate(applicants=people, schools=places, draws=3, seed=seed,
                    scenario=Scenario(mechanism=mechanism,
                                      reserve=Reserve(group="nese", places=0)))
    for field in ("intake", "first", "any", "unassigned"):
        assert np.array_equal(getattr(plain.tally, field), getattr(zero.tally, field))


@FEW
@given(markets(), st.sampled_from((BOSTON, DEFERRED_ACCEPTANCE)), st.integers(0, 2))
def test_the_same_seed_gives_the_same_result(case, mechanism, reserved):
    people, places, seed = case
    scenario = Scenario(mechanism=mechanism, reserve=Reserve(group="nese", places=reserved))
    runs = [simulate(applicants=people, schools=places, scenario=scenario, draws=4, seed=seed)
            for _ in range(2)]
    for field in ("intake", "first", "any", "unassigned"):
        assert np.array_equal(getattr(runs[0].tally, field), getattr(runs[1].tally, field))
    assert runs[0].first_choice == runs[1].first_choice


@FEW
@given(markets(max_pupils=8, max_schools=4))
def test_deferred_acceptance_equals_the_matching_package(case):
    people, places, seed = case
    m = market(people, places, seed=seed)
    assert solve_with_matching(m).tolist() == assign(m, mechanism=DEFERRED_ACCEPTANCE).tolist()


def test_the_stability_check_sees_the_boston_blocking_pair_of_the_textbook_case():
    from tests.domain.test_admission_mechanisms import textbook
    m = market(*textbook())
    boston = schools_of(m, assign(m, mechanism=BOSTON))
    assert blocking_pairs(m, boston) == [(1, 1)]
    assert boston not in list(stable_matchings(m))
