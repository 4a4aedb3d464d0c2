"""How far to trust the model: a simulated baseline against the recorded enrolments.

Rules the code follows:

- ``recorded`` gives, per school (same rows as the simulation), the
  enrolments at the entry grade for ``total``, ``nese``, ``disadvantaged``
  and ``migrant``; each group's count is at most the total.
- Per school and column, the error is the absolute difference between the
  simulated mean intake and the recorded count; ``mean_error`` averages it
  over the schools, and ``share_misplaced`` is the total absolute error of
  the ``total`` column over twice the recorded total (the share of pupils
  the model puts at another school; 0 when nobody is recorded).
- D per focus group: the simulated estimate (mean and 90% interval over
  the draws) beside D of the recorded enrolments, both from
  ``domain.indices``; an undefined actual D is None with its reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from domain import indices
from domain.admission.results import FOCUS_GROUPS, INTAKE, Estimate, Result


@dataclass(frozen=True, eq=False)
class Calibration:
    """Per-school errors of the simulated intake and D simulated against D actual."""

    error: dict[str, NDArray[np.float64]]
    mean_error: dict[str, float]
    share_misplaced: float
    D_simulated: dict[str, Estimate]
    D_actual: dict[str, indices.Value]


def calibrate(*, result: Result, recorded: Mapping[str, ArrayLike]) -> Calibration:
    """Compare a simulated baseline with the recorded enrolments of the same schools."""
    schools = result.intake["total"].mean.size
    counts = _recorded(recorded, schools=schools)
    error = {col: np.abs(result.intake[col].mean - counts[col]) for col in INTAKE}
    total = counts["total"].sum()
    actual = {}
    for g in FOCUS_GROUPS:
        seg = indices.segregation(a=counts[g], b=counts["total"] - counts[g])
        actual[g] = indices.Value(seg.D, seg.reason)
    return Calibration(
        error=error,
        mean_error={col: float(e.mean()) if e.size else 0.0 for col, e in error.items()},
        share_misplaced=float(error["total"].sum() / (2 * total)) if total else 0.0,
        D_simulated={g: result.segregation[g]["D"] for g in FOCUS_GROUPS},
        D_actual=actual,
    )


def _recorded(recorded: Mapping[str, ArrayLike], *, schools: int) -> dict[str, NDArray]:
    missing = [col for col in INTAKE if col not in recorded]
    if missing:
        raise ValueError(f"recorded is missing the columns {missing}")
    out = {}
    for col in INTAKE:
        arr = np.asarray(recorded[col])
        if arr.shape != (schools,) or arr.dtype.kind not in "iu" or (arr < 0).any():
            raise ValueError(f"recorded[{col!r}] must hold one non-negative integer per school "
                             f"({schools}), got shape {arr.shape} of {arr.dtype}")
        out[col] = arr.astype(np.int64)
    for g in FOCUS_GROUPS:
        over = np.flatnonzero(out[g] > out["total"])
        if over.size:
            raise ValueError(f"recorded[{g!r}] exceeds the total at school {int(over[0])}")
    return out
