"""Coverage: how many of a territory's schools have figures in a year.

A territory-year whose share of schools with figures is below the programme's
"coverage_threshold" (default 90 %) is *partial*: its indices describe only part of
the territory, so pages and API answers flag it, trend charts draw it as such, and it
is never the default year. Counts here are of schools, never of pupils or families.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from app.platform import get_tenant

__all__ = ["by_territory", "coverage_threshold", "default_year", "of_year", "summary"]


def coverage_threshold(*, tenant: str) -> float:
    """The tenant's "coverage_threshold" setting (%), else the default (90)."""
    return get_tenant(slug=tenant).coverage_threshold


def has_figures(data: dict[str, Any], *, school: str, year: int) -> bool:
    """A school has figures in a year when it has an enrolment total or enrolled families
    (the "has data" rule of domain.counts)."""
    figure = data["figures"].get((school, year)) or {}
    return (figure.get("enrolled_total") is not None
            or data["enrolments"].get((school, year), {}).get("total", 0) > 0)


def summary(*, schools_with_figures: int, schools: int, threshold: float) -> dict[str, Any]:
    """The coverage object of the API: counts of schools, share (%) and the partial flag."""
    share = 100.0 * schools_with_figures / schools if schools else None
    return {"schools_with_figures": schools_with_figures, "schools": schools, "share": share,
            "partial": share is not None and share < threshold, "threshold": threshold}


def of_year(data: dict[str, Any], *, year: int | None, threshold: float) -> dict[str, Any]:
    """Coverage of the schools of a territory read in one year."""
    keys = {s["school"] for s in data["schools"]}
    found = (0 if year is None
             else sum(1 for key in keys if has_figures(data, school=key, year=year)))
    return summary(schools_with_figures=found, schools=len(keys), threshold=threshold)


def by_territory(data: dict[str, Any], *, year: int, by: str,
                 threshold: float) -> dict[str, dict[str, Any]]:
    """Coverage of every zone or municipality (`by`) of a programme read in one year."""
    counts: dict[str, list[int]] = {}
    for school in data["schools"]:
        if school.get(by) is None:
            continue
        row = counts.setdefault(school[by], [0, 0])
        row[0] += has_figures(data, school=school["school"], year=year)
        row[1] += 1
    return {key: summary(schools_with_figures=found, schools=total, threshold=threshold)
            for key, (found, total) in counts.items()}


def default_year(data: dict[str, Any], *, years: Iterable[int],
                 threshold: float) -> int | None:
    """The latest of `years` whose coverage is not partial; when every year is partial,
    the latest in which any school has figures (flagged on the page), else the latest."""
    rated = [(year, of_year(data, year=year, threshold=threshold)) for year in sorted(years)]
    some = [year for year, cov in rated if cov["schools_with_figures"]]
    complete = [year for year, cov in rated if cov["schools_with_figures"] and not cov["partial"]]
    for pick in (complete, some, [year for year, _cov in rated]):
        if pick:
            return pick[-1]
    return None
