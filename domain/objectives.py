"""The status of a measurable objective in a school year, read against a straight line from
its baseline to its target, and the checks an objective's definition must pass."""
from __future__ import annotations

from dataclasses import dataclass

from domain.planning import (
    invalid,
    is_choice,
    require_school_year,
    validate_objective_years,
)
from graph.model import GROUP_METRICS, Direction, FocusGroup, Metric, ObjectiveStatus, Stage

# How far below the straight line a value may sit and still be on track, as a share of the
# whole planned change |target − baseline|.
TOLERANCE = 0.10


@dataclass(frozen=True)
class ObjectiveReading:
    status: ObjectiveStatus
    expected: float | None      # the straight line's value for the year (None when not read)
    reason: str


def expected_value(*, baseline_year: int, baseline: float, target_year: int, target: float,
                   year: int) -> float:
    """The straight line from (baseline_year, baseline) to (target_year, target) at `year`."""
    step = (year - baseline_year) / (target_year - baseline_year)
    return baseline + (target - baseline) * step


def objective_status(*, baseline_year: int, baseline: float | None, target_year: int,
                     target: float, direction: str, year: int, value: float | None,
                     tolerance: float = TOLERANCE) -> ObjectiveReading:
    """The status of an objective in school year `year`, given that year's value.

    Rule (better = higher for `increase`, lower for `decrease`):
    - `no data` when the year has no value, the objective has no baseline, or `year` is
      before the baseline year (the reason says which);
    - `met` when the value is at the target or better, in any year;
    - `missed` when the target year has come (year ≥ target year) and the target is not met;
    - `on track` when the value is at the straight line's value for the year or better, or
      worse by no more than `tolerance` × |target − baseline| (default 10% of the change);
    - `at risk` otherwise.
    """
    if value is None:
        return ObjectiveReading(ObjectiveStatus.NO_DATA, None, f"no value for {year}")
    if baseline is None:
        return ObjectiveReading(ObjectiveStatus.NO_DATA, None, "no baseline")
    if year < baseline_year:
        return ObjectiveReading(ObjectiveStatus.NO_DATA, None,
                                f"{year} is before the baseline year {baseline_year}")
    sign = 1 if direction == Direction.INCREASE else -1
    if sign * (value - target) >= 0:
        return ObjectiveReading(ObjectiveStatus.MET, target, "the target is reached")
    if year >= target_year:
        return ObjectiveReading(ObjectiveStatus.MISSED, target,
                                f"the target year {target_year} has come without the target")
    expected = expected_value(baseline_year=baseline_year, baseline=baseline,
                              target_year=target_year, target=target, year=year)
    band = tolerance * abs(target - baseline)
    if sign * (value - expected) >= -band:
        return ObjectiveReading(ObjectiveStatus.ON_TRACK, expected,
                                "on or near the line from baseline to target")
    return ObjectiveReading(ObjectiveStatus.AT_RISK, expected,
                            "behind the line from baseline to target")


def default_baseline_year(*, alliance_start_year: int) -> int:
    """The baseline is read from the school year before the alliance started (it can be
    overridden with a reason, see validate_baseline_override)."""
    return alliance_start_year - 1


def stage_value(stage: str) -> int:
    """A stage as the number a `component_stage` objective measures (planning = 1 … 4)."""
    return list(Stage).index(Stage(stage)) + 1


def _require_choice(field: str, value: str | None, choices: type) -> None:
    if not is_choice(value, choices):
        raise invalid(field, value, f"not one of {', '.join(choices)}")


def validate_objective(*, metric: str, group: str | None, component: str | None,
                       unit: str | None, baseline: float | None, baseline_year: int,
                       target: float, direction: str, target_year: int) -> None:
    """An objective's definition: a known metric with what it needs (a focus group for
    composition gap and group share, a core component for component stage, a unit for a
    manual metric), a direction, a target year after the baseline year, and a target on the
    side of the baseline its direction says."""
    _require_choice("metric", metric, Metric)
    _require_choice("direction", direction, Direction)
    if metric in GROUP_METRICS:
        _require_choice("group", group, FocusGroup)
    if metric == Metric.COMPONENT_STAGE and not component:
        raise invalid("component", component, "a component-stage objective names a component")
    if metric == Metric.MANUAL and not (unit or "").strip():
        raise invalid("unit", unit, "a manual objective needs a unit")
    require_school_year("baseline_year", baseline_year)
    require_school_year("target_year", target_year)
    validate_objective_years(baseline_year=baseline_year, target_year=target_year)
    for name, value in (("baseline", baseline), ("target", target)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            raise invalid(name, value, "must be a number")
    if target is None:
        raise invalid("target", target, "an objective needs a target value")
    if baseline is None:
        return
    sign = 1 if direction == Direction.INCREASE else -1
    if sign * (target - baseline) <= 0:
        raise invalid("target", target, f"an objective to {direction} needs a target "
                      f"{'above' if sign > 0 else 'below'} the baseline {baseline}")


def validate_baseline_override(*, baseline: float | None, reason: str | None,
                               computed: float | None) -> None:
    """A baseline typed over the one Imant computes (from the year before the alliance
    started) says why."""
    if baseline != computed and not (reason or "").strip():
        raise invalid("baseline_reason", reason,
                      "a baseline that differs from the computed one needs a reason")
