"""What may be shown of the people an alliance's contributions reached, every year at once."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from domain.disclosure.solver import Cell, Equation, is_small, protect

PEOPLE = ("teachers", "students", "families")


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
        return cell in self.hidden and is_small(self.values.get(cell), threshold=self.threshold)

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
    return cell[-1] != "teachers"


def _reach_rule(values: Mapping[Cell, int], kinds_of: Mapping[Any, set[str]],
                years: list[int], *, threshold: int) -> set[Cell]:
    """The stated rule for people reached, before the general check: within a year, one
    withheld kind takes the smallest other kind with it (else the year's total); a row's
    people total goes when one of its students or families goes, and a year's when one of
    its kinds' does; a running total goes from the first withheld year on."""
    hidden = {c for c, v in values.items() if _reach_personal(c) and is_small(v,
                                                                           threshold=threshold)}
    for year, kinds in kinds_of.items():
        for name in ("students", "families"):
            hidden |= _kind_complement(values, hidden, year, sorted(kinds), name)
        for prefix in [("kind", year, k) for k in kinds] + [("year", year)]:
            if any((*prefix, n) in hidden for n in ("students", "families")):
                hidden.add((*prefix, "people"))
        if any(("kind", year, k, "people") in hidden for k in kinds):
            hidden.add(("year", year, "people"))
    for name in ("students", "families", "people"):
        running = [y for y in years if ("year", y, name) in hidden]
        hidden |= {("since", y, name) for y in years if running and y >= running[0]}
        if running or ("year", None, name) in hidden:
            hidden.add(("all", name))
    return hidden


def _kind_complement(values: Mapping[Cell, int], hidden: set[Cell], year: Any,
                     kinds: list[str], name: str) -> set[Cell]:
    cells = [("kind", year, k, name) for k in kinds]
    out = [c for c in cells if c in hidden and values[c]]
    if len(cells) == 1 and out:
        return {("year", year, name)}
    if len(out) != 1:
        return set()
    rest = [c for c in cells if c not in hidden and values[c] > 0]
    return {min(rest, key=lambda c: (values[c], repr(c))) if rest else ("year", year, name)}


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
                     personal=_reach_personal, tier=_reach_tier, seed=seed)
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
