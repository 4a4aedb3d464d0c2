"""`imant bench write-path`: what limits the embedded graph server's bulk writes.

Each case starts a fresh ArcadeDB server of its own (a temporary folder, free ports, the
embedded server's command line with the case's heap and settings), writes the same
synthetic families, applications and enrolments with the import's own statements
(graph.queries.imports), one transaction per file of `--rows` rows as an import does,
and prints rows/s with the CPU seconds of the server and of this client. The cases vary
one thing each against the import's defaults:

- the batch size (rows per `UNWIND` statement);
- `MERGE` against the import's writes (`CREATE` for families whose keys are new; an
  edge looked up once, then created or updated with `FOREACH`), and a bare `CREATE` of
  edges with no look-up at all (what it would cost to know they are new);
- two writers at once on disjoint keys (two transactions, two threads);
- the server's heap, and its garbage collector (serial, Imant's default; parallel; G1);
- the (tenant, key) uniqueness constraints (without them nothing is indexed, so the
  MATCH by key of applications and enrolments scans; the case writes families only);
- the WAL flush: `arcadedb.txWalFlush` 2 (fsync at every commit, Imant's setting),
  1 (flush without fsync) and 0 (no flush). Only 2 is safe; the others are printed to
  show what fsync costs, and are never used;
- the buckets' page size and how they reuse free space.

The import path itself (parse, checks, counts) is timed by `imant bench ingest`.
"""
from __future__ import annotations

import os
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import click

from graph.embedded import EmbeddedServer
from graph.queries import imports as q
from graph.queries import schema as schema_q
from graph.queries import write_path as wq

TENANT = "write-path"
ZONES = 200
SCHOOLS = 400
YEAR = 2024
TICKS = os.sysconf("SC_CLK_TCK")

STATEMENTS = {
    ("families", "create"): q.CREATE_FAMILIES, ("families", "merge"): q.MERGE_FAMILIES,
    ("applications", "upsert"): q.UPSERT_APPLICATIONS,
    ("applications", "merge"): wq.MERGE_APPLICATIONS,
    ("applications", "create"): wq.CREATE_APPLICATIONS,
    ("enrolments", "upsert"): q.UPSERT_ENROLMENTS,
    ("enrolments", "merge"): wq.MERGE_ENROLMENTS, ("enrolments", "create"): wq.CREATE_ENROLMENTS,
}
KINDS = ("families", "applications", "enrolments")


@dataclass(frozen=True)
class Case:
    """One server setting and one way of writing, against the import's defaults."""

    name: str
    batch: int = 5_000
    verb: str = "default"  # the import's: CREATE new families, edges looked up then created
    writers: int = 1
    heap: str = "1536m"
    gc: str = "serial"
    wal_flush: int = 2
    constraints: bool = True
    kinds: tuple[str, ...] = KINDS
    settings: tuple[tuple[str, object], ...] = ()  # other server settings

    def statement(self, kind: str) -> str:
        verb = self.verb
        if verb == "default":
            verb = "create" if kind == "families" else "upsert"
        return STATEMENTS[(kind, verb)]


CASES = (
    Case("import defaults (batch 5,000)"),
    Case("batch 1,000", batch=1_000),
    Case("batch 20,000", batch=20_000),
    Case("MERGE for families and edges", verb="merge"),
    Case("CREATE for new edges, no look-up", verb="create"),
    Case("2 writers, disjoint keys", writers=2),
    Case("heap 512 MB", heap="512m"),
    Case("heap 4 GB", heap="4g"),
    Case("parallel GC", gc="parallel"),
    Case("G1 GC", gc="g1"),
    Case("no uniqueness constraints", constraints=False, kinds=("families",)),
    Case("WAL flush 1 (no fsync; unsafe)", wal_flush=1),
    Case("WAL flush 0 (no flush; unsafe)", wal_flush=0),
    Case("bucket pages 16 KB", settings=(("arcadedb.bucketDefaultPageSize", 16_384),)),
    Case("space reuse low", settings=(("arcadedb.bucketReuseSpaceMode", "low"),)),
)


@dataclass
class Timed:
    rows: int = 0
    seconds: float = 0.0
    server_cpu: float = 0.0
    client_cpu: float = 0.0
    errors: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def _rows(kind: str, start: int, count: int) -> list[dict]:
    out = []
    for i in range(start, start + count):
        family = f"F{i:09d}"
        school = f"S{(i * 7919) % SCHOOLS:05d}"
        if kind == "families":
            out.append({"key": family, "zone_key": f"Z{i % ZONES:04d}",
                        "disadvantaged": i % 3 == 0, "migrant": i % 5 == 0,
                        "nese": i % 11 == 0})
        elif kind == "applications":
            out.append({"family_key": family, "school_key": school, "year": YEAR,
                        "rank": 1, "points": 45, "sibling": i % 4 == 0})
        else:
            out.append({"family_key": family, "school_key": school, "year": YEAR})
    return out


def _write_file(driver, rows: Sequence[dict], statement: str, batch: int) -> None:
    """One file: every batch in one transaction, as `graph.imports.write_rows` does."""
    def work(tx) -> None:
        for start in range(0, len(rows), batch):
            part = list(rows[start:start + batch])
            written = tx.run(statement, tenant=TENANT, rows=part).single()["written"]
            if written != len(part):
                raise RuntimeError(f"a batch wrote {written} of {len(part)} rows")
    with driver.session() as session:
        session.execute_write(work)


def _setup(driver, case: Case) -> None:
    with driver.session() as session:
        if case.constraints:
            for statement in schema_q.KEY_CONSTRAINTS:
                session.run(statement).consume()
        zones = [{"key": f"Z{i:04d}"} for i in range(ZONES)]
        schools = [{"key": f"S{i:05d}", "zone_key": f"Z{i % ZONES:04d}"}
                   for i in range(SCHOOLS)]
        session.run(wq.SETUP_ZONES, tenant=TENANT, rows=zones).consume()
        session.run(wq.SETUP_SCHOOLS, tenant=TENANT, rows=schools).consume()


def _measure(driver, pid: int, case: Case, kind: str, *, files: int, rows: int) -> Timed:
    """`files` files of `rows` rows of `kind`; with two writers, files go two at a time."""
    statement = case.statement(kind)
    out = Timed()
    server, client = _cpu_seconds(pid), time.process_time()
    started = time.perf_counter()
    for first in range(0, files, case.writers):
        group = range(first, min(files, first + case.writers))
        threads = [threading.Thread(target=_guarded, args=(out, _write_file, driver,
                                                            _rows(kind, f * rows, rows),
                                                            statement, case.batch))
                   for f in group]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        out.rows += rows * len(group)
    out.seconds = time.perf_counter() - started
    out.server_cpu = _cpu_seconds(pid) - server
    out.client_cpu = time.process_time() - client
    return out


def _guarded(out: Timed, fn: Callable, *args) -> None:
    try:
        fn(*args)
    except Exception as exc:  # noqa: BLE001 - reported in the table, the case goes on
        out.errors.append(f"{type(exc).__name__}: {str(exc)[:200]}")


def run_case(case: Case, *, files: int, rows: int, folder: Path) -> dict[str, Timed]:
    import neo4j
    graph_dir = Path(tempfile.mkdtemp(prefix="case-", dir=folder))
    server = EmbeddedServer(graph_dir=graph_dir, database="bench", heap=case.heap,
                            gc=case.gc, settings={"arcadedb.txWalFlush": case.wal_flush,
                                                  **dict(case.settings)})
    info = server.ensure()
    try:
        with neo4j.GraphDatabase.driver(info.uri, auth=("root", info.password)) as driver:
            _setup(driver, case)
            return {kind: _measure(driver, info.pid, case, kind, files=files, rows=rows)
                    for kind in case.kinds}
    finally:
        server.stop()


@click.command("write-path")
@click.option("--rows", type=click.IntRange(1_000), default=100_000, show_default=True,
              help="Rows per file (one transaction each, as an import).")
@click.option("--files", type=click.IntRange(1), default=2, show_default=True,
              help="Files per kind.")
@click.option("--case", "names", multiple=True,
              help="Run only the cases whose name starts with this (repeatable).")
def write_path_bench(rows: int, files: int, names: tuple[str, ...]) -> None:
    """Bulk writes on fresh embedded servers: batch size, CREATE/MERGE, writers, heap,
    constraints and WAL flush; prints rows/s and CPU seconds per kind."""
    cases = [c for c in CASES if not names or any(c.name.startswith(n) for n in names)]
    if not cases:
        raise click.BadParameter(f"no case starts with {', '.join(names)}; the cases are: "
                                 + "; ".join(c.name for c in CASES), param_hint="--case")
    click.echo(f"{files} file(s) of {rows:,} rows per kind, each one transaction; "
               f"{ZONES} zones, {SCHOOLS} schools; a fresh server per case")
    click.echo(f"{'case':<34}{'kind':<14}{'rows/s':>9}{'s':>7}{'server cpu':>12}"
               f"{'client cpu':>12}")
    with tempfile.TemporaryDirectory(prefix="imant-write-path-") as tmp:
        for case in cases:
            for kind, t in run_case(case, files=files, rows=rows, folder=Path(tmp)).items():
                note = f"  ERROR {t.errors[0]}" if t.errors else ""
                click.echo(f"{case.name:<34}{kind:<14}{t.rate:>9,.0f}{t.seconds:>7.1f}"
                           f"{t.server_cpu:>12.1f}{t.client_cpu:>12.1f}{note}")
