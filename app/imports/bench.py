"""`imant bench import --families N`: rows per second of the import service, end to end.

A throwaway graph tenant (slug `bench-import-…`, no SQL programme and no audit events)
gets a small territory, then N synthetic families, N applications and N enrolments,
each imported as one CSV file through app.imports.service; families are imported a
second time to time the update path. Every figure counts parsing, checking and the
single write transaction; the write alone is printed beside it, with the graph
server's CPU time when it runs here. The whole run is repeated --rounds times, each
into a new tenant: the graph server (a JVM) compiles its hot paths during its first
minute of work, as a long-running server has long done, so the last round is the
figure to quote. Tenants are deleted afterwards unless --keep is given.
"""
from __future__ import annotations

import csv
import io
import os
import random
import secrets

import click
from flask.cli import with_appcontext

from app.extensions import graph
from app.imports.service import ImportResult, import_csv
from app.models import Tenant
from graph import imports as gi
from graph.schema import apply_schema

DELETE_SLICE = 5_000
DELETE_TIMEOUT = 600.0  # seconds per slice


def _csv(header: tuple[str, ...], rows: list[tuple]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def synthetic_files(*, families: int, zones: int, seed: int) -> dict[str, bytes]:
    """The CSV files of a synthetic programme with `families` families."""
    rng = random.Random(seed)
    municipalities = max(1, zones // 10)
    schools = max(10, families // 250)
    zone_keys = [f"z{i:04d}" for i in range(zones)]
    school_keys = [f"s{i:05d}" for i in range(schools)]
    family_keys = [f"f{i:07d}" for i in range(families)]
    rand = rng.random
    return {
        "municipalities": _csv(("key", "name", "code"),
                               [(f"m{i:03d}", f"Municipality {i}", f"{i:05d}")
                                for i in range(municipalities)]),
        "zones": _csv(("key", "name", "municipality_key"),
                      [(z, f"Zone {i}", f"m{i % municipalities:03d}")
                       for i, z in enumerate(zone_keys)]),
        "schools": _csv(("key", "name", "code", "level", "zone_key", "entry_places"),
                        [(s, f"School {i}", f"{8_000_000 + i}", "primary",
                          zone_keys[i % zones], 50) for i, s in enumerate(school_keys)]),
        "families": _csv(("key", "zone_key", "disadvantaged", "migrant", "nese"),
                         [(f, rng.choice(zone_keys), int(rand() < .3), int(rand() < .2),
                           int(rand() < .08)) for f in family_keys]),
        "applications": _csv(("family_key", "school_key", "year", "rank"),
                             [(f, rng.choice(school_keys), 2024, 1) for f in family_keys]),
        "enrolments": _csv(("family_key", "school_key", "year"),
                           [(f, rng.choice(school_keys), 2024) for f in family_keys]),
    }


def _line(label: str, result: ImportResult, server_cpu: float | None) -> str:
    t = result.timings
    cpu = (f", graph server CPU {server_cpu:.2f} s = {result.rows / server_cpu:,.0f} rows "
           f"per CPU-second" if server_cpu else "")
    return (f"{label:<18} {result.rows:>8,} rows {result.rows / t['total']:>8,.0f} rows/s "
            f"(parse {t['parse']:.2f} s, check {t['check']:.2f} s, write {t['write']:.2f} s "
            f"= {result.rows / t['write']:,.0f} rows/s written{cpu}); "
            f"{result.created:,} new, {result.updated:,} updated")


def _server_pid() -> int | None:
    """The embedded graph server's process, when it runs on this machine."""
    if graph.embedded is None:
        return None
    return graph.embedded.ensure().pid


def _cpu_seconds(pid: int | None) -> float | None:
    """CPU time (user + system) a local process has used so far, from /proc."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
    except (OSError, TypeError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@click.command("import")
@click.option("--families", default=100_000, show_default=True, type=click.IntRange(1))
@click.option("--zones", default=60, show_default=True, type=click.IntRange(1))
@click.option("--batch-size", default=None, type=click.IntRange(1, 100_000),
              help="Rows per UNWIND statement (default: the service's).")
@click.option("--rounds", default=2, show_default=True, type=click.IntRange(1, 10),
              help="Whole runs, each into a new tenant; all but the last warm the server up.")
@click.option("--seed", default=1, show_default=True, type=int)
@click.option("--keep", is_flag=True, help="Keep the benchmark tenants (their slugs are printed).")
@with_appcontext
def import_bench(families: int, zones: int, batch_size: int | None, rounds: int, seed: int,
                 keep: bool) -> None:
    """Time imports of N families, N applications and N enrolments (one file each)."""
    apply_schema(client=graph)  # the (tenant, key) constraints are the indexes MERGE uses
    files = synthetic_files(families=families, zones=zones, seed=seed)
    server = (f"embedded, heap {graph.embedded.heap} (IMANT_GRAPH_HEAP)" if graph.embedded
              else graph.uri)
    click.echo(f"{families:,} families, {zones} zones, {rounds} round(s); graph server {server}")
    for number in range(1, rounds + 1):
        warming = " (warm-up: the server compiles its hot paths)" if number < rounds else ""
        click.echo(f"round {number}{warming}")
        _round(files, batch_size=batch_size, keep=keep)


def _round(files: dict[str, bytes], *, batch_size: int | None, keep: bool) -> None:
    """One whole run into a new throwaway tenant, removed afterwards unless kept."""
    tenant = Tenant(slug=f"bench-import-{secrets.token_hex(4)}", name="Import benchmark",
                    start_year=2020)
    try:
        for kind in ("municipalities", "zones", "schools"):
            _run(tenant, kind, files[kind], batch_size)
        pid = _server_pid()
        for label, kind in (("families (new)", "families"), ("families (update)", "families"),
                            ("applications", "applications"), ("enrolments", "enrolments")):
            cpu = _cpu_seconds(pid)
            result = _run(tenant, kind, files[kind], batch_size)
            used = _cpu_seconds(pid)
            click.echo(_line(label, result, used - cpu if cpu is not None and used else None))
    finally:
        if keep:
            click.echo(f"kept bench tenant {tenant.slug}")
        else:
            click.echo(f"deleted bench tenant {tenant.slug}: "
                       f"{delete_tenant(slug=tenant.slug):,} nodes")


def _run(tenant: Tenant, kind: str, data: bytes, batch_size: int | None) -> ImportResult:
    return import_csv(tenant=tenant, kind=kind, data=data, file_name=f"{kind}.csv",
                      batch_size=batch_size, max_rows=max(len(data), 1), audited=False)


def delete_tenant(*, slug: str) -> int:
    """Remove every node of a (throwaway) graph tenant, a slice per transaction."""
    deleted = 0
    while True:
        # families go first (graph.imports.delete_tenant_slice), so no slice takes a
        # school's thousands of enrolment and application edges at once; a large slice
        # may still outlast a page's transaction time
        n = graph.write_long(gi.delete_tenant_slice, timeout=DELETE_TIMEOUT, tenant=slug,
                             limit=DELETE_SLICE)
        deleted += n
        if n == 0:
            return deleted
