"""What may be shown of a programme's enrolment counts in one school year and source:
schools, zones, municipalities and the programme as one tree of sums."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from domain import counts as ic
from domain.disclosure.solver import Cell, Equation, is_small, protect

SMALL_NUMBERS = "withheld: small numbers"


PROGRAMME = ("programme", "")


def node(level: str, key: str | None) -> tuple[str, str]:
    """A place of the hierarchy: ("school"|"zone"|"municipality", key) or the programme."""
    return PROGRAMME if level == "programme" or key is None else (level, key)


@dataclass(frozen=True)
class Composition:
    """What may be shown of one school year's enrolment counts under one source."""

    source: str
    hidden: frozenset[Cell]
    values: Mapping[Cell, int]
    schools_with_pupils: Mapping[tuple[str, str], int] = field(default_factory=dict)
    equations: tuple[Equation, ...] = ()

    def pair_withheld(self, place: tuple[str, str], group: str) -> bool:
        """The group's members (and so the others) of a school or territory are withheld."""
        return ("a", place, group) in self.hidden or ("b", place, group) in self.hidden

    def total_withheld(self, place: tuple[str, str]) -> bool:
        return ("t", place) in self.hidden

    def group_withheld(self, place: tuple[str, str], group: str) -> bool:
        """Nothing of the group may be shown here: its counts, or the place's total."""
        return self.pair_withheld(place, group) or self.total_withheld(place)

    def index_reason(self, place: tuple[str, str], group: str) -> str | None:
        """Why a territory's indices of `group` are not published, or None if they are."""
        if self.schools_with_pupils.get(place, 0) < 2:
            return SMALL_NUMBERS
        if self.group_withheld(place, group):
            return SMALL_NUMBERS
        return None


def _school_counts(data: Mapping[str, Any], *, year: int, source: str,
                   ) -> dict[str, dict[str, int]]:
    """school -> {"total": t, group: a, …} under `source`; groups without usable figures
    are left out (their territories then use the other source)."""
    out: dict[str, dict[str, int]] = {}
    for school in data["schools"]:
        key = school["school"]
        if source == ic.FIGURES:
            fig = data["figures"].get((key, year)) or {}
            if fig.get("enrolled_total") is None:
                continue
            row = {"total": int(fig["enrolled_total"])}
            row.update({g: int(fig[f"enrolled_{g}"]) for g in ic.FOCUS_GROUPS
                        if ic.usable_figure(fig, g)})
        else:
            enr = data["enrolments"].get((key, year)) or {}
            if not enr.get("total"):
                continue
            row = {"total": int(enr["total"]), **{g: int(enr.get(g, 0))
                                                   for g in ic.FOCUS_GROUPS}}
        out[key] = row
    return out


def _parents(school: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The places above a school, nearest first."""
    chain = [node("zone", school.get("zone")), node("municipality", school.get("municipality"))]
    return [p for p in chain if p != PROGRAMME] + [PROGRAMME]


def composition(data: Mapping[str, Any], *, year: int, source: str,
                threshold: int) -> Composition:
    """Disclosure decisions for every school and place of a programme read in one year.

    A pure function of the counts: decided once per distinct input in this process (the
    key is the counts themselves, so a changed count is a new decision, never a stale one).
    """
    rows = _school_counts(data, year=year, source=source)
    places = tuple(sorted((s["school"], s.get("zone"), s.get("municipality"))
                          for s in data["schools"] if s["school"] in rows))
    counts = tuple(sorted((k, tuple(sorted(r.items()))) for k, r in rows.items()))
    return _decide(places, counts, source, threshold)


@lru_cache(maxsize=512)
def _decide(places: tuple, counts: tuple, source: str, threshold: int) -> Composition:
    rows = {k: dict(r) for k, r in counts}
    children, below = _tree([{"school": k, "zone": z, "municipality": m}
                             for k, z, m in places])
    values, equations = _cells(rows, below)
    for parent, kids in children.items():
        equations.extend(_sums(parent, sorted(kids), values))

    def unit(cell: Cell) -> tuple[Cell, ...]:
        if cell[0] == "t":  # a withheld total takes every group's counts with it
            return (cell, *(c for g in ic.FOCUS_GROUPS for c in (("a", cell[1], g),
                                                                   ("b", cell[1], g))
                            if c in values))
        return (("a", cell[1], cell[2]), ("b", cell[1], cell[2]))

    hidden = protect(values=values, equations=equations, threshold=threshold, unit=unit)
    with_pupils = {place: sum(1 for k in keys if rows[k]["total"] > 0)
                   for place, keys in below.items()}
    return Composition(source=source, hidden=hidden, values=values,
                       schools_with_pupils=with_pupils, equations=tuple(equations))


def _tree(schools: list[Mapping[str, Any]]) -> tuple[dict, dict]:
    """children of each place, and the schools below each place (itself for a school)."""
    children: dict[tuple[str, str], set] = defaultdict(set)
    below: dict[tuple[str, str], list[str]] = defaultdict(list)
    for school in schools:
        chain = [("school", school["school"]), *_parents(school)]
        for child, parent in zip(chain, chain[1:], strict=False):
            children[parent].add(child)
        for place in chain:
            below[place].append(school["school"])
    return children, below


def _cells(rows: Mapping[str, Mapping[str, int]],
           below: Mapping[tuple[str, str], list[str]]) -> tuple[dict, list[Equation]]:
    """Every place's total and, where all its schools have them, group counts and others."""
    values: dict[Cell, int] = {}
    equations: list[Equation] = []
    for place, keys in below.items():
        values[("t", place)] = sum(rows[k]["total"] for k in keys)
        for g in ic.FOCUS_GROUPS:
            if all(g in rows[k] for k in keys):
                values[("a", place, g)] = sum(rows[k][g] for k in keys)
                values[("b", place, g)] = values[("t", place)] - values[("a", place, g)]
                equations.append(Equation(("t", place), (("a", place, g), ("b", place, g))))
    return values, equations


def _sums(parent: tuple[str, str], kids: list, values: Mapping[Cell, int]) -> list[Equation]:
    out = [Equation(("t", parent), tuple(("t", k) for k in kids))]
    for g in ic.FOCUS_GROUPS:
        for part in ("a", "b"):
            cells = tuple((part, k, g) for k in kids)
            if (part, parent, g) in values and all(c in values for c in cells):
                out.append(Equation((part, parent, g), cells))
    return out


class Patterns:
    """Composition decisions of a programme read, made once per (year, source) on demand."""

    def __init__(self, data: Mapping[str, Any], *, threshold: int) -> None:
        self.data, self.threshold = data, threshold
        self._made: dict[tuple[int, str], Composition] = {}

    def of(self, *, year: int, source: str) -> Composition:
        if (year, source) not in self._made:
            self._made[(year, source)] = composition(self.data, year=year, source=source,
                                                     threshold=self.threshold)
        return self._made[(year, source)]

    def counts_view(self, *, year: int, source: str | None, place: tuple[str, str],
                    group: str, members: int, students: int) -> dict[str, Any]:
        """A school's or territory's group count, others and total, as they may be shown."""
        if source is None or not students:
            return {"members": 0, "others": 0, "students": 0, "suppressed": False}
        pattern = self.of(year=year, source=source)
        withheld = pattern.group_withheld(place, group)
        return {"members": None if withheld else members,
                "others": None if withheld else students - members,
                "students": None if pattern.total_withheld(place) else students,
                "suppressed": withheld}


def partition_small(matrix_row: Sequence[int], *, threshold: int) -> bool:
    """A school whose multigroup partition has a count below the threshold."""
    return any(is_small(int(v), threshold=threshold) for v in matrix_row)


