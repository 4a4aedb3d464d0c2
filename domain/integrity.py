"""When a record may be dated: the temporal rules every entry path and `imant check` share.

- A stage assessment names a school year from the alliance's **planning year** to its
  end. The planning year is the school year before the start year (the programme's
  year 0, when school and partner prepare the alliance): an alliance starting in 2026
  may be assessed for 2025-26 onwards. Its last year is the end year of an ended
  alliance, otherwise the current school year.
- A contribution is dated within the alliance's life: from 1 September of its start
  year to 31 August of its end year (an ongoing alliance: up to today). A partner
  change ends one alliance and starts another, so each partner's contributions fall
  in its own alliance's window: the old partner's up to the change, the new one's after.
- School-year figures name no school year after the current one.
- Nothing is dated in the future (domain.vocabulary.latest_year).

Each rule returns None or a Problem naming the field, the value and the allowed range.
Its reason is a sentence marked for the catalogues (`N_`) with its values apart, so the
web app words it in the reader's language (app/labels.py) and `imant check` in English.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from domain.vocabulary import N_, latest_year, school_year_bounds, school_year_label

PLANNING_YEARS = 1  # school years before the start year in which an alliance may be assessed


@dataclass(frozen=True)
class Problem:
    field: str
    value: Any
    template: str  # the reason, marked with N_, with %(name)s placeholders
    params: Mapping[str, Any]

    @property
    def reason(self) -> str:
        """The reason in English (the web app translates `template` instead)."""
        return self.template % self.params


def assessment_years(alliance: Mapping[str, Any], *, today: date) -> tuple[int | None, int]:
    """First and last school year an assessment of `alliance` may name."""
    start, end = alliance.get("start_year"), alliance.get("end_year")
    first = None if start is None else start - PLANNING_YEARS
    last = latest_year(today=today) if end is None else min(end, latest_year(today=today))
    return first, last


def check_assessment_year(*, year: int, alliance: Mapping[str, Any],
                          today: date) -> Problem | None:
    first, last = assessment_years(alliance, today=today)
    if (first is not None and year < first) or year > last:
        if first is None:
            return Problem("year", year, N_("%(year)s is outside the alliance's years, its "
                                            "first year to %(last)s (from its planning year)"),
                           {"year": year, "last": school_year_label(last)})
        return Problem("year", year, N_("%(year)s is outside the alliance's years %(first)s "
                                        "to %(last)s (from its planning year)"),
                       {"year": year, "first": school_year_label(first),
                        "last": school_year_label(last)})
    return None


def contribution_dates(alliance: Mapping[str, Any], *, today: date) -> tuple[str | None, str]:
    """First and last day (ISO) a contribution to `alliance` may be dated."""
    start, end = alliance.get("start_year"), alliance.get("end_year")
    first = None if start is None else school_year_bounds(start)[0]
    last = today.isoformat() if end is None else min(school_year_bounds(end)[1],
                                                     today.isoformat())
    return first, last


def check_contribution_date(*, day: str, alliance: Mapping[str, Any],
                            today: date) -> Problem | None:
    first, last = contribution_dates(alliance, today=today)
    if (first is not None and day < first) or day > last:
        if first is None:
            return Problem("date", day, N_("%(day)s is outside the alliance's life, its "
                                           "start to %(last)s"), {"day": day, "last": last})
        return Problem("date", day, N_("%(day)s is outside the alliance's life, %(first)s "
                                       "to %(last)s"), {"day": day, "first": first, "last": last})
    return None


def check_figures_year(*, year: int, today: date) -> Problem | None:
    last = latest_year(today=today)
    if year > last:
        return Problem("year", year, N_("%(year)s is after the current school year %(last)s"),
                       {"year": year, "last": school_year_label(last)})
    return None


@dataclass(frozen=True)
class Finding:
    """One stored record that breaks a rule: what `imant check` and its page list."""

    record: str  # the kind of record
    key: str
    field: str
    value: Any
    template: str  # the rule broken, marked with N_, with %(name)s placeholders
    params: Mapping[str, Any]
    alliance: str | None = None  # the alliance a dated record belongs to

    @property
    def rule(self) -> str:
        """The rule broken, in English (the web app translates `template` instead)."""
        rule = self.template % self.params
        return rule if self.alliance is None else f"alliance {self.alliance}: {rule}"


def _dated(kind: str, rows: list[dict], check: Any) -> list[Finding]:
    found = []
    for row in rows:
        problem = row["value"] is not None and check(row)
        if problem:
            found.append(Finding(kind, row["key"], problem.field, problem.value,
                                 problem.template, problem.params, row["alliance"]))
    return found


def _figures(rows: list[dict], today: date) -> list[Finding]:
    found = []
    for row in rows:
        if row["school"] is None:
            found.append(Finding("school_year", row["key"], "school", None,
                                 N_("figures of a school that does not exist"), {}))
        problem = row["value"] is not None and check_figures_year(year=row["value"],
                                                                  today=today)
        if problem:
            found.append(Finding("school_year", row["key"], problem.field, problem.value,
                                 problem.template, problem.params))
    return found


def find_problems(records: Mapping[str, list[dict]], *, today: date) -> list[Finding]:
    """Every stored record that breaks a rule above (records as graph.integrity reads them)."""
    found = _dated("assessment", records.get("assessment", []),
                   lambda row: check_assessment_year(year=row["value"], alliance=row,
                                                     today=today))
    found += _dated("contribution", records.get("contribution", []),
                    lambda row: check_contribution_date(day=str(row["value"])[:10],
                                                        alliance=row, today=today))
    found += [Finding("measure", row["key"], "schools", row["value"],
                      N_("school %(school)s is in municipality %(in)s, not %(municipality)s"),
                      {"school": row["value"], "in": row["school_municipality"] or "—",
                       "municipality": row["municipality"]})
              for row in records.get("measure", [])]
    return found + _figures(records.get("school_year", []), today)
