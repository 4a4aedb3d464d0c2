"""The annual run: one report per school with an alliance, as JSON, HTML and PDF.

The run reads the tenant's network once and has the report engine
(reports/annual.py) build every report's numbers and render them, in a pool of
worker processes for large runs, in-process for small ones. This module claims
the run, records each file's artifact row and the run's progress. A school
whose report fails is listed with its reason; the others go on.
"""
from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from flask import current_app

from app.extensions import db, graph
from app.models import JobRun, Tenant
from graph.errors import DomainError, NotFound
from jobs import artifacts, runs
from reports import annual as engine
from reports import files
from reports.data import report_subjects
from reports.snapshot import load_network

KIND = "annual"
POOL_FROM = 24  # below this many reports, worker start-up costs more than it saves

ProgressFn = Callable[[int, int], None]


def _workers(count: int) -> int:
    configured = current_app.config.get("REPORT_WORKERS")
    if configured is not None:
        return int(configured)
    return min(os.cpu_count() or 1, 4) if count >= POOL_FROM else 1


def run_annual(*, tenant: Tenant, year: int, school: str | None = None,
               trigger: str = "manual", run: JobRun | None = None,
               on_progress: ProgressFn | None = None) -> JobRun:
    """Claim (or take) the run for (tenant, annual, year) and carry it out.

    Returns the run; if another run of the period is active, that run, untouched.
    """
    if run is None:
        run, created = runs.claim(tenant=tenant, kind=KIND, period=str(year), trigger=trigger,
                                  details={"school": school} if school else {})
        if not created:
            return run
    execute(run, tenant=tenant, year=year, school=school, on_progress=on_progress)
    return run


def execute(run: JobRun, *, tenant: Tenant, year: int, school: str | None = None,
            on_progress: ProgressFn | None = None) -> bool:
    """Carry out a claimed run; any error ends it as failed with the reason.

    Returns False, doing nothing, when another worker took the run first.
    """
    if not runs.start(run):
        return False
    try:
        with runs.heartbeat(run.id):
            details = _generate(run, tenant=tenant, year=year, school=school,
                                on_progress=on_progress)
    except DomainError as exc:
        runs.finish(run, error=exc.message)
        return True
    except Exception as exc:
        db.session.rollback()
        runs.finish(run, error=f"{type(exc).__name__}: {exc}")
        raise
    failures = details["failures"]
    error = (f"{len(failures)} of {details['reports']} reports failed" if failures else None)
    runs.finish(run, error=error, details=details)
    return True


def _generate(run: JobRun, *, tenant: Tenant, year: int, school: str | None,
              on_progress: ProgressFn | None) -> dict[str, Any]:
    root = Path(current_app.config["REPORTS_DIR"])
    folder = files.period_folder(root, tenant=tenant.slug, kind=KIND, period=str(year))
    files.clean_temporary(folder)
    started = time.perf_counter()
    timings = {"query": 0.0, "data": 0.0, "charts": 0.0, "html_json": 0.0, "pdf": 0.0,
               "write": 0.0, "record": 0.0, "cpu": 0.0}
    net = load_network(client=graph, tenant=tenant.slug)
    timings["query"] = time.perf_counter() - started
    subjects = report_subjects(net, year=year)
    if school is not None:
        if school not in net.schools:
            raise NotFound(f"No school {school!r} in this programme.")
        subjects = [school]
    recorder = artifacts.Recorder(tenant_id=tenant.id, run_id=run.id, kind=KIND,
                                  period=run.period)
    progress = runs.Progress(run, before_commit=recorder.flush)
    progress.set_total(len(subjects))
    failures: list[dict] = []
    reports = engine.numbers(net, subjects, year=year, threshold=tenant.suppression_threshold,
                             tenant_name=tenant.name, timings=timings)
    for result in engine.render_all(reports, folder, workers=_workers(len(subjects)),
                                    language=tenant.language):
        _collect(recorder, root, folder, result, failures, timings)
        started_commit = time.perf_counter()
        progress.advance()
        timings["record"] += time.perf_counter() - started_commit
        if on_progress:
            on_progress(run.done, run.total)
    progress.commit()
    files.sync_folder(folder)
    if school is None and not failures:
        _prune(tenant, year, set(subjects), root)
    timings["total"] = time.perf_counter() - started
    return {"reports": len(subjects), "written": len(subjects) - len(failures),
            "failures": failures, "timings": {k: round(v, 3) for k, v in timings.items()}}


def _collect(recorder: artifacts.Recorder, root: Path, folder: Path, result: dict,
             failures: list[dict], timings: dict) -> None:
    if "error" in result:
        failures.append({"school": result["subject"], "reason": result["error"]})
        return
    for fmt, name, size, sha in result["files"]:
        recorder.add(subject_key=result["subject"], subject_name=result.get("name"), fmt=fmt,
                     path=str((folder / name).relative_to(root)), size=size, sha256=sha)
    for name, seconds in result["timings"].items():
        timings[name] += seconds


def _prune(tenant: Tenant, year: int, subjects: set[str], root: Path) -> None:
    """Artifacts of schools no longer reported on (after a complete run) go away."""
    for row in artifacts.list_for(tenant_id=tenant.id, kind=KIND, period=str(year)):
        if row.subject_key not in subjects:
            artifacts.remove(row, root=root)
    db.session.commit()
