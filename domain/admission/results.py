"""What a simulation answers: aggregates over the lottery draws, never a family-level row.

Rules the code follows:

- Every figure is computed once per draw and reported as the mean over the
  draws with a 90% interval: the 5th and 95th percentiles of the draws
  (linear interpolation, ``numpy.percentile``).
- Groups: ``all`` applicants, ``nese``, ``disadvantaged`` and ``migrant``
  (an applicant can be in several).  Intake per school is counted for
  ``total``, ``nese``, ``disadvantaged`` and ``migrant``.
- Territory indices of the simulated intake come from ``domain.indices``,
  all draws in one call (each draw is one "territory" there): D, xPx and H
  per focus group (its members against everybody else admitted) and the
  multigroup M on the partition migrant / disadvantaged but not migrant /
  neither, as DESIGN.md defines them.  An index undefined in a draw (for
  instance no member of the group admitted) is left out of the mean; with
  no draw defined the estimate is None with the reason.
- First choice and any choice: share of the group's applicants admitted to
  their first school, or to any school they listed.  ``unassigned`` counts
  the applicants admitted nowhere.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from domain import indices

GROUPS = ("all", "nese", "disadvantaged", "migrant")
FOCUS_GROUPS = ("nese", "disadvantaged", "migrant")
INTAKE = ("total", "nese", "disadvantaged", "migrant")
# Intake columns kept per draw: INTAKE plus "disadvantaged but not migrant" for M.
_DISADVANTAGED_ONLY = 4
PERCENTILES = (5.0, 95.0)


@dataclass(frozen=True)
class Estimate:
    """Mean over the draws with a 90% interval; None (with the reason) if never defined."""

    mean: float | None
    low: float | None
    high: float | None
    defined: int
    reason: str | None = None


@dataclass(frozen=True, eq=False)
class SchoolEstimate:
    """Per-school mean and 90% interval over the draws."""

    mean: NDArray[np.float64]
    low: NDArray[np.float64]
    high: NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class Tally:
    """Per-draw aggregates: intake ``draws × schools × 5``, counts ``draws × groups``."""

    intake: NDArray[np.int64]
    first: NDArray[np.int64]
    any: NDArray[np.int64]
    unassigned: NDArray[np.int64]


@dataclass(frozen=True, eq=False)
class Result:
    """Aggregates of one simulated scenario (module docstring)."""

    mechanism: str
    draws: int
    seed: int
    point_source: str
    applicants: dict[str, int]
    intake: dict[str, SchoolEstimate]
    segregation: dict[str, dict[str, Estimate]]
    M: Estimate
    first_choice: dict[str, Estimate]
    any_choice: dict[str, Estimate]
    unassigned: Estimate
    tally: Tally


def tally_draw(
    *, school: NDArray[np.intp], rank: NDArray[np.intp], members: NDArray[np.bool_],
    schools: int,
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64], int]:
    """Intake by column, first-choice and any-choice counts by group of one draw.

    ``school``/``rank`` per applicant (-1 unassigned); ``members`` is
    applicants × (GROUPS + disadvantaged-only).
    """
    placed = school >= 0
    s = school[placed]
    m = members[placed]
    intake = np.stack([np.bincount(s, weights=m[:, c], minlength=schools)
                       for c in range(members.shape[1])], axis=1).astype(np.int64)
    groups = len(GROUPS)
    first = members[rank == 0, :groups].sum(axis=0)
    got = m[:, :groups].sum(axis=0)
    return intake, first, got, int(school.size - s.size)


def summarise(*, tally: Tally, applicants: NDArray[np.int64]) -> dict:
    """The Result fields computed from the per-draw tally and the group sizes."""
    sizes = np.where(applicants > 0, applicants, 1)
    shares = {"first_choice": tally.first / sizes, "any_choice": tally.any / sizes}
    out = {name: {g: _estimate(v[:, k]) if applicants[k] else _none("no applicants in group")
                  for k, g in enumerate(GROUPS)} for name, v in shares.items()}
    lo, hi = PERCENTILES
    out["intake"] = {
        col: SchoolEstimate(mean=tally.intake[:, :, c].mean(axis=0),
                            low=np.percentile(tally.intake[:, :, c], lo, axis=0),
                            high=np.percentile(tally.intake[:, :, c], hi, axis=0))
        for c, col in enumerate(INTAKE)}
    out["segregation"], out["M"] = _indices(tally.intake)
    out["unassigned"] = _estimate(tally.unassigned.astype(np.float64))
    return out


def _indices(intake: NDArray[np.int64]) -> tuple[dict[str, dict[str, Estimate]], Estimate]:
    draws, schools, _ = intake.shape
    draw_of = np.repeat(np.arange(draws), schools)
    total = intake[:, :, 0].ravel()
    out = {}
    for g in FOCUS_GROUPS:
        a = intake[:, :, INTAKE.index(g)].ravel()
        table = indices.segregation_by_territory(territory_ids=draw_of, a=a, b=total - a)
        out[g] = {name: _estimate(getattr(table, name), table.reason)
                  for name in ("D", "xPx", "H")}
    migrant = intake[:, :, INTAKE.index("migrant")].ravel()
    only = intake[:, :, _DISADVANTAGED_ONLY].ravel()
    counts = np.column_stack((migrant, only, total - migrant - only))
    mi = indices.mutual_information_by_territory(territory_ids=draw_of, counts=counts)
    return out, _estimate(mi.M, mi.reason)


def _estimate(values: NDArray[np.float64], reasons: NDArray[np.int8] | None = None) -> Estimate:
    ok = ~np.isnan(values)
    if not ok.any():
        reason = indices.reason_for(int(reasons[0])) if reasons is not None else None
        return _none(reason)
    kept = values[ok]
    low, high = np.percentile(kept, PERCENTILES)
    return Estimate(mean=float(kept.mean()), low=float(low), high=float(high),
                    defined=int(ok.sum()))


def _none(reason: str | None) -> Estimate:
    return Estimate(mean=None, low=None, high=None, defined=0, reason=reason)
