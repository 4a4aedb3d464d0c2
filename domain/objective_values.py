"""An objective's value in a school year, read from the figures Imant already holds, and the
yearly readings (value, straight-line expectation, status) the pages, reports and bundle show.

Where each metric's value comes from (`YearSources` holds them, already read):
- `demand_ratio`: the school's demand ratio (applications per entry place) that year;
- `composition_gap`, `group_share`: the school's gap to its zone, and its share, for the
  objective's focus group, in percentage points; a count withheld by disclosure control
  (a group of 1 to threshold−1 pupils) gives no value, so a status never reveals it;
- `training_share`: the alliance's teachers in training, in %, recorded as one current
  share: it is the value of the current school year only;
- `contribution_hours`, `contribution_activities`, `families_reached`: the sum over the
  alliance's contributions dated in that school year (0 in a year without any, up to the
  current year); families reached are people, withheld like any count of families;
- `component_stage`: the stage accepted for that component and year, as 1 (planning) to 4
  (optimization);
- `manual`: the value typed in for that year.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from domain.objectives import ObjectiveReading, objective_status, stage_value
from graph.model import Metric, ObjectiveStatus


@dataclass(frozen=True)
class Value:
    value: float | None
    reason: str | None = None     # why there is no value


@dataclass(frozen=True)
class YearSources:
    """What an alliance's objectives are read from (see the module docstring)."""

    current_year: int
    threshold: int
    school_years: Mapping[int, Mapping[str, Any]] = field(default_factory=dict)
    activity: Mapping[int, Mapping[str, Any]] = field(default_factory=dict)
    training_share: float | None = None
    stages: Mapping[str, Mapping[int, str]] = field(default_factory=dict)


def _composition(objective: Mapping[str, Any], sources: YearSources, year: int) -> Value:
    row = sources.school_years.get(year)
    if row is None:
        return Value(None, f"no figures for the school in {year}")
    group = row["composition"].get(objective["group"]) or {}
    if group.get("suppressed"):
        return Value(None, f"withheld: fewer than {sources.threshold} pupils in a group")
    name = "gap_pp" if objective["metric"] == Metric.COMPOSITION_GAP else "share"
    if group.get(name) is None:
        return Value(None, group.get("reason") or f"no figures for the school in {year}")
    return Value(float(group[name]))


def _demand(sources: YearSources, year: int) -> Value:
    row = sources.school_years.get(year)
    if row is None:
        return Value(None, f"no figures for the school in {year}")
    demand = row["demand"]
    if demand.get("ratio") is None:
        return Value(None, demand.get("reason") or "no demand figures")
    return Value(float(demand["ratio"]))


ACTIVITY_FIELDS = {Metric.CONTRIBUTION_HOURS: "hours",
                   Metric.CONTRIBUTION_ACTIVITIES: "activities",
                   Metric.FAMILIES_REACHED: "families"}


def _activity(metric: str, sources: YearSources, year: int) -> Value:
    if year > sources.current_year:
        return Value(None, f"{year} has not come yet")
    entry = sources.activity.get(year) or {}
    if entry.get(ACTIVITY_FIELDS[metric], 0) is None:  # withheld by disclosure control
        return Value(None, "withheld: small numbers of families")
    return Value(float(entry.get(ACTIVITY_FIELDS[metric]) or 0))


def metric_value(objective: Mapping[str, Any], sources: YearSources, year: int) -> Value:
    """The objective's value in school year `year`, or why there is none."""
    metric = objective["metric"]
    if metric in (Metric.COMPOSITION_GAP, Metric.GROUP_SHARE):
        return _composition(objective, sources, year)
    if metric == Metric.DEMAND_RATIO:
        return _demand(sources, year)
    if metric in ACTIVITY_FIELDS:
        return _activity(metric, sources, year)
    if metric == Metric.TRAINING_SHARE:
        if year != sources.current_year:
            return Value(None, "teachers in training is recorded as the current share only")
        if sources.training_share is None:
            return Value(None, "no teachers-in-training share recorded")
        return Value(100.0 * float(sources.training_share))
    if metric == Metric.COMPONENT_STAGE:
        stage = sources.stages.get(objective["component"], {}).get(year)
        if stage is None:
            return Value(None, f"no accepted stage for {year}")
        return Value(float(stage_value(stage)))
    typed = next((row["value"] for row in objective.get("values") or []
                  if row["year"] == year), None)
    return Value(None, f"no value typed in for {year}") if typed is None else Value(float(typed))


@dataclass(frozen=True)
class YearReading:
    year: int
    value: float | None
    expected: float | None
    status: ObjectiveStatus
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {"year": self.year, "value": self.value, "expected": self.expected,
                "status": self.status.value, "reason": self.reason}


def baseline_of(objective: Mapping[str, Any], sources: YearSources) -> Value:
    """The baseline Imant computes: the value in the objective's baseline year."""
    return metric_value(objective, sources, objective["baseline_year"])


def readings(objective: Mapping[str, Any], sources: YearSources) -> list[YearReading]:
    """One reading per school year from the baseline year to the target year or the current
    year, whichever comes first (domain.objectives.objective_status decides each status)."""
    out = []
    last = min(objective["target_year"], sources.current_year)
    for year in range(objective["baseline_year"], last + 1):
        found = metric_value(objective, sources, year)
        reading: ObjectiveReading = objective_status(
            baseline_year=objective["baseline_year"], baseline=objective.get("baseline"),
            target_year=objective["target_year"], target=objective["target"],
            direction=objective["direction"], year=year, value=found.value)
        reason = found.reason if found.value is None and found.reason else reading.reason
        out.append(YearReading(year, found.value, reading.expected, reading.status, reason))
    return out


def current_reading(years: list[YearReading], *, current_year: int) -> YearReading:
    """The status an objective shows: the latest year's reading that has a value (a figure
    often arrives a year late); when no year has one, the latest year's, saying why."""
    with_value = [r for r in years if r.value is not None]
    if with_value:
        return with_value[-1]
    if years:
        return years[-1]
    return YearReading(current_year, None, None, ObjectiveStatus.NO_DATA,
                       "the baseline year has not come yet")
