"""Indicator functions: hand-worked answers, literature cases, invariants and cross-checks."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.indicators.bench import bench_in_memory
from domain import indices as m

from . import reference as ref

TOL = 1e-9


def close(value: float) -> object:
    return pytest.approx(value, abs=TOL, rel=TOL)


def assert_close(value: float | None, expected: float) -> None:
    assert value is not None
    assert value == close(expected)


# --- hand-worked territories -------------------------------------------------


def test_two_school_mirror_territory() -> None:
    # a = [8, 2], b = [2, 8]; A = B = 10.
    # a/A = [.8, .2], b/B = [.2, .8]
    # D   = ½(|.8−.2| + |.2−.8|) = ½(.6 + .6) = .6
    # xPx = .8·(8/10) + .2·(2/10) = .64 + .04 = .68
    # xPy = .8·(2/10) + .2·(8/10) = .16 + .16 = .32
    # H   = 1 − (√(.8·.2) + √(.2·.8)) = 1 − (.4 + .4) = .2
    result = m.segregation(a=[8, 2], b=[2, 8])
    assert_close(result.D, 0.6)
    assert_close(result.xPx, 0.68)
    assert_close(result.xPy, 0.32)
    assert_close(result.H, 0.2)
    assert result.schools == 2
    assert result.reason is None


def test_empty_school_is_skipped() -> None:
    # a = [6, 0, 4, 0], b = [2, 0, 8, 10]; school 2 holds nobody. A = 10, B = 20.
    # a/A = [.6, 0, .4, 0], b/B = [.1, 0, .4, .5]
    # D   = ½(.5 + 0 + 0 + .5) = .5
    # xPx = .6·(6/8) + .4·(4/12) = .45 + 2/15 = 7/12
    # xPy = .6·(2/8) + .4·(8/12) = .15 + 4/15 = 5/12
    # H   = 1 − (√.06 + √.16) = 1 − (√.06 + .4) = .6 − √.06
    result = m.segregation(a=[6, 0, 4, 0], b=[2, 0, 8, 10])
    assert_close(result.D, 0.5)
    assert_close(result.xPx, 7 / 12)
    assert_close(result.xPy, 5 / 12)
    assert_close(result.H, 0.6 - math.sqrt(0.06))
    assert result.schools == 3


def test_mutual_information_mirror_territory() -> None:
    # counts [[8, 2], [2, 8]]: p_i = .5, p_g = .5, p_g|i = (.8, .2) and (.2, .8).
    # L_i = .8 ln(.8/.5) + .2 ln(.2/.5) = .8 ln 1.6 + .2 ln .4
    #     = .8·0.470003629 − .2·0.916290732 = 0.192744757
    # M   = .5 L_1 + .5 L_2 = 0.192744757
    result = m.mutual_information(counts=[[8, 2], [2, 8]])
    local = 0.8 * math.log(1.6) + 0.2 * math.log(0.4)
    assert local == pytest.approx(0.1927447570, abs=1e-10)
    assert_close(result.M, local)
    assert result.local == (close(local), close(local))
    assert result.weights == (0.5, 0.5)
    assert result.reason is None


def test_mutual_information_three_groups_with_empty_school() -> None:
    # counts [[4, 0, 0], [0, 0, 0], [0, 2, 2]]: T = 8, p_i = (.5, 0, .5), p_g = (.5, .25, .25)
    # L_1 = 1·ln(1/.5) = ln 2; L_3 = .5 ln(.5/.25) + .5 ln(.5/.25) = ln 2; school 2: undefined
    # M = .5 ln 2 + .5 ln 2 = ln 2
    result = m.mutual_information(counts=[[4, 0, 0], [0, 0, 0], [0, 2, 2]])
    assert_close(result.M, math.log(2))
    assert result.local == (close(math.log(2)), None, close(math.log(2)))
    assert result.weights == (0.5, 0.0, 0.5)
    assert result.schools == 2


def test_composition_gap_in_percentage_points() -> None:
    # 6/8 − 10/30 = .75 − .3333… = .41666… → 41.666… points
    assert m.composition_gap(a_i=6, t_i=8, A=10, T=30) == m.Value(close(125 / 3))
    # 5/50 − 30/100 = .1 − .3 = −.2 → −20 points
    assert_close(m.composition_gap(a_i=5, t_i=50, A=30, T=100).value, -20.0)
    # equal shares: exactly 0, a true zero, not a stand-in for "unknown"
    assert m.composition_gap(a_i=1, t_i=3, A=10, T=30) == m.Value(0.0, None)


def test_demand_ratio() -> None:
    assert m.demand_ratio(applications=45, places=30) == m.Value(1.5)
    assert m.demand_ratio(applications=0, places=25) == m.Value(0.0)


# --- undefined values --------------------------------------------------------

UNDEFINED_SEGREGATION = [
    ([], [], m.NO_STUDENTS, 0),
    ([0, 0], [0, 0], m.NO_STUDENTS, 0),
    ([0, 0], [5, 7], m.NO_MEMBERS, 2),
    ([3, 4], [0, 0], m.NO_OTHERS, 2),
    ([0], [9], m.NO_MEMBERS, 1),
]


@pytest.mark.parametrize(("a", "b", "reason", "schools"), UNDEFINED_SEGREGATION)
def test_segregation_undefined_everywhere(a: list, b: list, reason: str, schools: int) -> None:
    result = m.segregation(a=a, b=b)
    assert (result.D, result.xPx, result.xPy, result.H) == (None, None, None, None)
    assert result.reason == reason
    assert result.schools == schools


def test_one_school_leaves_only_exposure_defined() -> None:
    # one school with students (the other is empty): D and H have nothing to compare;
    # xPx = 1·(3/10) = .3 (the group's share), xPy = 1·(7/10) = .7
    result = m.segregation(a=[3, 0], b=[7, 0])
    assert result.D is None and result.H is None
    assert_close(result.xPx, 0.3)
    assert_close(result.xPy, 0.7)
    assert result.reason == m.ONE_SCHOOL
    assert result.schools == 1


@pytest.mark.parametrize(
    ("counts", "reason", "local"),
    [
        ([], m.NO_STUDENTS, ()),
        ([[0, 0], [0, 0]], m.NO_STUDENTS, (None, None)),
        ([[3, 0], [5, 0]], m.ONE_GROUP, (None, None)),
        ([[3], [5]], m.ONE_GROUP, (None, None)),
        ([[3, 4], [0, 0]], m.ONE_SCHOOL, (None, None)),
    ],
)
def test_mutual_information_undefined(counts: list, reason: str, local: tuple) -> None:
    result = m.mutual_information(counts=counts)
    assert result.M is None
    assert result.local == local
    assert result.reason == reason


def test_weights_undefined_only_without_students() -> None:
    assert m.mutual_information(counts=[[0, 0], [0, 0]]).weights == (None, None)
    assert m.mutual_information(counts=[[3, 4], [0, 0]]).weights == (1.0, 0.0)


def test_composition_gap_undefined() -> None:
    assert m.composition_gap(a_i=0, t_i=0, A=4, T=20) == m.Value(None, m.NO_SCHOOL_STUDENTS)
    assert m.composition_gap(a_i=0, t_i=0, A=0, T=0) == m.Value(None, m.NO_STUDENTS)


def test_demand_ratio_undefined_without_places() -> None:
    assert m.demand_ratio(applications=12, places=0) == m.Value(None, m.NO_PLACES)
    assert m.demand_ratio(applications=0, places=0) == m.Value(None, m.NO_PLACES)


@pytest.mark.parametrize(
    ("count", "threshold", "shown"),
    [(0, 5, 0), (1, 5, None), (4, 5, None), (5, 5, 5), (120, 5, 120), (9, 10, None), (1, 1, 1)],
)
def test_suppress_hides_one_to_threshold_minus_one(
    count: int, threshold: int, shown: object
) -> None:
    assert m.suppress(count, threshold=threshold) == shown


@pytest.mark.parametrize(
    "call",
    [
        lambda: m.segregation(a=[1, -1], b=[2, 2]),
        lambda: m.segregation(a=[1, 2], b=[3]),
        lambda: m.segregation(a=[1.5], b=[2]),
        lambda: m.segregation(a=[[1]], b=[[2]]),
        lambda: m.mutual_information(counts=[1, 2, 3]),
        lambda: m.segregation_by_territory(territory_ids=[1], a=[1, 2], b=[3, 4]),
        lambda: m.composition_gap(a_i=9, t_i=8, A=10, T=30),
        lambda: m.composition_gap(a_i=1, t_i=8, A=31, T=30),
        lambda: m.demand_ratio(applications=-1, places=3),
        lambda: m.suppress(-2),
        lambda: m.suppress(3, threshold=0),
    ],
)
def test_invalid_input_is_rejected(call: object) -> None:
    with pytest.raises(ValueError):
        call()  # type: ignore[operator]


def test_whole_floats_are_accepted_as_counts() -> None:
    assert_close(m.segregation(a=[8.0, 2.0], b=[2, 8]).D, 0.6)


# --- literature --------------------------------------------------------------


def test_complete_segregation() -> None:
    # Massey & Denton (1988): when no school mixes the groups D = 1 and xPx = 1;
    # Hutchens (2004): H = 1.  Reardon & Firebaugh (2002): M then equals the
    # group entropy E, here −(¼ ln ¼ + ¾ ln ¾).
    result = m.segregation(a=[10, 0], b=[0, 30])
    assert (result.D, result.xPx, result.xPy, result.H) == (1.0, 1.0, 0.0, 1.0)
    entropy = -(0.25 * math.log(0.25) + 0.75 * math.log(0.75))
    info = m.mutual_information(counts=[[10, 0], [0, 30]])
    assert_close(info.M, entropy)
    assert info.local == (close(math.log(4)), close(math.log(4 / 3)))


def test_evenness() -> None:
    # Every school holds the territory's share (¼): D = 0, H = 0, M = 0, and
    # isolation equals the group's share P = 30/120 (Lieberson's P*).
    result = m.segregation(a=[10, 20], b=[30, 60])
    assert result.D == 0.0
    assert_close(result.H, 0.0)
    assert_close(result.xPx, 0.25)
    assert_close(m.mutual_information(counts=[[10, 30], [20, 60]]).M, 0.0)


# --- invariants ---------------------------------------------------------------

counts = st.integers(min_value=0, max_value=60)
pairs = st.lists(st.tuples(counts, counts), max_size=10)


@given(pairs)
def test_segregation_bounds_and_exposure_sum(schools: list[tuple[int, int]]) -> None:
    result = m.segregation(a=[x for x, _ in schools], b=[y for _, y in schools])
    for value in (result.D, result.H, result.xPx, result.xPy):
        assert value is None or 0.0 <= value <= 1.0
    if result.xPx is not None:
        assert_close(result.xPx + result.xPy, 1.0)
    assert (result.D is None) == (result.reason is not None)


@given(
    st.lists(st.integers(min_value=0, max_value=40), min_size=2, max_size=10),
    st.integers(min_value=1, max_value=9),
    st.integers(min_value=1, max_value=9),
)
def test_dissimilarity_zero_when_every_school_has_territory_share(
    sizes: list[int], p: int, q: int
) -> None:
    result = m.segregation(a=[k * p for k in sizes], b=[k * q for k in sizes])
    if sum(1 for k in sizes if k) >= 2:
        assert result.D == 0.0
        assert_close(result.H, 0.0)
    else:
        assert result.D is None


@given(
    st.lists(st.integers(min_value=1, max_value=30), min_size=2, max_size=8),
    st.lists(st.integers(min_value=1, max_value=30), min_size=2, max_size=5),
)
def test_mutual_information_zero_under_independence(sizes: list[int], shares: list[int]) -> None:
    result = m.mutual_information(counts=np.outer(sizes, shares))
    assert_close(result.M, 0.0)
    assert all(value == close(0.0) for value in result.local)


matrices = st.integers(min_value=1, max_value=4).flatmap(
    lambda groups: st.lists(st.lists(counts, min_size=groups, max_size=groups), max_size=8)
)


@given(matrices)
def test_mutual_information_non_negative_and_decomposes(matrix: list[list[int]]) -> None:
    result = m.mutual_information(counts=matrix)
    if result.M is None:
        assert result.reason is not None
        return
    assert result.M >= 0.0
    assert all(value is None or value >= 0.0 for value in result.local)
    parts = [p * local for p, local in zip(result.weights, result.local, strict=True) if p]
    assert_close(math.fsum(parts), result.M)
    assert_close(math.fsum(result.weights), 1.0)


# --- cross-checks against the plain-Python reference ---------------------------


def assert_same(value: float | None, expected: float | None) -> None:
    assert (value is None) == (expected is None)
    if expected is not None:
        assert_close(value, expected)


def assert_segregation_matches(result: m.Segregation, expected: dict) -> None:
    for name in ("D", "xPx", "xPy", "H"):
        assert_same(getattr(result, name), expected[name])
    assert result.schools == expected["schools"]
    assert result.reason == expected["reason"]


def assert_information_matches(result: m.MutualInformation, expected: dict) -> None:
    assert_same(result.M, expected["M"])
    assert len(result.local) == len(expected["local"])
    for got, want in zip(result.local, expected["local"], strict=True):
        assert_same(got, want)
    for got, want in zip(result.weights, expected["weights"], strict=True):
        assert_same(got, want)
    assert result.reason == expected["reason"]


@given(pairs)
def test_segregation_matches_reference(schools: list[tuple[int, int]]) -> None:
    a, b = [x for x, _ in schools], [y for _, y in schools]
    assert_segregation_matches(m.segregation(a=a, b=b), ref.segregation(a, b))


@given(matrices)
def test_mutual_information_matches_reference(matrix: list[list[int]]) -> None:
    assert_information_matches(m.mutual_information(counts=matrix), ref.mutual_information(matrix))


@given(counts, st.integers(min_value=0, max_value=60), counts, counts)
def test_composition_gap_matches_reference(
    a_i: int, extra: int, others_a: int, others_b: int
) -> None:
    t_i = a_i + extra
    A, T = a_i + others_a, t_i + others_a + others_b
    assert_same(
        m.composition_gap(a_i=a_i, t_i=t_i, A=A, T=T).value, ref.composition_gap(a_i, t_i, A, T)
    )


territory_rows = st.lists(
    st.tuples(st.integers(min_value=0, max_value=5), counts, counts), max_size=40
)


@given(territory_rows)
def test_grouped_segregation_matches_reference(rows: list[tuple[int, int, int]]) -> None:
    ids = [tid * 7 + 3 for tid, _, _ in rows]  # sparse, unsorted ids
    table = m.segregation_by_territory(
        territory_ids=ids, a=[x for _, x, _ in rows], b=[y for _, _, y in rows]
    )
    grouped = ref.by_territory(ids, [(x, y) for _, x, y in rows])
    assert list(table.territories) == sorted(grouped)
    for tid, result in table.results().items():
        school_rows = grouped[tid]
        expected = ref.segregation([x for x, _ in school_rows], [y for _, y in school_rows])
        assert_segregation_matches(result, expected)


@given(territory_rows)
def test_grouped_mutual_information_matches_reference(rows: list[tuple[int, int, int]]) -> None:
    ids = [f"T{tid}" for tid, _, _ in rows]
    table = m.mutual_information_by_territory(
        territory_ids=ids, counts=np.array([[x, y] for _, x, y in rows]).reshape(-1, 2)
    )
    grouped = ref.by_territory(ids, [[x, y] for _, x, y in rows])
    assert set(table.results()) == set(grouped)
    for tid, result in table.results().items():
        assert_information_matches(result, ref.mutual_information(grouped[tid]))


def test_grouped_arrays_use_nan_and_reason_codes() -> None:
    table = m.segregation_by_territory(
        territory_ids=[9, 4, 9, 2, 4], a=[8, 3, 2, 0, 0], b=[2, 7, 8, 5, 0]
    )
    assert list(table.territories) == [2, 4, 9]
    assert [m.reason_for(code) for code in table.reason] == [m.NO_MEMBERS, m.ONE_SCHOOL, None]
    assert np.isnan(table.D[:2]).all()
    assert_close(table.D[2], 0.6)
    assert np.isnan(table.xPx[0])
    assert_close(table.xPx[1], 0.3)
    with pytest.raises(ValueError):
        table.D[2] = 0.0  # the frozen table's arrays are read-only


def test_grouped_without_schools_is_empty() -> None:
    table = m.segregation_by_territory(territory_ids=[], a=[], b=[])
    assert table.territories.size == 0 and table.results() == {}
    info = m.mutual_information_by_territory(territory_ids=[], counts=np.zeros((0, 3)))
    assert info.M.size == 0 and info.results() == {}


# --- PySAL segregation ---------------------------------------------------------


defined_territories = st.lists(
    st.tuples(st.integers(min_value=1, max_value=60), st.integers(min_value=1, max_value=60)),
    min_size=2,
    max_size=10,
)


@settings(max_examples=40, deadline=None)
@given(defined_territories)
def test_matches_pysal_segregation(schools: list[tuple[int, int]]) -> None:
    pd, singlegroup, multigroup = _pysal()
    frame = pd.DataFrame(schools, columns=["a", "b"]).assign(t=lambda f: f.a + f.b)
    result = m.segregation(a=frame.a, b=frame.b)
    assert_close(result.D, singlegroup.Dissim(frame, "a", "t").statistic)
    assert_close(result.xPx, singlegroup.Isolation(frame, "a", "t").statistic)
    assert_close(result.xPy, singlegroup.Interaction(frame, "a", "t").statistic)
    info = m.mutual_information(counts=frame[["a", "b"]].to_numpy())
    assert_close(info.M, multigroup.MultiDivergence(frame, ["a", "b"]).statistic)
    shares = frame[["a", "b"]].sum() / frame.t.sum()
    entropy = -float((shares * np.log(shares)).sum())
    assert_close(info.M / entropy, multigroup.MultiInfoTheory(frame, ["a", "b"]).statistic)


def _pysal() -> tuple:
    """Import PySAL lazily, undoing the global NumPy error settings it changes on import."""
    saved = np.geterr()
    try:
        import pandas as pd
        from segregation import multigroup, singlegroup
    finally:
        np.seterr(**saved)
    return pd, singlegroup, multigroup


# --- benchmark -------------------------------------------------------------------


def test_bench_in_memory_reports_figures() -> None:
    figures = bench_in_memory(schools=300, municipalities=40, seed=3)
    assert figures["schools"] == 300
    assert figures["territories"] == 40
    assert figures["focus_groups"] == 3
    assert isinstance(figures["seconds"], float) and figures["seconds"] > 0.0
    undefined = figures["undefined_D"]
    assert set(undefined) == {"disadvantaged", "migrant", "nese"}
    assert all(0 <= count <= 40 for count in undefined.values())


def test_bench_rejects_more_territories_than_schools() -> None:
    with pytest.raises(ValueError):
        bench_in_memory(schools=3, municipalities=4)
