"""A simulation as it is kept: plain JSON of aggregates, one entry per school and group.

What a scenario run stores (``run``) is the scenario's result and the baseline's (the
year's actual rules on the same applications and lottery seed) side by side, with the
baseline's calibration against the recorded enrolments.  Everything is an aggregate of
the draws; no family-level row is kept.  Estimates are ``{"mean", "low", "high",
"defined", "reason"}`` (a 90% interval over the draws, see ``results``).  Before any of
it is shown, ``domain.disclosure.simulation`` decides what may be published.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import numpy as np

from domain.admission.calibration import Calibration, calibrate
from domain.admission.market import Market, scenario
from domain.admission.measures import Scenario, apply
from domain.admission.results import FOCUS_GROUPS, GROUPS, INTAKE, Estimate, Result
from domain.admission.simulate import simulate

DIGITS = 4


def run(market: Market, *, measures: dict[str, Any], draws: int, seed: int,
        progress: Any = None) -> dict[str, Any]:
    """Simulate the baseline and the scenario (same seed) and summarise both.

    ``progress(done, total)`` is called after each of the two simulations.
    """
    wanted = scenario(market, measures)
    baseline = simulate(applicants=market.applicants, schools=market.schools, draws=draws,
                        seed=seed)
    if progress is not None:
        progress(1, 2)
    result = simulate(applicants=market.applicants, schools=market.schools, scenario=wanted,
                      draws=draws, seed=seed)
    if progress is not None:
        progress(2, 2)
    return {"baseline": summarise(market, baseline, Scenario()),
            "scenario": summarise(market, result, wanted),
            "calibration": calibration(market, calibrate(result=baseline,
                                                         recorded=market.recorded))}


def summarise(market: Market, result: Result, wanted: Scenario) -> dict[str, Any]:
    """One simulated scenario as JSON-ready aggregates."""
    setting = apply(wanted, schools=market.schools)
    schools = []
    for i, key in enumerate(market.school_keys):
        schools.append({
            "key": key, "name": market.school_names[i], "places": int(setting.places[i]),
            "reserved": int(setting.reserved[i]),
            "intake": {col: [_round(result.intake[col].mean[i]),
                             _round(result.intake[col].low[i]),
                             _round(result.intake[col].high[i])] for col in INTAKE}})
    return {
        "mechanism": result.mechanism, "draws": result.draws, "seed": result.seed,
        "point_source": result.point_source, "applicants": dict(result.applicants),
        "schools": schools,
        "segregation": {g: {name: estimate(e) for name, e in by.items()}
                        for g, by in result.segregation.items()},
        "M": estimate(result.M),
        "first_choice": {g: estimate(result.first_choice[g]) for g in GROUPS},
        "any_choice": {g: estimate(result.any_choice[g]) for g in GROUPS},
        "unassigned": estimate(result.unassigned),
        # mean admitted per part of M's partition: migrant, disadvantaged but not migrant,
        # neither (what disclosure control needs to publish M)
        "partition": _partition(result),
    }


def _partition(result: Result) -> list[float | None]:
    admitted = result.tally.intake.sum(axis=1).mean(axis=0)  # per intake column
    migrant, only = admitted[INTAKE.index("migrant")], admitted[len(INTAKE)]
    return [_round(migrant), _round(only), _round(admitted[0] - migrant - only)]


def calibration(market: Market, found: Calibration) -> dict[str, Any]:
    """The baseline against the recorded enrolments: mean errors and D both ways."""
    recorded = market.recorded
    return {
        "mean_error": {col: _round(v) for col, v in found.mean_error.items()},
        "share_misplaced": _round(found.share_misplaced),
        "D_simulated": {g: estimate(found.D_simulated[g]) for g in FOCUS_GROUPS},
        "D_actual": {g: {"value": _round(found.D_actual[g].value),
                         "reason": found.D_actual[g].reason} for g in FOCUS_GROUPS},
        "recorded": {col: int(recorded[col].sum()) for col in INTAKE},
        "schools_with_pupils": int(np.count_nonzero(recorded["total"])),
    }


def estimate(value: Estimate) -> dict[str, Any]:
    out = asdict(value)
    for name in ("mean", "low", "high"):
        out[name] = _round(out[name])
    return out


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), DIGITS)
