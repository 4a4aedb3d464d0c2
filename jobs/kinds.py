"""The kinds of report run and their periods: all the web app needs to know of jobs.

A run is identified by (tenant, kind, period): an annual run's period is the
school year by its first calendar year ("2023"), an evaluation run's the cycle's
first and last school years ("2020-2023").
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date

from app.models import Tenant
from domain.vocabulary import school_year_label
from graph.errors import Invalid
from graph.model import school_year_of

ANNUAL, EVALUATION = "annual", "evaluation"
KINDS = (ANNUAL, EVALUATION)  # the report runs
# an admission scenario's run: its period is the scenario's id
SIMULATION = "simulation"
RUN_KIND_LABELS = {ANNUAL: "Annual school reports", EVALUATION: "Evaluation bundle"}
CYCLE = 4


def last_ended_school_year(today: date) -> int:
    """The latest school year (Sep–Aug) that has ended by `today`."""
    return school_year_of(today) - 1


def cycle_bounds(tenant: Tenant, cycle: int) -> tuple[int, int]:
    """(first, last) school year of the cycle starting in `cycle`; Invalid if none does."""
    if cycle < tenant.start_year or (cycle - tenant.start_year) % CYCLE:
        raise Invalid(f"Cycles of this programme start in {tenant.start_year}, "
                      f"{tenant.start_year + CYCLE}, … (every {CYCLE} years); not in {cycle}.",
                      errors=[{"field": "cycle", "value": cycle,
                               "reason": "not the first year of a cycle"}])
    return cycle, cycle + CYCLE - 1


def period_of(tenant: Tenant, cycle: int) -> str:
    first, last = cycle_bounds(tenant, cycle)
    return f"{first}-{last}"


def last_full_cycle(tenant: Tenant, *, last_ended_year: int) -> int | None:
    """First year of the latest cycle whose last school year has ended, if any."""
    done = (last_ended_year - tenant.start_year + 1) // CYCLE
    return tenant.start_year + (done - 1) * CYCLE if done > 0 else None


def cycle_of(period: str) -> int:
    """The first school year of an evaluation period ("2020-2023" -> 2020)."""
    return int(period.split("-", 1)[0])


def slug(text: str | None) -> str:
    """Lower-case ASCII words joined by hyphens ("Escola Sant Martí" -> "escola-sant-marti")."""
    plain = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def download_name(*, programme: str, kind: str, period: str, fmt: str,
                  subject_key: str = "", subject_name: str | None = None) -> str:
    """The name a report file downloads under.

    An annual report: <programme>-<school name>-<2024-25>.<fmt> (the school's key when
    its name is unknown or has no letter that survives ASCII folding); a bundle:
    <programme>-evaluation-<2020-21>-to-<2023-24>.zip.
    """
    if kind == ANNUAL:
        parts = [slug(subject_name) or slug(subject_key), _year(period)]
    else:
        first, _, last = period.partition("-")
        parts = ["evaluation", _year(first), "to", _year(last)]
    return "-".join(p for p in [slug(programme) or "imant", *parts] if p) + f".{fmt}"


def _year(period: str) -> str:
    return school_year_label(int(period)) if period.isdigit() else slug(period)
