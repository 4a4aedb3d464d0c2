"""Declared jobs: stable ids per tenant, one instance at a time, missed runs coalesced.

Per tenant (times in UTC): `annual-reports:<slug>` at 02:00 on the annual run date (setting
"annual_run_date", "MM-DD", default 30 September) for the school year just
ended, and `evaluation-bundle:<slug>` later that day, which builds the bundle
of the last complete four-year cycle unless it exists. `sync-tenants` keeps
the list in step with the tenants and their settings.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from app.extensions import db
from app.models import ReportArtifact
from app.platform import get_tenant
from jobs import kinds
from jobs.kinds import last_ended_school_year

log = logging.getLogger(__name__)

DEFAULT_RUN_DATE = "09-30"
DEFAULT_MISFIRE_GRACE = 7 * 24 * 3600  # a scheduler down for up to a week still runs the job
SYNC_ID = "sync-tenants"
QUEUE_ID = "run-queue"
QUEUE_SECONDS = 2  # how soon a run started in the web app is picked up
ANNUAL_PREFIX, EVALUATION_PREFIX = "annual-reports:", "evaluation-bundle:"


@dataclass(frozen=True)
class JobSpec:
    """One declared job: APScheduler add_job arguments with a stable id."""

    id: str
    func: str
    args: tuple
    trigger: BaseTrigger
    name: str


def job_options(config: dict[str, Any]) -> dict[str, Any]:
    return {"max_instances": 1, "coalesce": True,
            "misfire_grace_time": int(config.get("SCHEDULER_MISFIRE_GRACE",
                                                 DEFAULT_MISFIRE_GRACE))}


def run_date(setting: Any) -> tuple[int, int]:
    """(month, day) of an "MM-DD" setting; the default for anything unreadable."""
    try:
        month, day = (int(part) for part in str(setting).split("-"))
        date(2001, month, day)  # a real calendar day (29 February is not: 2001 is no leap year)
        return month, day
    except (TypeError, ValueError):
        log.warning("annual_run_date %r is not MM-DD; using %s", setting, DEFAULT_RUN_DATE)
        return run_date(DEFAULT_RUN_DATE)


def declared_jobs(tenants: list[Any]) -> list[JobSpec]:
    """Every job the scheduler should hold for these tenants."""
    specs = [JobSpec(SYNC_ID, "jobs.registry:sync_job", (),
                     IntervalTrigger(minutes=15, timezone=UTC), "Sync tenants' jobs"),
             JobSpec(QUEUE_ID, "jobs.registry:queue_job", (),
                     IntervalTrigger(seconds=QUEUE_SECONDS, timezone=UTC),
                     "Carry out queued report runs")]
    for tenant in tenants:
        month, day = run_date(tenant.annual_run_date or DEFAULT_RUN_DATE)
        specs += [
            JobSpec(f"{ANNUAL_PREFIX}{tenant.slug}", "jobs.registry:annual_job", (tenant.slug,),
                    CronTrigger(month=month, day=day, hour=2, timezone=UTC),
                    f"Annual school reports of {tenant.slug}"),
            JobSpec(f"{EVALUATION_PREFIX}{tenant.slug}", "jobs.registry:evaluation_job",
                    (tenant.slug,), CronTrigger(month=month, day=day, hour=5, timezone=UTC),
                    f"Evaluation bundle of {tenant.slug}"),
        ]
    return specs


def annual_job(slug: str) -> None:
    """Scheduled: the annual reports of the school year just ended."""
    # Job functions import what they run when they run: jobs.scheduler imports this module,
    # and the web app imports jobs.scheduler (its commands) without the report engine.
    from jobs import annual
    from jobs.scheduler import app_context
    with app_context():
        year = last_ended_school_year(datetime.now(UTC).date())
        annual.run_annual(tenant=get_tenant(slug=slug), year=year, trigger="scheduled")


def evaluation_job(slug: str) -> None:
    """Scheduled: the bundle of the last complete cycle, unless one was already built."""
    from jobs import evaluation
    from jobs.scheduler import app_context
    with app_context():
        tenant = get_tenant(slug=slug)
        cycle = kinds.last_full_cycle(
            tenant, last_ended_year=last_ended_school_year(datetime.now(UTC).date()))
        if cycle is None:
            return
        period = kinds.period_of(tenant, cycle)
        done = db.session.execute(db.select(ReportArtifact).filter_by(
            tenant_id=tenant.id, kind=evaluation.KIND, period=period)).first()
        if done is None:
            evaluation.run_evaluation(tenant=tenant, cycle=cycle, trigger="scheduled")


def queue_job() -> None:
    """Every few seconds: start the runs queued by the web app, the API or the CLI."""
    from jobs import worker
    from jobs.scheduler import app_context
    with app_context() as app:
        worker.dispatch(app)


def sync_job() -> None:
    """Scheduled: declare the jobs of tenants created or changed since the last sync."""
    from jobs.scheduler import app_context, current_scheduler, sync
    with app_context() as app:
        scheduler = current_scheduler()
        if scheduler is not None:
            sync(scheduler, app)


def is_due(next_run_time: datetime | None, *, now: datetime | None = None) -> bool:
    return next_run_time is not None and next_run_time <= (now or datetime.now(UTC)) + \
        timedelta(seconds=1)
