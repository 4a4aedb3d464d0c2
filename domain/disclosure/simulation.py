"""What may be published of an admission simulation (domain.admission.summary's record).

A simulated intake is an average over lottery draws of real families' admissions, so its
figures are treated like the counts they estimate:

- **Counts of families and pupils** (applicants per group, each school's mean intake per
  column, the families admitted per group, the unassigned, the families admitted to their
  first choice) are controlled: a mean from 0 to the threshold, exclusive of 0, is
  withheld, with its 90% interval.
- **Sums.** Each group's admitted families are the sum of the schools' intakes (their
  share of the group's applicants is published as "any choice"), and all applicants are
  the admitted plus the unassigned. Secondary suppression runs on those equations
  (``solver.protect``), so no withheld intake can be worked back from the others.
- **Shares** (first choice, any choice) are withheld with their count or their base.
- **Indices** (D, xPx, H of a group; M) follow the rule of every index: published when at
  least two schools admit pupils and the group's admitted and the others are published
  and at or above the threshold (for M, every part of the partition).
- **Calibration.** D of the recorded enrolments follows the same rule on the recorded
  counts, which are never published themselves; the mean absolute errors per school are
  published (an average of differences over all schools gives no one's count).
"""
from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from domain.disclosure.composition import SMALL_NUMBERS
from domain.disclosure.solver import Cell, Equation, protect

GROUP_COLUMN = {"all": "total", "nese": "nese", "disadvantaged": "disadvantaged",
                "migrant": "migrant"}
FOCUS = ("nese", "disadvantaged", "migrant")


def published(record: Mapping[str, Any], *, threshold: int) -> dict[str, Any]:
    """A copy of a stored simulation with every withheld value None and marked."""
    out = copy.deepcopy(dict(record))
    for name in ("baseline", "scenario"):
        if out.get(name):
            out[name] = _result(out[name], threshold=threshold)
    if out.get("calibration"):
        out["calibration"] = _calibration(out["calibration"], out.get("baseline"),
                                          threshold=threshold)
    return out


def _values(result: Mapping[str, Any]) -> tuple[dict[Cell, float], list[Equation]]:
    values: dict[Cell, float] = {}
    equations: list[Equation] = []
    schools = result["schools"]
    for g, col in GROUP_COLUMN.items():
        applicants = result["applicants"][g]
        values[("applicants", g)] = applicants
        for s in schools:
            values[("intake", s["key"], col)] = s["intake"][col][0]
        values[("admitted", g)] = sum(s["intake"][col][0] for s in schools)
        values[("first", g)] = (result["first_choice"][g]["mean"] or 0) * applicants
        equations.append(Equation(("admitted", g),
                                  tuple(("intake", s["key"], col) for s in schools)))
    values[("unassigned",)] = result["unassigned"]["mean"] or 0
    equations.append(Equation(("applicants", "all"), (("admitted", "all"), ("unassigned",))))
    return values, equations


def _result(result: dict[str, Any], *, threshold: int) -> dict[str, Any]:
    values, equations = _values(result)
    hidden = protect(values=values, equations=equations, threshold=threshold)
    for s in result["schools"]:
        s["withheld"] = sorted(col for col in GROUP_COLUMN.values()
                               if ("intake", s["key"], col) in hidden)
        for col in s["withheld"]:
            s["intake"][col] = None
    for g in GROUP_COLUMN:
        base = ("applicants", g) in hidden
        if base:
            result["applicants"][g] = None
        if base or ("admitted", g) in hidden:
            result["any_choice"][g] = _withheld()
        if base or ("first", g) in hidden:
            result["first_choice"][g] = _withheld()
    if ("unassigned",) in hidden:
        result["unassigned"] = _withheld()
    _indices(result, values, hidden, threshold=threshold)
    return result


def _indices(result: dict[str, Any], values: Mapping[Cell, float], hidden: frozenset,
             *, threshold: int) -> None:
    admitting = sum(1 for s in result["schools"] if values[("intake", s["key"], "total")] > 0)
    total = values[("admitted", "all")]
    for g in FOCUS:
        members = values[("admitted", g)]
        ok = (admitting >= 2 and not {("admitted", g), ("admitted", "all")} & hidden
              and members >= threshold and total - members >= threshold)
        if not ok:
            result["segregation"][g] = {name: _withheld() for name in result["segregation"][g]}
    parts = result.get("partition") or []
    if admitting < 2 or ("admitted", "all") in hidden or not parts or \
            any(p is None or p < threshold for p in parts):
        result["M"] = _withheld()
    result.pop("partition", None)


def _calibration(found: dict[str, Any], baseline: Mapping[str, Any] | None, *,
                 threshold: int) -> dict[str, Any]:
    recorded = found.pop("recorded")
    schools = found.pop("schools_with_pupils")
    for g in FOCUS:
        members, others = recorded[g], recorded["total"] - recorded[g]
        if schools < 2 or members < threshold or others < threshold:
            found["D_actual"][g] = {"value": None, "reason": SMALL_NUMBERS}
        if baseline is not None:
            found["D_simulated"][g] = baseline["segregation"][g]["D"]
    return found


def _withheld() -> dict[str, Any]:
    return {"mean": None, "low": None, "high": None, "defined": 0, "reason": SMALL_NUMBERS}
