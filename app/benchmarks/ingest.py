"""`imant bench ingest`: a whole programme, territory to families, through the import service.

Builds the CSV files of a synthetic programme (Spain-sized by default: 8,000
municipalities, 29,000 schools, 7 years of figures, 8.3 million families with one
application and one enrolment each), cut at the import's row cap, and imports them
one file at a time into a throwaway programme, each file all or nothing. Prints rows/s
per kind, the seconds of each phase (parse, check, write) and the total. `imant import
KIND FOLDER` takes all of a kind's files in one process, so the start-up of an `imant
import` process is measured on its own and added once per kind to the end-to-end figure.
The programme is removed afterwards unless --keep.
"""
from __future__ import annotations

import secrets
import statistics
import time

import click
from flask import current_app
from flask.cli import with_appcontext

from app.benchmarks import loader
from app.benchmarks.synthetic import SPAIN, Programme, shape_from
from app.models import Tenant

IN_PROCESS = ("this bench drives the import service (app.imports.service.import_csv) file "
              "by file in one process, as `imant import KIND FOLDER` does; the start-up of an "
              "`imant import` process is measured separately below and counted once per kind.")


@click.command("ingest")
@click.option("--families", type=click.IntRange(0), default=None,
              help=f"Families (default {SPAIN.families:,} × --scale).")
@click.option("--schools", type=click.IntRange(1), default=None,
              help=f"Schools (default {SPAIN.schools:,} × --scale).")
@click.option("--scale", type=click.FloatRange(0, 1, min_open=True), default=1.0,
              show_default=True, help="Shrink every count of the Spain-sized programme.")
@click.option("--rows-per-file", type=click.IntRange(1), default=None,
              help="Rows per file (default: the import's cap, IMANT_IMPORT_MAX_ROWS).")
@click.option("--batch-size", type=click.IntRange(1, 100_000), default=None,
              help="Rows per UNWIND statement (default: the import's).")
@click.option("--startup-runs", type=click.IntRange(0, 10), default=3, show_default=True,
              help="`imant import` processes timed for the start-up figure (0: skip).")
@click.option("--seed", default=1, show_default=True, type=int)
@click.option("--keep", is_flag=True, help="Keep the benchmark programme (its slug is printed).")
@with_appcontext
def ingest_bench(families: int | None, schools: int | None, scale: float,
                 rows_per_file: int | None, batch_size: int | None, startup_runs: int,
                 seed: int, keep: bool) -> None:
    """Import a whole synthetic programme file by file and print rows/s per kind."""
    shape = shape_from(scale=scale, families=families, schools=schools, base=SPAIN)
    max_rows = rows_per_file or int(current_app.config["IMPORT_MAX_ROWS"])
    tenant = loader.bench_tenant(slug=f"bench-ingest-{secrets.token_hex(4)}",
                                 name="Ingest benchmark", start_year=shape.last_year - 6)
    click.echo(f"ingest into {tenant.slug}: {shape.describe()}; files of at most "
               f"{max_rows:,} rows")
    click.echo(IN_PROCESS)
    try:
        loaded = loader.load(tenant=tenant, programme=Programme(shape, seed=seed),
                             max_rows=max_rows, batch_size=batch_size, progress=click.echo)
        for line in loader.table(loaded):
            click.echo(line)
        click.echo(f"making the CSV files: {loaded.generate_seconds:.1f} s (the family files "
                   f"beside the imports); wall time in this process: "
                   f"{loaded.wall_seconds:.1f} s")
        _startup(tenant, runs=startup_runs, kinds=sum(1 for k in loaded.kinds.values()
                                                       if k.files),
                 wall=loaded.import_seconds)
    finally:
        _finish(tenant, keep=keep)


def _startup(tenant: Tenant, *, runs: int, kinds: int, wall: float) -> None:
    if not runs:
        click.echo("`imant import` start-up: not measured (--startup-runs 0)")
        return
    try:
        costs = loader.startup_seconds(tenant=tenant, runs=runs)
    except RuntimeError as exc:
        raise click.ClickException(str(exc)) from None
    median = statistics.median(costs)
    runs_word = f"{runs} run{'s' if runs > 1 else ''}"
    click.echo(f"`imant import` start-up per process ({runs_word}): {loader.spread(costs)}")
    total = wall + kinds * median
    click.echo(f"end to end with one `imant import KIND FOLDER` per kind: {wall:.1f} s "
               f"importing + {kinds} × {median:.2f} s start-up = {total:.1f} s "
               f"({total / 60:.1f} min)")


def _finish(tenant: Tenant, *, keep: bool) -> None:
    if keep:
        click.echo(f"kept bench programme {tenant.slug}")
        return
    started = time.perf_counter()
    nodes = loader.drop_tenant(tenant)
    click.echo(f"deleted bench programme {tenant.slug}: {nodes:,} nodes in "
               f"{time.perf_counter() - started:.1f} s")
