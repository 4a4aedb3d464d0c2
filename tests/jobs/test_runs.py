"""Run lifecycle: one active run per (tenant, kind, period), stale runs recovered, re-runs
replace artifacts with the same figures and no duplicates."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
from datetime import timedelta

import pytest

from app.extensions import db
from app.models.tenant import utcnow
from jobs import annual, runs
from tests.reports.helpers import YEAR, artifacts_of, file_of, runs_of, seed


@pytest.mark.both_sql
def test_two_triggers_at_once_give_one_run(app, tenant, sql_backend):
    barrier = threading.Barrier(4)
    results: list[tuple[int, bool]] = []

    def trigger() -> None:
        with app.app_context():
            from app.models import Tenant
            t = db.session.get(Tenant, tenant.id)
            barrier.wait()
            run, created = runs.claim(tenant=t, kind="annual", period="2023")
            results.append((run.id, created))

    threads = [threading.Thread(target=trigger) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(results) == 4
    assert len({run_id for run_id, _ in results}) == 1
    assert sorted(created for _, created in results) == [False, False, False, True]
    assert len(runs_of(tenant)) == 1


@pytest.mark.both_sql
def test_a_finished_run_lets_the_next_trigger_start_a_new_one(app, tenant, sql_backend):
    first, created = runs.claim(tenant=tenant, kind="annual", period="2023")
    assert created
    again, created_again = runs.claim(tenant=tenant, kind="annual", period="2023")
    assert (again.id, created_again) == (first.id, False)
    other, created_other = runs.claim(tenant=tenant, kind="annual", period="2022")
    assert created_other and other.id != first.id
    runs.start(first)
    runs.finish(first)
    second, created = runs.claim(tenant=tenant, kind="annual", period="2023")
    assert created and second.id != first.id
    assert [r.status for r in runs_of(tenant)] == ["succeeded", "queued", "queued"]


def test_a_run_whose_process_is_gone_is_marked_failed_at_the_next_trigger(app, tenant):
    run, _ = runs.claim(tenant=tenant, kind="annual", period="2023")
    runs.start(run)
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()  # reaped: the pid no longer runs
    host = runs.worker_id().rsplit(":", 2)[0]
    run.worker = f"{host}:{child.pid}:1"
    db.session.commit()
    assert runs.worker_alive(run.worker) is False
    new, created = runs.claim(tenant=tenant, kind="annual", period="2023")
    assert created and new.id != run.id
    db.session.refresh(run)
    assert run.status == "failed" and run.finished_at is not None
    assert run.error.startswith("abandoned: worker") and str(child.pid) in run.error


def test_a_run_without_heartbeat_is_stale_but_a_live_one_is_not(app, tenant):
    run, _ = runs.claim(tenant=tenant, kind="annual", period="2023")
    runs.start(run)
    assert runs.worker_alive(run.worker) is True
    assert runs.abandon_reason(run) is None
    run.worker = "elsewhere:123:456"  # another host: only the heartbeat can tell
    run.heartbeat_at = utcnow() - timedelta(minutes=runs.DEFAULT_STALE_MINUTES + 1)
    db.session.commit()
    assert runs.worker_alive(run.worker) is None
    assert runs.abandon_reason(run).startswith("abandoned: no heartbeat since")
    recovered = runs.recover_stale(tenant_id=tenant.id, kind="annual", period="2023")
    assert [r.id for r in recovered] == [run.id]


def test_rerun_replaces_artifacts_with_the_same_figures(app, tenant):
    seed(tenant)
    first = annual.run_annual(tenant=tenant, year=YEAR)
    assert first.status == "succeeded", first.error
    before = {(a.subject_key, a.fmt): (a.id, a.sha256) for a in artifacts_of(tenant)}
    assert len(before) == 18
    second = annual.run_annual(tenant=tenant, year=YEAR)
    assert second.status == "succeeded" and second.id != first.id
    after = artifacts_of(tenant)
    assert len(after) == 18  # replaced, not duplicated
    assert {(a.subject_key, a.fmt): (a.id, a.sha256) for a in after} == before
    assert {a.run_id for a in after} == {second.id}
    folder = file_of(app, after[0]).parent
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        f"{a.subject_key}.{a.fmt}" for a in after)


def test_progress_is_recorded(app, tenant):
    seed(tenant)
    seen: list[tuple[int, int]] = []
    run = annual.run_annual(tenant=tenant, year=YEAR, on_progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (6, 6) and [d for d, _ in seen] == [1, 2, 3, 4, 5, 6]
    db.session.refresh(run)
    assert (run.done, run.total) == (6, 6)
    assert run.started_at is not None and run.finished_at is not None
    assert run.worker.split(":")[1] == str(os.getpid())
    assert set(run.details["timings"]) >= {"query", "charts", "pdf", "html_json"}


def test_worker_processes_write_the_same_files_as_one_process(app, tenant):
    seed(tenant)
    alone = annual.run_annual(tenant=tenant, year=YEAR)
    assert alone.status == "succeeded", alone.error
    single = {(a.subject_key, a.fmt): a.sha256 for a in artifacts_of(tenant)}
    app.config["REPORT_WORKERS"] = 2
    pooled = annual.run_annual(tenant=tenant, year=YEAR)
    assert pooled.status == "succeeded", pooled.error
    assert {(a.subject_key, a.fmt): a.sha256 for a in artifacts_of(tenant)} == single
    assert pooled.details["timings"]["cpu"] > 0
