"""Plain-Python indicators written straight from the formulas, to cross-check the vectorised ones.

Loops and the math module only.  Undefined values are None with the same reason
strings as the production module (spelled out here, not imported).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence


def segregation(a: Sequence[int], b: Sequence[int]) -> dict:
    """D, xPx, xPy, H and reason of one territory."""
    schools = [(a_i, b_i) for a_i, b_i in zip(a, b, strict=True) if a_i + b_i > 0]
    A = sum(a_i for a_i, _ in schools)
    B = sum(b_i for _, b_i in schools)
    result = {"D": None, "xPx": None, "xPy": None, "H": None, "schools": len(schools)}
    if A + B == 0:
        return {**result, "reason": "no students in territory"}
    if A == 0:
        return {**result, "reason": "no members of group"}
    if B == 0:
        return {**result, "reason": "no students outside group"}
    result["xPx"] = sum((a_i / A) * (a_i / (a_i + b_i)) for a_i, b_i in schools)
    result["xPy"] = sum((a_i / A) * (b_i / (a_i + b_i)) for a_i, b_i in schools)
    if len(schools) < 2:
        return {**result, "reason": "only one school"}
    result["D"] = 0.5 * sum(abs(a_i / A - b_i / B) for a_i, b_i in schools)
    result["H"] = 1 - sum(math.sqrt((a_i / A) * (b_i / B)) for a_i, b_i in schools)
    return {**result, "reason": None}


def mutual_information(counts: Sequence[Sequence[int]]) -> dict:
    """M (as the double sum), local L_i, weights p_i and reason of one territory."""
    rows = [list(row) for row in counts]
    groups = len(rows[0]) if rows else 0
    T = sum(sum(row) for row in rows)
    t = [sum(row) for row in rows]
    N = [sum(row[g] for row in rows) for g in range(groups)]
    schools = sum(1 for t_i in t if t_i > 0)
    weights = [t_i / T if T > 0 else None for t_i in t]
    undefined = {"M": None, "local": [None] * len(rows), "weights": weights, "schools": schools}
    if T == 0:
        return {**undefined, "reason": "no students in territory"}
    if sum(1 for n_g in N if n_g > 0) < 2:
        return {**undefined, "reason": "only one group present"}
    if schools < 2:
        return {**undefined, "reason": "only one school"}
    p_g = [n_g / T for n_g in N]
    M = 0.0
    for row, t_i in zip(rows, t, strict=True):
        for g, n_ig in enumerate(row):
            if n_ig > 0:
                p_ig = n_ig / T
                M += p_ig * math.log(p_ig / ((t_i / T) * p_g[g]))
    local = []
    for row, t_i in zip(rows, t, strict=True):
        if t_i == 0:
            local.append(None)
            continue
        cond = [n_ig / t_i for n_ig in row]
        local.append(sum(c * math.log(c / p_g[g]) for g, c in enumerate(cond) if c > 0))
    return {"M": M, "local": local, "weights": weights, "schools": schools, "reason": None}


def composition_gap(a_i: int, t_i: int, A: int, T: int) -> float | None:
    """(a_i/t_i − A/T) × 100, or None when a denominator is 0."""
    if T == 0 or t_i == 0:
        return None
    return (a_i / t_i - A / T) * 100


def by_territory(territory_ids: Sequence[Hashable], rows: Sequence) -> dict[Hashable, list]:
    """Rows of each territory, in input order."""
    grouped: dict[Hashable, list] = {}
    for tid, row in zip(territory_ids, rows, strict=True):
        grouped.setdefault(tid, []).append(row)
    return grouped
