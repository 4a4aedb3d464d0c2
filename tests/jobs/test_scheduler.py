"""The scheduler: one job per id and tenant however often it starts, missed runs run once."""
from __future__ import annotations

import os
import time
from datetime import UTC, date, datetime, timedelta

import pytest

from app.extensions import db
from jobs import kinds, registry, runs, scheduler
from tests.reports.helpers import YEAR, artifacts_of, runs_of, seed


@pytest.fixture
def started():
    """Start schedulers through this; each is stopped (waiting for its jobs) afterwards."""
    made = []

    def start(app):
        made.append(scheduler.start_background(app))
        return made[-1]

    yield start
    for one in made:
        scheduler.stop(one)


def _ids(sched) -> list[str]:
    return sorted(job.id for job in sched.get_jobs())


def test_jobs_are_declared_once_per_tenant(app, tenant, other_tenant, started):
    first = started(app)
    expected = sorted([registry.SYNC_ID, registry.QUEUE_ID, f"annual-reports:{tenant.slug}",
                       f"evaluation-bundle:{tenant.slug}", f"annual-reports:{other_tenant.slug}",
                       f"evaluation-bundle:{other_tenant.slug}"])
    assert _ids(first) == expected
    job = first.get_job(f"annual-reports:{tenant.slug}")
    assert (job.max_instances, job.coalesce) == (1, True)
    assert job.misfire_grace_time == registry.DEFAULT_MISFIRE_GRACE
    assert (job.next_run_time.month, job.next_run_time.day) == (9, 30)
    scheduler.stop(first)
    second = started(app)  # a restart over the same SQL job store
    assert _ids(second) == expected
    assert scheduler.sync(second, app)[f"annual-reports:{tenant.slug}"] == "kept"
    assert _ids(second) == expected


def test_a_changed_run_date_moves_the_job(app, tenant, started):
    sched = started(app)
    tenant.settings = {**tenant.settings, "annual_run_date": "07-15"}
    db.session.commit()
    assert scheduler.sync(sched, app)[f"annual-reports:{tenant.slug}"] == "updated"
    job = sched.get_job(f"annual-reports:{tenant.slug}")
    assert (job.next_run_time.month, job.next_run_time.day) == (7, 15)


def test_jobs_of_a_removed_tenant_are_dropped(app, tenant, other_tenant, started):
    sched = started(app)
    db.session.delete(other_tenant)
    db.session.commit()
    outcome = scheduler.sync(sched, app)
    assert outcome[f"annual-reports:{other_tenant.slug}"] == "removed"
    assert not [i for i in _ids(sched) if other_tenant.slug in i]


def test_an_archived_tenant_has_no_jobs_until_restored(app, tenant, other_tenant, started):
    sched = started(app)
    other_tenant.archived_at = datetime.now(UTC)
    db.session.commit()
    assert scheduler.sync(sched, app)[f"annual-reports:{other_tenant.slug}"] == "removed"
    assert not [i for i in _ids(sched) if other_tenant.slug in i]
    other_tenant.archived_at = None
    db.session.commit()
    scheduler.sync(sched, app)
    assert f"annual-reports:{other_tenant.slug}" in _ids(sched)


def test_a_job_missed_while_down_runs_once_on_return(app, tenant, started):
    app.config["SCHEDULER_MISFIRE_GRACE"] = 5 * 366 * 24 * 3600
    down = scheduler.make_scheduler(app)
    down.start(paused=True)
    scheduler.sync(down, app)
    job_id = f"annual-reports:{tenant.slug}"
    three_years_ago = datetime.now(UTC) - timedelta(days=3 * 365 + 30)
    down.modify_job(job_id, next_run_time=three_years_ago)  # three yearly runs missed
    assert len(down.get_job(job_id)._get_run_times(datetime.now(UTC))) >= 3
    scheduler.stop(down, wait=False)

    back = started(app)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        db.session.expire_all()
        done = [r for r in runs_of(tenant) if r.status not in ("queued", "running")]
        if done:
            break
        time.sleep(0.2)
    time.sleep(1.0)  # room for a second (wrong) run to show up
    db.session.expire_all()
    annual_runs = [r for r in runs_of(tenant) if r.kind == "annual"]
    assert len(annual_runs) == 1
    assert annual_runs[0].trigger == "scheduled" and annual_runs[0].status == "succeeded"
    assert annual_runs[0].period == str(kinds.last_ended_school_year(date.today()))
    assert back.get_job(job_id).next_run_time > datetime.now(UTC)


def test_run_date_and_school_year_rules():
    assert registry.run_date("09-30") == (9, 30)
    assert registry.run_date("02-30") == (9, 30)  # not a day: the default
    assert registry.run_date(None) == (9, 30)
    assert kinds.last_ended_school_year(date(2025, 9, 30)) == 2024
    assert kinds.last_ended_school_year(date(2026, 3, 1)) == 2024


def test_the_scheduler_carries_out_a_queued_run(app, tenant, started):
    seed(tenant)
    run, created = runs.claim(tenant=tenant, kind="annual", period=str(YEAR), trigger="manual",
                              details={"school": "s-0002"})
    assert created and run.status == "queued"
    started(app)
    deadline = time.monotonic() + 120
    while run.status in ("queued", "running") and time.monotonic() < deadline:
        time.sleep(0.2)
        db.session.expire_all()
    assert run.status == "succeeded", run.error
    assert run.worker.split(":")[1] == str(os.getpid())  # carried out by the scheduler here
    assert {(a.subject_key, a.fmt) for a in artifacts_of(tenant)} == {
        ("s-0002", "json"), ("s-0002", "html"), ("s-0002", "pdf")}


def test_a_run_is_carried_out_once_when_two_workers_race_for_it(app, tenant):
    run, _ = runs.claim(tenant=tenant, kind="annual", period=str(YEAR))
    assert runs.start(run) is True
    assert runs.start(run) is False  # the second taker leaves it alone
    assert run.status == "running"
