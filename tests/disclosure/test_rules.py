"""The disclosure rules (domain.disclosure) worked by hand, and their promise as properties:
after protection no withheld cell is determined by the published ones."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain import disclosure as d


def test_primary_suppression_withholds_1_to_threshold_minus_1():
    assert [d.is_small(v, threshold=5) for v in (None, 0, 1, 4, 5, 40)] == [
        False, False, True, True, False, False]
    with pytest.raises(ValueError):
        d.is_small(3, threshold=0)
    assert d.controlled(d.Category.PUPILS) and d.controlled(d.Category.FAMILIES)
    assert not any(d.controlled(c) for c in (d.Category.STAFF, d.Category.HOURS,
                                             d.Category.ACTIVITIES, d.Category.PLACES))
    assert d.REACH["teachers"] == d.Category.STAFF


def test_the_smallest_cell_that_breaks_the_derivation_is_the_complement():
    eq = [d.Equation("total", ("a", "b", "c"))]
    hidden = d.protect(values={"total": 100, "a": 3, "b": 40, "c": 57}, equations=eq,
                       threshold=5)
    assert hidden == {"a", "b"}
    assert d.exposed(eq, set(hidden)) == []


def read(schools: dict[str, tuple[str, str, int, int]]) -> dict:
    """A programme read: school -> (zone, municipality, total, nese)."""
    return {"schools": [{"school": k, "zone": z, "municipality": m}
                        for k, (z, m, _, _) in schools.items()],
            "figures": {(k, 2024): {"enrolled_total": t, "enrolled_disadvantaged": t // 2,
                                    "enrolled_migrant": t // 3, "enrolled_nese": n}
                        for k, (_, _, t, n) in schools.items()},
            "enrolments": {}}


def test_a_small_school_count_takes_its_others_and_a_neighbour_with_it():
    pattern = d.composition(read({"s1": ("z1", "m1", 100, 3), "s2": ("z1", "m1", 200, 50),
                                  "s3": ("z1", "m1", 300, 60)}),
                            year=2024, source="figures", threshold=5)
    assert pattern.pair_withheld(("school", "s1"), "nese")
    assert pattern.pair_withheld(("school", "s2"), "nese")  # the smallest other
    assert not pattern.pair_withheld(("school", "s3"), "nese")
    assert not pattern.pair_withheld(("zone", "z1"), "nese")  # 113 of 600, safe
    assert not pattern.total_withheld(("school", "s1"))
    assert not pattern.pair_withheld(("school", "s1"), "disadvantaged")


def test_a_one_school_zone_is_covered_in_its_municipality():
    pattern = d.composition(read({"s1": ("z1", "m1", 100, 3), "s2": ("z2", "m1", 200, 50),
                                  "s3": ("z2", "m1", 300, 60)}),
                            year=2024, source="figures", threshold=5)
    assert pattern.pair_withheld(("zone", "z1"), "nese")  # the zone is its one school
    assert pattern.index_reason(("zone", "z1"), "nese") == d.SMALL_NUMBERS
    # the municipality's total minus zone z2's would give it back: one of them goes too
    assert pattern.pair_withheld(("municipality", "m1"), "nese") or pattern.pair_withheld(
        ("zone", "z2"), "nese")
    assert [c for c in d.exposed(pattern.equations, set(pattern.hidden))
            if pattern.values[c]] == []


def test_counts_view_shows_the_total_and_withholds_the_pair():
    shown = d.Patterns(read({"s1": ("z1", "m1", 100, 3), "s2": ("z1", "m1", 200, 50)}),
                       threshold=5)
    view = shown.counts_view(year=2024, source="figures", place=("school", "s1"),
                             group="nese", members=3, students=100)
    assert view == {"members": None, "others": None, "students": 100, "suppressed": True}


def test_teachers_are_never_withheld_and_a_small_year_stops_the_running_total():
    shown = d.reach([
        {"year": 2022, "kind": "training", "teachers": 2, "students": 0, "families": 0},
        {"year": 2022, "kind": "workshop", "teachers": 0, "students": 3, "families": 20},
        {"year": 2023, "kind": "workshop", "teachers": 1, "students": 30, "families": 6},
    ], start=2022, threshold=5)
    assert shown.row(("year", 2022)) == {"teachers": 2, "students": None, "families": 20,
                                         "people": None}
    assert shown.row(("kind", 2022, "training"))["teachers"] == 2
    assert shown.row(("year", 2023)) == {"teachers": 1, "students": 30, "families": 6,
                                         "people": 37}
    assert shown.shown(("since", 2023, "students")) is None  # 33 − 30 would give 3
    assert shown.shown(("since", 2023, "families")) == 26
    assert shown.row(("year", 2022), marker="suppressed")["students"] == "<5"
    assert shown.row(("year", 2022), marker="suppressed")["people"] == "suppressed"


@st.composite
def programmes(draw: st.DrawFn) -> dict:
    n = draw(st.integers(min_value=1, max_value=7))
    schools = {}
    for i in range(n):
        total = draw(st.integers(min_value=0, max_value=60))
        schools[f"s{i}"] = (f"z{draw(st.integers(0, 2))}", f"m{draw(st.integers(0, 1))}",
                            total, draw(st.integers(min_value=0, max_value=total)))
    return schools


@settings(max_examples=60, deadline=None)
@given(programmes(), st.integers(min_value=2, max_value=10))
def test_no_withheld_enrolment_count_is_determined(schools, threshold):
    pattern = d.composition(read(schools), year=2024, source="figures", threshold=threshold)
    small = [c for c, v in pattern.values.items() if d.is_small(v, threshold=threshold)]
    assert set(small) <= pattern.hidden
    exposed = d.exposed(pattern.equations, set(pattern.hidden))
    assert [c for c in exposed if pattern.values[c]] == []


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(2020, 2023), st.sampled_from(["a", "b", "c"]),
                          st.integers(0, 12), st.integers(0, 12), st.integers(0, 12)),
                max_size=8))
def test_no_withheld_reach_is_determined(rows):
    found = d.reach([{"year": y, "kind": k, "teachers": t, "students": s, "families": f}
                     for y, k, t, s, f in rows], start=2020, threshold=5)
    assert not any(c[-1] == "teachers" for c in found.hidden)
    assert all(c in found.hidden for c, v in found.values.items()
               if c[-1] in d.CONTROLLED_REACH and d.is_small(v, threshold=5))
    # a small people total is shown only when it is all teachers (staff)
    for c, v in found.values.items():
        if c[-1] == "people" and d.is_small(v, threshold=5) and c not in found.hidden:
            assert v == found.values[(*c[:-1], "teachers")], c
    exposed = d.exposed(found.equations, set(found.hidden))
    assert [c for c in exposed if found.values[c]] == []


@st.composite
def systems(draw) -> tuple[list[d.Equation], set[str]]:
    """Sums over up to 14 cells, some withheld: trees, chains, identities and overlaps."""
    cells = [f"c{i}" for i in range(draw(st.integers(2, 14)))]
    equations = []
    for _ in range(draw(st.integers(1, 8))):
        chosen = draw(st.lists(st.sampled_from(cells), min_size=2, max_size=6, unique=True))
        equations.append(d.Equation(chosen[0], tuple(chosen[1:])))
    hidden = set(draw(st.lists(st.sampled_from(cells), min_size=1, unique=True)))
    return equations, hidden


@settings(max_examples=400, deadline=None, derandomize=True)
@given(systems())
def test_exact_elimination_finds_what_the_rank_test_alone_finds(system):
    # the elimination before the rank test (one-cell and two-cell rows) is an exact
    # shortcut: the cells it calls determined are those the rank test of every row says
    from domain.disclosure import solver
    equations, hidden = system
    rows = [eq for eq in equations if any(c in hidden for c in eq.cells)]
    if not rows:
        return
    by_rank = solver._rank_test([solver._row(eq, hidden) for eq in rows])
    assert set(solver._determined(rows, hidden)) == by_rank
