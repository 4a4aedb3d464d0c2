"""APScheduler 3 with its job store in the SQL database (table `apscheduler_jobs`, which
APScheduler creates itself, outside our migrations).

Production runs exactly one `imant scheduler` process (BlockingScheduler) beside
the web workers; `imant serve --demo` (`make run`) starts that same command as a
child process. It is also the worker: every few seconds it carries out the runs
the web app, the API or the CLI queued (jobs/worker.py). A scheduler
starts paused, declares the registry's jobs, then resumes: jobs already in the
store keep their next run time, so a run missed while no scheduler was up
still happens once on return (coalesced, within the misfire grace time).
"""
from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from datetime import UTC
from typing import Any

import sqlalchemy as sa
from apscheduler.events import EVENT_SCHEDULER_START
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import STATE_STOPPED, BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from flask import Flask

from app.extensions import db
from app.models import Tenant
from jobs.registry import (
    ANNUAL_PREFIX,
    EVALUATION_PREFIX,
    SYNC_ID,
    JobSpec,
    declared_jobs,
    is_due,
    job_options,
)

log = logging.getLogger(__name__)
KEY = "imant.scheduler"  # app.extensions[KEY]: the scheduler running for that app
# The app whose scheduler runs in this process: APScheduler calls job functions by name,
# without arguments, so they find their app here (one per process, set by start()).
_served: list[Flask] = []


def make_scheduler(app: Flask, *, blocking: bool = False) -> BaseScheduler:
    """A scheduler on the app's SQL database (not started).

    The job store gets an engine of its own: APScheduler disposes of it at shutdown.
    """
    with app.app_context():
        engine = sa.create_engine(db.engine.url,
                                  **app.config.get("SQLALCHEMY_ENGINE_OPTIONS", {}))
    store = SQLAlchemyJobStore(engine=engine)
    cls = BlockingScheduler if blocking else BackgroundScheduler
    return cls(jobstores={"default": store}, executors={"default": ThreadPoolExecutor(4)},
               job_defaults=job_options(app.config), timezone=UTC)


def sync(scheduler: BaseScheduler, app: Flask) -> dict[str, str]:
    """Declare every open tenant's jobs once (by id) and drop those of removed or archived
    tenants (a restored one gets them back at the next sync)."""
    with app.app_context():
        tenants = list(db.session.execute(db.select(Tenant).filter(
            Tenant.archived_at.is_(None)).order_by(Tenant.slug)).scalars())
        specs = declared_jobs(tenants)
    options = job_options(app.config)
    outcome = {spec.id: _declare(scheduler, spec, options) for spec in specs}
    for job in scheduler.get_jobs():
        if job.id.startswith((ANNUAL_PREFIX, EVALUATION_PREFIX)) and job.id not in outcome:
            scheduler.remove_job(job.id)
            outcome[job.id] = "removed"
    return outcome


def _declare(scheduler: BaseScheduler, spec: JobSpec, options: dict[str, Any]) -> str:
    job = scheduler.get_job(spec.id)
    if job is None:
        scheduler.add_job(spec.func, trigger=spec.trigger, args=spec.args, id=spec.id,
                          name=spec.name, replace_existing=True, **options)
        return "added"
    same = (str(job.trigger) == str(spec.trigger) and tuple(job.args) == spec.args
            and all(getattr(job, k) == v for k, v in options.items()))
    if same:
        return "kept"
    if is_due(job.next_run_time):  # keep the missed run: it fires when the scheduler wakes
        scheduler.modify_job(spec.id, trigger=spec.trigger, args=spec.args, **options)
    else:
        scheduler.modify_job(spec.id, args=spec.args, **options)
        scheduler.reschedule_job(spec.id, trigger=spec.trigger)
    return "updated"


def start(scheduler: BaseScheduler, app: Flask) -> BaseScheduler:
    """Start paused, declare the jobs, resume (a blocking scheduler then runs until stopped)."""
    def on_start(_event: Any) -> None:
        sync(scheduler, app)
        scheduler.resume()

    app.extensions[KEY] = scheduler
    _served[:] = [app]
    scheduler.add_listener(on_start, EVENT_SCHEDULER_START)
    scheduler.start(paused=True)
    return scheduler


def start_background(app: Flask) -> BaseScheduler:
    """A scheduler running on threads of this process (development, tests)."""
    return start(make_scheduler(app), app)


def run_blocking(app: Flask) -> None:
    """Run the scheduler in the foreground until interrupted (`imant scheduler`)."""
    scheduler = make_scheduler(app, blocking=True)
    try:
        start(scheduler, app)
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        stop(scheduler, wait=False)


def describe(app: Flask) -> list[dict[str, Any]]:
    """The declared jobs as the store holds them (after a sync)."""
    scheduler = make_scheduler(app)
    scheduler.start(paused=True)
    try:
        sync(scheduler, app)
        return [{"id": job.id, "name": job.name, "trigger": str(job.trigger),
                 "next_run_time": job.next_run_time} for job in scheduler.get_jobs()]
    finally:
        stop(scheduler, wait=False)


def stop(scheduler: BaseScheduler, *, wait: bool = True) -> None:
    """Shut a scheduler down (waiting for running jobs) and forget it.

    The job store is detached first: on shutdown APScheduler looks for due jobs once
    more and, finding its executors closed, would move a missed job on to its next
    date, so the run missed while down would never happen.
    """
    if scheduler.state != STATE_STOPPED:
        with contextlib.suppress(KeyError):
            scheduler.remove_jobstore("default", shutdown=True)
        scheduler.shutdown(wait=wait)
    if _served and _served[0].extensions.get(KEY) is scheduler:
        _served[0].extensions.pop(KEY)
        _served.clear()


def current_scheduler() -> BaseScheduler | None:
    return _served[0].extensions.get(KEY) if _served else None


@contextlib.contextmanager
def app_context() -> Iterator[Flask]:
    """The app of the scheduler running in this process, in context.

    The scheduler is started with its app (`start`), so jobs never build one: this
    module does not import the application factory, and the web app may import it.
    """
    app = _served[0] if _served else None
    if app is None:
        raise RuntimeError("no scheduler runs in this process; start one with `imant scheduler`")
    with app.app_context():
        yield app


__all__ = ["SYNC_ID", "make_scheduler", "sync", "start", "start_background", "run_blocking",
           "describe", "stop", "current_scheduler", "app_context"]
