"""What may be shown of the people an alliance's contributions reached, every year at once."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from domain.disclosure.categories import CONTROLLED_REACH, REACH
from domain.disclosure.solver import Cell, Equation, is_small, protect

PEOPLE = tuple(REACH)  # teachers, students, families


@dataclass(frozen=True)
class Reach:
    """What may be shown of one alliance's people reached, every year and kind at once.

    Cells: ("kind", year, kind, field), ("year", year, field), ("since", year, field) (the
    running sum from the alliance's first year), ("all", field) (every contribution,
    undated ones included); field is teachers, students, families or people.
    """

    values: Mapping[Cell, int]
    hidden: frozenset[Cell]
    threshold: int
    equations: tuple[Equation, ...] = ()

    def shown(self, cell: Cell) -> int | None:
        """The cell's value, or None when it is withheld (or was never computed)."""
        return None if cell in self.hidden else self.values.get(cell)

    def small(self, cell: Cell) -> bool:
        """Withheld by primary suppression (not as a complement)."""
        return (cell in self.hidden and cell[-1] in CONTROLLED_REACH
                and is_small(self.values.get(cell), threshold=self.threshold))

    def row(self, prefix: tuple, *, marker: str | None = None) -> dict[str, Any]:
        """teachers/students/families/people of one row; withheld ones as None or markers."""
        out: dict[str, Any] = {}
        for name in (*PEOPLE, "people"):
            cell = (*prefix, name)
            if cell not in self.hidden:
                out[name] = self.values.get(cell, 0)
            elif marker is not None:
                out[name] = f"<{self.threshold}" if self.small(cell) else marker
            else:
                out[name] = None
        return out


def _reach_personal(cell: Cell) -> bool:
    return cell[-1] in (*CONTROLLED_REACH, "people")


def _reach_rule(values: Mapping[Cell, int], kinds_of: Mapping[Any, set[str]],
                years: list[int], *, threshold: int) -> set[Cell]:
    """The stated rule for people reached, before the general check. For students, then
    families, then people: in a year where some kind's count is small (or the year's is),
    every positive kind count of that year is withheld, and the year's total too when it
    is small or is one kind's count; a row's people go when one of its students or
    families goes; a running total goes from the first withheld year on."""
    hidden: set[Cell] = set()
    for name in CONTROLLED_REACH:
        hidden |= _field_rule(values, kinds_of, years, name, threshold=threshold)
    for year, kinds in kinds_of.items():
        for prefix in [("kind", year, k) for k in kinds] + [("year", year)]:
            if any((*prefix, n) in hidden for n in CONTROLLED_REACH):
                hidden.add((*prefix, "people"))
    return hidden | _running(hidden, years, "people", undated=None in kinds_of)


def _field_rule(values: Mapping[Cell, int], kinds_of: Mapping[Any, set[str]],
                years: list[int], name: str, *, threshold: int) -> set[Cell]:
    hidden: set[Cell] = set()
    for year, kinds in kinds_of.items():
        cells = [("kind", year, k, name) for k in sorted(kinds)]
        total = ("year", year, name)
        small = is_small(values[total], threshold=threshold)
        if not (small or any(is_small(values[c], threshold=threshold) for c in cells)):
            continue
        positive = [c for c in cells if values[c] > 0]
        hidden.update(positive)
        if len(positive) <= 1 or small:
            hidden.add(total)
    return hidden | _running(hidden, years, name, undated=None in kinds_of)


def _running(hidden: set[Cell], years: list[int], name: str, *, undated: bool) -> set[Cell]:
    """Running totals from the first withheld year on, and the grand total."""
    out: set[Cell] = set()
    for year in years:
        if out or ("year", year, name) in hidden:
            out.add(("since", year, name))
    if out or (undated and ("year", None, name) in hidden):
        out.add(("all", name))
    return out


def _reach_tier(cell: Cell) -> int:
    """Complements: running totals first (they repeat the years), then sums, then the rest."""
    return 0 if cell[0] in ("since", "all") else 1 if cell[-1] == "people" else 2


def reach(rows: Sequence[Mapping[str, Any]], *, start: int | None,
          threshold: int) -> Reach:
    """Disclosure decisions for the people reached by one alliance's contributions
    (rows with year — None when undated —, kind, teachers, students, families); decided
    once per distinct input in this process, as composition is."""
    return _decide(tuple((r.get("year"), str(r.get("kind") or "other"),
                          *(int(r.get(n) or 0) for n in PEOPLE)) for r in rows),
                   start, threshold)


@lru_cache(maxsize=2048)
def _decide(rows: tuple, start: int | None, threshold: int) -> Reach:
    values, kinds_of = _reach_values([{"year": y, "kind": k, **dict(zip(PEOPLE, people,
                                                                         strict=True))}
                                      for y, k, *people in rows])
    dated = sorted(y for y in kinds_of if y is not None)
    first = start if start is not None else (dated[0] if dated else None)
    years = list(range(first, dated[-1] + 1)) if dated and first is not None else []
    running = dict.fromkeys((*PEOPLE, "people"), 0)
    for year in years:
        for name in running:
            running[name] += values.get(("year", year, name), 0)
            values[("since", year, name)] = running[name]
    equations = _reach_equations(kinds_of, years)
    for eq in equations:
        for c in eq.cells:
            values.setdefault(c, 0)
    seed = _reach_rule(values, kinds_of, years, threshold=threshold)
    hidden = protect(values=values, equations=equations, threshold=threshold,
                     personal=_reach_personal, tier=_reach_tier, seed=seed,
                     primary=lambda c: c[-1] in CONTROLLED_REACH)
    return Reach(values=dict(values), hidden=hidden, threshold=threshold,
                 equations=tuple(equations))


def _reach_values(rows: Sequence[Mapping[str, Any]]) -> tuple[dict, dict]:
    values: dict[Cell, int] = defaultdict(int)
    kinds_of: dict[Any, set[str]] = defaultdict(set)
    for r in rows:
        year, kind = r.get("year"), str(r.get("kind") or "other")
        kinds_of[year].add(kind)
        for name in PEOPLE:
            n = int(r.get(name) or 0)
            for prefix in (("kind", year, kind), ("year", year), ("all",)):
                values[(*prefix, name)] += n
                values[(*prefix, "people")] += n
    return values, kinds_of


def _reach_equations(kinds_of: Mapping[Any, set[str]], years: list[int]) -> list[Equation]:
    prefixes = [("all",)] + [("year", y) for y in kinds_of] + [("since", y) for y in years] + [
        ("kind", y, k) for y, ks in kinds_of.items() for k in ks]
    out = [Equation((*p, "people"), tuple((*p, n) for n in PEOPLE)) for p in prefixes]
    for name in (*PEOPLE, "people"):
        for year, ks in kinds_of.items():
            out.append(Equation(("year", year, name),
                                tuple(("kind", year, k, name) for k in sorted(ks))))
        for before, year in zip([None, *years], years, strict=False):
            parts = ((("since", before, name),) if before is not None else ()) + (
                ("year", year, name),)
            out.append(Equation(("since", year, name), parts))
        parts = ((("since", years[-1], name),) if years else ()) + (
            (("year", None, name),) if None in kinds_of else ())
        if parts:
            out.append(Equation(("all", name), parts))
    return out
