"""Cell suppression over sums: which withheld cells published ones determine, and the
complements that stop it (the rule is stated in domain.disclosure)."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

Cell = Hashable
CANDIDATES = 8  # complements scored per exposed cell, nearest and cheapest first


def is_small(value: int | float | None, *, threshold: int) -> bool:
    """Primary suppression: a count from 1 to threshold − 1."""
    if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < 1:
        raise ValueError("threshold must be a positive integer")
    return value is not None and 0 < value < threshold


@dataclass(frozen=True)
class Equation:
    """``total = sum(parts)`` between published cells."""

    total: Cell
    parts: tuple[Cell, ...]

    @property
    def cells(self) -> tuple[Cell, ...]:
        return (self.total, *self.parts)


def exposed(equations: Sequence[Equation], hidden: set[Cell]) -> list[Cell]:
    """Withheld cells that the published ones determine by linear reasoning, sorted."""
    rows = [eq for eq in equations if any(c in hidden for c in eq.cells)]
    out: list[Cell] = []
    for component in _components(rows, hidden):
        out.extend(_determined(component, hidden))
    return sorted(out, key=repr)


def _components(rows: list[Equation], hidden: set[Cell]) -> list[list[Equation]]:
    parent: dict[Cell, Cell] = {}

    def find(c: Cell) -> Cell:
        while parent.setdefault(c, c) != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    for eq in rows:
        cells = [c for c in eq.cells if c in hidden]
        for other in cells[1:]:
            parent[find(other)] = find(cells[0])
    groups: dict[Cell, list[Equation]] = defaultdict(list)
    for eq in rows:
        groups[find(next(c for c in eq.cells if c in hidden))].append(eq)
    return list(groups.values())


def _determined(rows: list[Equation], hidden: set[Cell]) -> list[Cell]:
    """The withheld cells of `rows` that the published cells determine.

    Exact elimination first, which leaves the rank test little or nothing to do on sums
    over a territory tree: a row left with one withheld cell determines it; a row left
    with two (``x ± y`` = known, as members + others = total, or a zone equal to its one
    school) makes x determined exactly when y is, so x is written in terms of y in every
    other row. The rows that stay, with three or more withheld cells, go to the rank test
    (SVD) over what is left.
    """
    unknowns = {c for eq in rows for c in eq.cells if c in hidden}
    reduced = _Elimination([_row(eq, hidden) for eq in rows])
    known = reduced.known | (_rank_test(reduced.left) if reduced.left else set())
    return [c for c in unknowns if reduced.root(c)[1] in known]


class _Elimination:
    """Rows over withheld cells reduced by the exact steps of `_determined`."""

    def __init__(self, rows: list[dict[Cell, float]]) -> None:
        self.alias: dict[Cell, tuple[float, Cell]] = {}  # x = factor * y + a known value
        self.known: set[Cell] = set()
        self.left = rows
        while self._pass():
            pass

    def root(self, cell: Cell) -> tuple[float, Cell]:
        factor = 1.0
        while cell in self.alias:
            step, cell = self.alias[cell]
            factor *= step
        return factor, cell

    def _pass(self) -> bool:
        changed, left = False, []
        for row in self.left:
            reduced: dict[Cell, float] = defaultdict(float)
            for cell, coefficient in row.items():
                factor, base = self.root(cell)
                if base not in self.known:
                    reduced[base] += coefficient * factor
            row = {c: v for c, v in reduced.items() if abs(v) > 1e-12}
            if len(row) == 1:
                self.known.add(next(iter(row)))
                changed = True
            elif len(row) == 2:
                (x, a), (y, b) = row.items()
                self.alias[x] = (-b / a, y)
                changed = True
            elif row:
                left.append(row)
        self.left = left
        return changed


def _row(eq: Equation, hidden: set[Cell]) -> dict[Cell, float]:
    row: dict[Cell, float] = defaultdict(float)
    if eq.total in hidden:
        row[eq.total] += 1.0
    for part in eq.parts:
        if part in hidden:
            row[part] -= 1.0
    return row


def _rank_test(rows: list[dict[Cell, float]]) -> set[Cell]:
    """The cells whose unit vector lies in the rows' span."""
    cells = sorted({c for row in rows for c in row}, key=repr)
    column = {c: j for j, c in enumerate(cells)}
    matrix = np.zeros((len(rows), len(cells)))
    for i, row in enumerate(rows):
        for cell, coefficient in row.items():
            matrix[i, column[cell]] = coefficient
    _, singular, vt = np.linalg.svd(matrix, full_matrices=False)
    rank = int(np.sum(singular > 1e-9 * max(1.0, singular[0] if singular.size else 1.0)))
    weight = np.sum(vt[:rank] ** 2, axis=0)
    return {c for c, w in zip(cells, weight, strict=True) if w > 1 - 1e-9}


def protect(*, values: Mapping[Cell, int | float], equations: Sequence[Equation],
            threshold: int, personal: Callable[[Cell], bool] = lambda _c: True,
            unit: Callable[[Cell], Iterable[Cell]] = lambda c: (c,),
            tier: Callable[[Cell], int] = lambda _c: 0,
            seed: Iterable[Cell] = (),
            primary: Callable[[Cell], bool] | None = None) -> frozenset[Cell]:
    """The cells to withhold: primary suppression, then complements until none is exposed.

    A complement is the published controlled cell linked to the exposed one whose
    withholding leaves the fewest cells exposed, then by (tier, value): the smallest cell
    that breaks every derivation when one does; the check then runs again. Cells that
    an equation says are equal (``x = y``) are withheld together, as are a cell's `unit`.
    `personal` cells may be withheld; `primary` ones (default: the personal) are withheld
    when small (a sum of staff and people is controlled, but only as a complement).
    """
    same = _identities(equations)

    def whole(cell: Cell) -> set[Cell]:
        return {x for c in unit(cell) for x in same.get(c, {c})} | {cell}

    hidden: set[Cell] = {x for c in seed for x in whole(c)}
    small = personal if primary is None else primary
    for cell, value in values.items():
        if small(cell) and is_small(value, threshold=threshold):
            hidden |= whole(cell)
    where: dict[Cell, list[int]] = defaultdict(list)
    for i, eq in enumerate(equations):
        for c in eq.cells:
            where[c].append(i)
    # a withheld 0 that others determine gives nothing away: 0 is shown anyway
    while found := [c for c in exposed(equations, hidden) if values.get(c)]:
        for cell in found:
            if _exposes(cell, equations, where, hidden):  # else covered this round
                hidden |= whole(_choose(cell, equations, where, values, hidden, personal,
                                        tier, whole))
    return frozenset(hidden)


def _choose(cell: Cell, equations: Sequence[Equation], where: Mapping[Cell, list[int]],
            values: Mapping[Cell, int | float], hidden: set[Cell],
            personal: Callable[[Cell], bool], tier: Callable[[Cell], int],
            whole: Callable[[Cell], set[Cell]]) -> Cell:
    """The complement for one exposed cell (see protect)."""
    def left(c: Cell) -> int:
        trial = hidden | whole(c)
        rows = _component(cell, equations, where, trial)
        return sum(1 for x in _determined(rows, trial) if values.get(x))

    def cost(c: Cell) -> tuple:
        return tier(c), (values.get(c) or 0) <= 0, values.get(c) or 0, repr(c)
    pool = _candidates(cell, equations, where, hidden, personal)
    # a withheld 0 protects nothing when the published cells give it back, so zeros are
    # complements only when nothing else is left
    pool = [rc for rc in pool if (values.get(rc[1]) or 0) > 0] or pool
    near = sorted(pool, key=lambda rc: (rc[0], *cost(rc[1])))
    # the nearest few are scored (each score is a rank test); the rest only when none of
    # them is near enough to matter, which the next round's check catches anyway. The
    # fewest left exposed wins, then the cost: so, in order of cost, the first that
    # leaves none is the choice and the rest need no test.
    best: tuple[tuple, Cell] | None = None
    for c in sorted((c for _, c in near[:CANDIDATES]), key=cost):
        score = (left(c), *cost(c))
        if best is None or score < best[0]:
            best = (score, c)
        if score[0] == 0:
            break
    return best[1]


def _identities(equations: Sequence[Equation]) -> dict[Cell, set[Cell]]:
    """Cells tied by one-part equations (x = y), each mapped to its whole class."""
    classes: dict[Cell, set[Cell]] = {}
    for eq in equations:
        if len(eq.parts) == 1:
            merged = classes.get(eq.total, {eq.total}) | classes.get(eq.parts[0], {eq.parts[0]})
            for c in merged:
                classes[c] = merged
    return classes


def _component(cell: Cell, equations: Sequence[Equation], where: Mapping[Cell, list[int]],
               hidden: set[Cell]) -> list[Equation]:
    """The equations linked to `cell` through withheld cells."""
    rows: set[int] = set()
    frontier, seen = [cell], {cell}
    while frontier:
        new = {i for c in frontier for i in where.get(c, ())} - rows
        rows |= new
        frontier = [c for i in new for c in equations[i].cells if c in hidden and c not in seen]
        seen.update(frontier)
    return [equations[i] for i in sorted(rows)]


def _exposes(cell: Cell, equations: Sequence[Equation], where: Mapping[Cell, list[int]],
             hidden: set[Cell]) -> bool:
    rows = _component(cell, equations, where, hidden)
    return bool(rows) and cell in _determined(rows, hidden)


def _candidates(cell: Cell, equations: Sequence[Equation], where: Mapping[Cell, list[int]],
                hidden: set[Cell], personal: Callable[[Cell], bool]) -> list[tuple[int, Cell]]:
    """(ring, cell) of the published controlled cells linked to `cell`: ring 0 in its own
    equations, ring 1 in those reached through one more withheld cell, and so on."""
    out: dict[Cell, int] = {}
    rows: set[int] = set()
    frontier, seen, ring = [cell], {cell}, 0
    while frontier:
        new = {i for c in frontier for i in where.get(c, ())} - rows
        rows |= new
        for i in sorted(new):
            for c in equations[i].cells:
                if c not in hidden and personal(c):
                    out.setdefault(c, ring)
        frontier = [c for i in new for c in equations[i].cells if c in hidden and c not in seen]
        seen.update(frontier)
        ring += 1
    if not out:
        raise ValueError(f"cannot protect {cell!r}: no published controlled cell near it")
    return sorted(((r, c) for c, r in out.items()), key=lambda rc: (rc[0], repr(rc[1])))


