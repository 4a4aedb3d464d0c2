"""`imant bench reports`: the real annual run on a synthetic programme, timed by phase.

Creates a throwaway programme (SQL tenant + graph network of N schools with
alliances, contributions, assessments, measures and yearly figures), runs the
annual reports exactly as the scheduler does (graph read, report numbers,
charts, HTML, PDF, JSON, atomic writes, artifact rows) and prints reports per
second and where the time goes. Everything is removed afterwards unless --keep.
"""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from app.extensions import db, graph
from app.models import AuditEvent, JobRun, ReportArtifact, Tenant
from app.platform import create_tenant
from app.reports import synthetic
from graph.queries import system
from graph.reports import seed_network
from graph.schema import apply_schema

PHASES = (("query", "graph read + indicators"), ("data", "report numbers"),
          ("charts", "charts (ReportLab, PDF + SVG)"), ("html_json", "HTML + JSON"),
          ("pdf", "PDF (ReportLab)"), ("write", "atomic writes (fsync)"),
          ("record", "artifact rows (SQL)"))


def _delete_graph(tx, *, tenant: str) -> None:
    tx.run(system.DELETE_TENANT, tenant=tenant).consume()


def _tenant(slug: str, start_year: int) -> Tenant:
    tenant = db.session.execute(db.select(Tenant).filter_by(slug=slug)).scalar_one_or_none()
    return tenant or create_tenant(slug=slug, name="Benchmark programme", start_year=start_year)


def _seed(slug: str, schools: int, start_year: int, year: int) -> float:
    """The synthetic network, written after the key constraints (their indexes) exist: in
    an instance never initialised, every MATCH by key would scan."""
    started = time.perf_counter()
    apply_schema(client=graph)
    graph.write(_delete_graph, tenant=slug)
    network = synthetic.network(schools=schools, start_year=start_year, last_year=year)
    for name in ("municipalities", "zones", "partners", "schools", "alliances", "measures",
                 "measure_coverage", "school_years", "contributions", "assessments"):
        rows = network[name]
        for start in range(0, len(rows), 5000):
            graph.write(seed_network, tenant=slug, network={name: rows[start:start + 5000]})
    return time.perf_counter() - started


def _cleanup(tenant: Tenant) -> None:
    graph.write(_delete_graph, tenant=tenant.slug)
    shutil.rmtree(Path(current_app.config["REPORTS_DIR"]) / tenant.slug, ignore_errors=True)
    for model in (ReportArtifact, JobRun, AuditEvent):
        db.session.execute(db.delete(model).where(model.tenant_id == tenant.id))
    db.session.delete(tenant)
    db.session.commit()


def _print(run: JobRun, seconds: float, workers: int) -> None:
    details = run.details or {}
    timings = details.get("timings", {})
    written = details.get("written", 0)
    click.echo(f"run #{run.id}: {run.status}, {written} reports ({3 * written} files) in "
               f"{seconds:.1f} s → {written / seconds:.1f} reports/s "
               f"(HTML + PDF + JSON with charts, {workers} worker process"
               f"{'es' if workers != 1 else ''})")
    click.echo("where the time goes (seconds; rendering summed over the workers):")
    for key, name in PHASES:
        value = timings.get(key, 0.0)
        per = f"{1000 * value / written:6.1f} ms/report" if written else ""
        click.echo(f"  {name:28} {value:8.2f}   {per}")
    if written and timings.get("cpu"):
        cpu = timings["cpu"] / written
        cores = os.cpu_count() or 1
        click.echo(f"processor time per report in the workers: {1000 * cpu:.1f} ms "
                   f"(charts, HTML, JSON, PDF, writes); with {cores} free cores that is at most "
                   f"{cores / cpu:.1f} reports/s")
    if details.get("failures"):
        click.echo(f"failures: {len(details['failures'])}, first: {details['failures'][0]}")


@click.command("reports")
@click.option("--schools", default=1000, show_default=True, type=click.IntRange(min=1))
@click.option("--year", default=2024, show_default=True, type=int,
              help="School year reported on (the programme starts four years before).")
@click.option("--workers", default=None, type=click.IntRange(min=1),
              help="Rendering processes (default: one per core for large runs).")
@click.option("--tenant", "slug", default="bench-reports", show_default=True)
@click.option("--keep", is_flag=True, help="Keep the programme, its data and files.")
@with_appcontext
def reports_bench(schools: int, year: int, workers: int | None, slug: str, keep: bool) -> None:
    """Time the annual reports of N schools: reports per second and the phases."""
    from jobs import annual  # the report engine (reportlab) loads only when the bench runs
    start_year = year - 4
    tenant = _tenant(slug, start_year)
    seeded = _seed(slug, schools, start_year, year)
    click.echo(f"seeded {schools} schools in {seeded:.1f} s (not part of the timing)")
    if workers is not None:
        current_app.config["REPORT_WORKERS"] = workers
    used = workers or (min(os.cpu_count() or 1, 4) if schools >= annual.POOL_FROM else 1)
    click.echo("load average before the run: " + " ".join(f"{v:.2f}" for v in os.getloadavg())
               + f" on {os.cpu_count()} cores (other work on the machine slows the run)")
    try:
        started = time.perf_counter()
        run = annual.run_annual(tenant=tenant, year=year, trigger="bench")
        _print(run, time.perf_counter() - started, used)
    finally:
        if not keep:
            _cleanup(tenant)
