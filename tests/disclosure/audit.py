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
              controlled: bool = True) -> None:
        """A published count: a number, or withheld (None or a marker such as "<5")."""
        self.cells += 1
        if controlled:
            self.controlled.add(quantity)
        if is_number(value):
            if controlled and 0 < value < self.threshold:
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
        rows = []
        for terms, _rhs in self.equations:
            unknown = {q: c for q, c in terms.items() if q not in self.known and c}
            if unknown:
                rows.append(unknown)
        out = []
        for component in _components(rows):
            names = sorted({q for r in component for q in r}, key=repr)
            column = {q: j for j, q in enumerate(names)}
            matrix = np.zeros((len(component), len(names)))
            for i, r in enumerate(component):
                for q, c in r.items():
                    matrix[i, column[q]] += c
            rank = np.linalg.matrix_rank(matrix)
            for q in names:
                if q not in self.withheld:
                    continue
                unit = np.zeros(len(names))
                unit[column[q]] = 1.0
                if np.linalg.matrix_rank(np.vstack([matrix, unit])) == rank:
                    out.append(q)
        return out

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
