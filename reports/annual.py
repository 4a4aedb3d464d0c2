"""The annual reports, from a network to files: numbers per school, then chart, JSON,
HTML and PDF, written atomically; in a pool of worker processes for large runs.

This is the worker entry point: a pool process imports this module (and the
engine it draws on), never Flask or the web app. It takes plain values (a
network, a year, a threshold, an output folder) and returns what it wrote; the
caller (jobs/annual.py) records the files and the run's progress.
"""
from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from markupsafe import Markup

from reports import files, pdf, render
from reports.charts import report_charts
from reports.data import annual_report
from reports.i18n import words
from reports.snapshot import Network
from reports.svg import to_svg

FORMATS = ("json", "html", "pdf")
IN_FLIGHT = 6   # reports queued per worker process


def numbers(net: Network, subjects: list[str], *, year: int, threshold: int,
            tenant_name: str, timings: dict) -> Iterator[dict]:
    """Each school's report numbers, or a stub naming why they could not be gathered."""
    for key in subjects:
        started = time.perf_counter()
        try:
            report = annual_report(net, school_key=key, year=year, threshold=threshold,
                                   tenant_name=tenant_name)
        except Exception as exc:  # noqa: BLE001 - recorded per school
            report = {"school": {"key": key}, "failed": f"{type(exc).__name__}: {exc}"}
        timings["data"] += time.perf_counter() - started
        yield report


def produce(report: dict, folder: str, language: str | None = None) -> dict[str, Any]:
    """Render one report three ways, in the programme's `language`, and write the files
    atomically (runs in a worker).

    Returns the files written, or the error; `timings` holds wall seconds per phase
    and `cpu` the processor seconds the whole report took in this process.
    """
    subject = report["school"]["key"]
    if "failed" in report:  # its numbers could not be gathered
        return {"subject": subject, "error": report["failed"]}
    cpu = time.process_time()
    try:
        timings, data = _render(report, language)
        started = time.perf_counter()
        written = []
        for fmt in FORMATS:
            path = Path(folder) / f"{files.safe_name(subject)}.{fmt}"
            written.append((fmt, path.name, *files.write_atomic(path, data[fmt])))
        timings["write"] = time.perf_counter() - started
    except Exception as exc:  # noqa: BLE001 - one school's failure is reported, not raised
        return {"subject": subject, "error": f"{type(exc).__name__}: {exc}"}
    timings["cpu"] = time.process_time() - cpu
    return {"subject": subject, "name": report["school"].get("name"), "files": written,
            "timings": timings}


def _render(report: dict, language: str | None) -> tuple[dict[str, float], dict[str, bytes]]:
    """The charts are drawn once: their shapes go into the PDF as vectors and into the
    HTML as inline SVG."""
    w = words(language)
    t0 = time.perf_counter()
    panels = report_charts(report, words_=w)
    svgs = [{"svg": Markup(to_svg(p.drawing, ident=f"chart-{p.key}", title=p.title,  # noqa: S704
                                  description=p.description))} for p in panels]
    t1 = time.perf_counter()
    data = {"json": render.to_json(report),
            "html": render.to_html(report, charts=svgs, words_=w)}
    t2 = time.perf_counter()
    data["pdf"] = pdf.to_pdf(report, charts=panels, words_=w)
    t3 = time.perf_counter()
    return {"charts": t1 - t0, "html_json": t2 - t1, "pdf": t3 - t2}, data


def _worker_init() -> None:
    """Workers die with the run that started them, so a killed run leaves no writer behind."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() == 1:
        os._exit(0)


def render_all(reports: Iterable[dict], folder: Path, *, workers: int,
               language: str | None = None) -> Iterator[dict]:
    """produce() over every report, in order, in `workers` processes (1: in this process).

    At most a few reports per worker are in flight, so memory stays flat however
    many schools the programme has, and progress advances steadily.
    """
    if workers <= 1:
        for report in reports:
            yield produce(report, str(folder), language)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                             initializer=_worker_init) as pool:
        pending: deque = deque()
        for report in reports:
            pending.append(pool.submit(produce, report, str(folder), language))
            if len(pending) >= IN_FLIGHT * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
