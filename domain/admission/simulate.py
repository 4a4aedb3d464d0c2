"""Run a scenario over many lottery draws and aggregate the admissions.

Rules the code follows:

- The scenario's measures are applied to the schools first (``measures``),
  then the points of every application are fixed (``points``): they do not
  change between draws, only the lottery does.
- ``draws`` lotteries (default 100) come one after the other from one
  ``numpy.random.Generator`` seeded with ``seed``: the same inputs and seed
  give the same result.
- Each draw runs the mechanism (``mechanisms``) and keeps only aggregates
  (``results``); no family-level row leaves this module.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from domain.admission import points as pt
from domain.admission.measures import Scenario, Setting, apply
from domain.admission.mechanisms import Market, assign
from domain.admission.problem import Applicants, Flat, Schools, check_fit, flatten
from domain.admission.results import GROUPS, Result, Tally, summarise, tally_draw

DEFAULT_DRAWS = 100


@dataclass(frozen=True, eq=False)
class Prepared:
    """Everything fixed across draws: flattened applications, priority levels, group flags."""

    flat: Flat
    levels: NDArray[np.int64]
    group: NDArray[np.bool_]
    setting: Setting
    members: NDArray[np.bool_]
    point_source: str


def prepare(*, applicants: Applicants, schools: Schools, scenario: Scenario,
            rules: pt.PointRules) -> Prepared:
    """Apply the measures and fix each application's points and priority level."""
    check_fit(applicants, schools)
    setting = apply(scenario, schools=schools)
    flat = flatten(applicants.choices)
    home = applicants.home_zone[flat.student]
    near = setting.serves[flat.school, home]
    was_near = schools.serves[flat.school, home]
    sibling = (np.zeros(flat.size, dtype=bool) if applicants.sibling is None
               else applicants.sibling[flat.student, flat.rank])
    derived = pt.derived_points(rules=rules, sibling=sibling, proximity=near,
                                disadvantaged=applicants.disadvantaged[flat.student])
    supplied = None if applicants.points is None else applicants.points[flat.student, flat.rank]
    shift = rules.proximity * (near.astype(np.float64) - was_near)
    points, source = pt.application_points(supplied=supplied, derived=derived,
                                           proximity_shift=shift)
    reserve_group = (np.zeros(applicants.size, dtype=bool) if scenario.reserve is None
                     else getattr(applicants, scenario.reserve.group))
    return Prepared(flat=flat, levels=pt.priority_levels(points=points),
                    group=reserve_group[flat.student], setting=setting,
                    members=_members(applicants), point_source=source)


def simulate(*, applicants: Applicants, schools: Schools, scenario: Scenario | None = None,
             rules: pt.PointRules | None = None, draws: int = DEFAULT_DRAWS,
             seed: int = 0) -> Result:
    """Aggregates of ``draws`` seeded lotteries of one scenario (the baseline by default)."""
    if isinstance(draws, bool) or not isinstance(draws, int) or draws < 1:
        raise ValueError(f"draws must be a positive integer, got {draws!r}")
    scenario = scenario or Scenario()
    prepared = prepare(applicants=applicants, schools=schools, scenario=scenario,
                       rules=rules or pt.PointRules())
    rng = np.random.default_rng(seed)
    per_draw = [tally_draw(**_draw(prepared, mechanism=scenario.mechanism, rng=rng),
                           members=prepared.members, schools=schools.size)
                for _ in range(draws)]
    tally = Tally(*(np.stack(parts) for parts in zip(*per_draw, strict=True)))
    sizes = prepared.members[:, :len(GROUPS)].sum(axis=0)
    return Result(mechanism=scenario.mechanism, draws=draws, seed=seed,
                  point_source=prepared.point_source,
                  applicants={g: int(sizes[k]) for k, g in enumerate(GROUPS)},
                  tally=tally, **summarise(tally=tally, applicants=sizes))


def admit(prepared: Prepared, *, mechanism: str, rng: np.random.Generator) -> NDArray[np.intp]:
    """The admitted application of each applicant in one draw (-1 if none)."""
    lottery = pt.lottery_order(applicants=prepared.members.shape[0], rng=rng)
    key = pt.priority_keys(levels=prepared.levels, student=prepared.flat.student,
                           lottery=lottery)
    market = Market(flat=prepared.flat, key=key, group=prepared.group,
                    places=prepared.setting.places, reserved=prepared.setting.reserved)
    return assign(market, mechanism=mechanism)


def _draw(prepared: Prepared, *, mechanism: str, rng: np.random.Generator) -> dict:
    admitted = admit(prepared, mechanism=mechanism, rng=rng)
    placed = admitted >= 0
    if not placed.any():
        return {"school": admitted, "rank": admitted}
    school = np.where(placed, prepared.flat.school[admitted], -1)
    rank = np.where(placed, prepared.flat.rank[admitted], -1)
    return {"school": school, "rank": rank}


def _members(applicants: Applicants) -> NDArray[np.bool_]:
    """Applicants × (all, nese, disadvantaged, migrant, disadvantaged but not migrant)."""
    return np.column_stack((np.ones(applicants.size, dtype=bool), applicants.nese,
                            applicants.disadvantaged, applicants.migrant,
                            applicants.disadvantaged & ~applicants.migrant))
