"""Domain words, each written once: school-year labels, the active-in-year rule, focus group,
measure and contribution kind labels, and the default suppression and coverage thresholds.

Pages, API answers, reports and bundles all import these; a second copy is a bug
waiting to drift. The enums themselves live in graph/model.py.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from graph.model import MEASURE_LABELS, N_, MeasureKind, label, school_year_of

DEFAULT_SUPPRESSION_THRESHOLD = 5  # counts of people from 1 to 4 are never shown
# A territory-year with figures for fewer than this share (%) of its schools is partial:
# flagged, drawn as such in trends and never the default year.
DEFAULT_COVERAGE_THRESHOLD = 90
NO_YEAR = "—"

# marked with N_ for the catalogues: pages show them translated (app/labels.py)
GROUP_LABELS = {"disadvantaged": N_("Socio-economically disadvantaged"),
                "migrant": N_("Migrant origin"), "nese": N_("Special educational needs (NESE)")}
CONTRIBUTION_KIND_LABELS = {
    "co_design": N_("Co-design of teaching units"), "training": N_("Teacher training"),
    "workshop": N_("Workshops"), "mentoring": N_("Mentoring"), "resources": N_("Resources"),
    "event": N_("Events"), "other": N_("Other")}


def school_year_label(year: Any) -> str:
    """2024 -> "2024-25": a school year is named by the calendar year it starts in."""
    if isinstance(year, bool) or not isinstance(year, int):
        return NO_YEAR
    return f"{year}-{(year + 1) % 100:02d}"


def school_year_bounds(year: int) -> tuple[str, str]:
    """First and last day of school year `year` (1 September to 31 August), ISO dates."""
    return f"{year:04d}-09-01", f"{year + 1:04d}-08-31"


def active_in(year: int, start: Any, end: Any) -> bool:
    """Active in school year `year`: it starts by the year's last day and has not ended
    before its first. No start: active since always; no end: ongoing."""
    first, last = school_year_bounds(year)
    begins = not start or str(start)[:10] <= last
    lasts = not end or str(end)[:10] >= first
    return begins and lasts


def group_label(group: str) -> str:
    return GROUP_LABELS.get(group, label(group))


def measure_label(kind: str | None) -> str:
    try:
        return MEASURE_LABELS[MeasureKind(kind)]
    except ValueError:
        return label(kind or "other")


def contribution_label(kind: str | None) -> str:
    return CONTRIBUTION_KIND_LABELS.get(kind or "other", label(kind or "other"))


def latest_year(*, today: date) -> int:
    """The last school year anything may be dated in: the current one (nothing later)."""
    return school_year_of(today)


def beyond_current_year(year: int, *, today: date) -> bool:
    """A school year after the current one: in the future, so never recorded."""
    return year > latest_year(today=today)
