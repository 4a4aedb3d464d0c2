"""The annual run: one report per school with an alliance, as JSON, HTML and PDF.

The parent reads the tenant's network once and builds every report's numbers
(cheap); rendering (chart, HTML, PDF) and the atomic writes happen in a pool
of worker processes for large runs, in-process for small ones. The parent
records each file's artifact row and the run's progress. A school whose
report fails is listed with its reason; the others go on.
"""
from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from flask import current_app

from app.extensions import db
from app.models import JobRun, Tenant
from app.reports.data import annual_report, report_subjects
from app.reports.snapshot import Network, load_network
from graph.errors import DomainError, NotFound
from jobs import artifacts, runs

KIND = "annual"
FORMATS = ("json", "html", "pdf")
POOL_FROM = 24  # below this many reports, worker start-up costs more than it saves
IN_FLIGHT = 6   # reports queued per worker process

ProgressFn = Callable[[int, int], None]


def produce(report: dict, folder: str) -> dict[str, Any]:
    """Render one report three ways and write the files atomically (runs in a worker).

    Returns the files written, or the error; `timings` holds wall seconds per phase
    and `cpu` the processor seconds the whole report took in this process.
    """
    subject = report["school"]["key"]
    if "failed" in report:  # its numbers could not be gathered
        return {"subject": subject, "error": report["failed"]}
    cpu = time.process_time()
    try:
        timings, data = _render(report)
        started = time.perf_counter()
        files = []
        for fmt in FORMATS:
            path = Path(folder) / f"{artifacts.safe_name(subject)}.{fmt}"
            files.append((fmt, path.name, *artifacts.write_atomic(path, data[fmt])))
        timings["write"] = time.perf_counter() - started
    except Exception as exc:  # noqa: BLE001 - one school's failure is reported, not raised
        return {"subject": subject, "error": f"{type(exc).__name__}: {exc}"}
    timings["cpu"] = time.process_time() - cpu
    return {"subject": subject, "files": files, "timings": timings}


def _render(report: dict) -> tuple[dict[str, float], dict[str, bytes]]:
    from app.reports import pdf, render
    from app.reports.charts import png_bytes, report_chart
    t0 = time.perf_counter()
    image = report_chart(report)
    png = png_bytes(image)
    t1 = time.perf_counter()
    data = {"json": render.to_json(report), "html": render.to_html(report, chart_png=png)}
    t2 = time.perf_counter()
    data["pdf"] = pdf.to_pdf(report, chart=image)
    t3 = time.perf_counter()
    return {"charts": t1 - t0, "html_json": t2 - t1, "pdf": t3 - t2}, data


def _worker_init() -> None:
    """Workers die with the run that started them, so a killed run leaves no writer behind."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() == 1:
        os._exit(0)


def render_all(reports: Iterable[dict], folder: Path, *, workers: int) -> Iterator[dict]:
    """produce() over every report, in order, in `workers` processes (1: in this process).

    At most a few reports per worker are in flight, so memory stays flat however
    many schools the programme has, and progress advances steadily.
    """
    if workers <= 1:
        for report in reports:
            yield produce(report, str(folder))
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                             initializer=_worker_init) as pool:
        pending: deque = deque()
        for report in reports:
            pending.append(pool.submit(produce, report, str(folder)))
            if len(pending) >= IN_FLIGHT * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _workers(count: int) -> int:
    configured = current_app.config.get("REPORT_WORKERS")
    if configured is not None:
        return int(configured)
    return min(os.cpu_count() or 1, 4) if count >= POOL_FROM else 1


def threshold_of(tenant: Tenant) -> int:
    return int(tenant.setting("suppression_threshold",
                              current_app.config.get("SUPPRESSION_THRESHOLD", 5)))


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
            on_progress: ProgressFn | None = None) -> None:
    """Carry out a claimed run; any error ends it as failed with the reason."""
    runs.start(run)
    try:
        with runs.heartbeat(run.id):
            details = _generate(run, tenant=tenant, year=year, school=school,
                                on_progress=on_progress)
    except DomainError as exc:
        runs.finish(run, error=exc.message)
        return
    except Exception as exc:
        db.session.rollback()
        runs.finish(run, error=f"{type(exc).__name__}: {exc}")
        raise
    failures = details["failures"]
    error = (f"{len(failures)} of {details['reports']} reports failed" if failures else None)
    runs.finish(run, error=error, details=details)


def _reports(net: Network, subjects: list[str], *, tenant: Tenant, year: int,
             timings: dict) -> Iterator[dict]:
    """Each school's report numbers, or a stub naming why they could not be gathered."""
    threshold = threshold_of(tenant)
    for key in subjects:
        started = time.perf_counter()
        try:
            report = annual_report(net, school_key=key, year=year, threshold=threshold,
                                   tenant_name=tenant.name)
        except Exception as exc:  # noqa: BLE001 - recorded per school
            report = {"school": {"key": key}, "failed": f"{type(exc).__name__}: {exc}"}
        timings["data"] += time.perf_counter() - started
        yield report


def _generate(run: JobRun, *, tenant: Tenant, year: int, school: str | None,
              on_progress: ProgressFn | None) -> dict[str, Any]:
    root = Path(current_app.config["REPORTS_DIR"])
    folder = artifacts.period_folder(root, tenant=tenant.slug, kind=KIND, period=str(year))
    artifacts.clean_temporary(folder)
    started = time.perf_counter()
    timings = {"query": 0.0, "data": 0.0, "charts": 0.0, "html_json": 0.0, "pdf": 0.0,
               "write": 0.0, "record": 0.0, "cpu": 0.0}
    net = load_network(tenant=tenant.slug)
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
    reports = _reports(net, subjects, tenant=tenant, year=year, timings=timings)
    for result in render_all(reports, folder, workers=_workers(len(subjects))):
        _collect(recorder, root, folder, result, failures, timings)
        started_commit = time.perf_counter()
        progress.advance()
        timings["record"] += time.perf_counter() - started_commit
        if on_progress:
            on_progress(run.done, run.total)
    progress.commit()
    artifacts.sync_folder(folder)
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
        recorder.add(subject_key=result["subject"], fmt=fmt,
                     path=str((folder / name).relative_to(root)), size=size, sha256=sha)
    for name, seconds in result["timings"].items():
        timings[name] += seconds


def _prune(tenant: Tenant, year: int, subjects: set[str], root: Path) -> None:
    """Artifacts of schools no longer reported on (after a complete run) go away."""
    for row in artifacts.list_for(tenant_id=tenant.id, kind=KIND, period=str(year)):
        if row.subject_key not in subjects:
            artifacts.remove(row, root=root)
    db.session.commit()
