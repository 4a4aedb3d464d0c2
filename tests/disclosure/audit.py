"""An attacker's audit of published figures: can a withheld count be worked out?

The auditor knows what any reader knows: every published number of every artifact, which
ones were withheld, and how the figures relate (a total is its group plus the others; a
territory's counts sum its schools'; a share times its base is the count; a gap is a
school's share minus its territory's; a ratio times the places is the applications; a
year's activity is the sum of its kinds, people reached the sum of teachers, students and
families, "since the start" the running sum). It writes each relation as a linear equation
over named quantities and says a withheld quantity is recovered when it is published
somewhere else, or when the published ones determine it (the unit vector of the quantity
lies in the row space of the equations over the unknowns: a rank test, independent of the
solver domain.disclosure uses). Nonlinear indices (D, H, xPx, xPy, M) are not used.

It also fails on any controlled count from 1 to threshold − 1 that is shown.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

Quantity = Hashable


def is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


@dataclass
class Finding:
    quantity: Quantity
    how: str
    where: str


@dataclass
class Audit:
    threshold: int
    known: dict[Quantity, float] = field(default_factory=dict)
    withheld: dict[Quantity, str] = field(default_factory=dict)
    equations: list[tuple[dict[Quantity, float], float]] = field(default_factory=list)
    shown_at: dict[Quantity, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    cells: int = 0
    controlled: set[Quantity] = field(default_factory=set)

    def count(self, quantity: Quantity, value: Any, *, where: str,
              controlled: bool = True, small_allowed: bool = False) -> None:
        """A published count: a number, or withheld (None or a marker such as "<5").
        `small_allowed`: a sum that may be small when its personal parts are 0 (people
        reached that are all teachers), protected only so that it gives no part away."""
        self.cells += 1
        if controlled:
            self.controlled.add(quantity)
        if is_number(value):
            if controlled and not small_allowed and 0 < value < self.threshold:
                self.findings.append(Finding(quantity, f"small count {value} shown", where))
            self.known.setdefault(quantity, float(value))
            self.shown_at.setdefault(quantity, where)
        elif controlled:
            self.withheld.setdefault(quantity, where)

    def relation(self, terms: Mapping[Quantity, float], rhs: float = 0.0) -> None:
        """sum(coefficient * quantity) = rhs, a relation every reader knows or can read."""
        if terms:
            self.equations.append((dict(terms), rhs))

    def value(self, terms: Mapping[Quantity, float], value: Any) -> None:
        """A published derived value (share, gap, ratio): a relation when it is shown."""
        if is_number(value):
            self.relation(terms, float(value))

    def run(self) -> list[Finding]:
        for quantity, where in sorted(self.withheld.items(), key=repr):
            if quantity in self.known:
                self.findings.append(Finding(
                    quantity, f"withheld in {where} but shown in {self.shown_at[quantity]}",
                    where))
        for quantity in self._determined():
            if self.withheld.get(quantity) is not None and quantity not in self.known:
                self.findings.append(Finding(quantity, "derivable from published figures",
                                             self.withheld[quantity]))
        return self.findings

    def _determined(self) -> list[Quantity]:
        """Quantities the equations fix, known values substituted: first by elimination (an
        equation with one unknown fixes it; an unknown in a single equation makes that
        equation say nothing of the others until they are fixed), then by a rank test of
        what is left (the unit vector of a quantity in the row space of the equations)."""
        rows = [{q: c for q, c in terms.items() if q not in self.known and c}
                for terms, _rhs in self.equations]
        rows = [r for r in rows if r]
        fixed: set[Quantity] = set()
        alive, dropped = _eliminate(rows, fixed)
        for component in _components([{q: c for q, c in rows[i].items() if q not in fixed}
                                      for i in alive]):
            fixed.update(_rank_fixed(component))
        changed = True
        while changed:  # a dropped equation fixes its quantity once all the others are fixed
            changed = False
            for q, i in reversed(dropped):
                if q not in fixed and all(o in fixed for o in rows[i] if o != q):
                    fixed.add(q)
                    changed = True
        return sorted(fixed, key=repr)

    def summary(self) -> str:
        return (f"{self.cells} published cells checked, {len(self.withheld)} quantities "
                f"withheld, {len(self.findings)} recoverable")


def _components(rows: list[dict[Quantity, float]]) -> list[list[dict[Quantity, float]]]:
    parent: dict[Quantity, Quantity] = {}

    def find(q: Quantity) -> Quantity:
        while parent.setdefault(q, q) != q:
            parent[q] = parent[parent[q]]
            q = parent[q]
        return q

    for r in rows:
        names = list(r)
        for other in names[1:]:
            parent[find(other)] = find(names[0])
    groups: dict[Quantity, list] = defaultdict(list)
    for r in rows:
        groups[find(next(iter(r)))].append(r)
    return list(groups.values())


def _eliminate(rows: list[dict[Quantity, float]], fixed: set[Quantity],
               ) -> tuple[list[int], list[tuple[Quantity, int]]]:
    alive = set(range(len(rows)))
    dropped: list[tuple[Quantity, int]] = []
    changed = True
    while changed:
        changed = False
        seen: dict[Quantity, list[int]] = defaultdict(list)
        for i in sorted(alive):
            free = [q for q in rows[i] if q not in fixed]
            if not free:
                alive.discard(i)
            elif len(free) == 1:
                fixed.add(free[0])
                alive.discard(i)
                changed = True
            else:
                for q in free:
                    seen[q].append(i)
        for q, where in seen.items():
            live = [i for i in where if i in alive]
            if len(live) == 1 and q not in fixed:
                dropped.append((q, live[0]))
                alive.discard(live[0])
                changed = True
    return sorted(alive), dropped


def _rank_fixed(component: list[dict[Quantity, float]]) -> list[Quantity]:
    names = sorted({q for r in component for q in r}, key=repr)
    column = {q: j for j, q in enumerate(names)}
    matrix = np.zeros((len(component), len(names)))
    for i, r in enumerate(component):
        for q, c in r.items():
            matrix[i, column[q]] += c
    _u, singular, vt = np.linalg.svd(matrix, full_matrices=False)
    rank = int(np.sum(singular > 1e-9 * max(1.0, float(singular.max(initial=0.0)))))
    weight = np.sum(vt[:rank] ** 2, axis=0)
    return [q for q, w in zip(names, weight, strict=True) if w > 1 - 1e-7]
