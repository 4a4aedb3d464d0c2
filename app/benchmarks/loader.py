"""A synthetic programme written through the import service, file by file, timed per kind.

Every file goes through app.imports.service.import_csv exactly as `imant import` sends it
(parse, reference checks, one all-or-nothing transaction with its audit event), so what
is timed is the real import path; only the process start-up of `imant import` is not in
these figures (see `startup_seconds`).
"""
from __future__ import annotations

import re
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from app.benchmarks.server import child_env, imant_command
from app.benchmarks.synthetic import (
    FAMILY_KINDS,
    HEADERS,
    TERRITORY_KINDS,
    Programme,
    csv_bytes,
    files,
    municipality_row,
)
from app.extensions import db, graph
from app.imports.service import ReadFile, import_read, read_ahead, read_csv
from app.models import AuditEvent, Membership, Tenant

ACTOR = "import (benchmark)"
PHASES = ("parse", "check", "write")  # as app.imports.service.ImportResult.timings


@dataclass
class KindTally:
    files: int = 0
    rows: int = 0
    seconds: float = 0.0
    phases: dict[str, float] = field(default_factory=lambda: dict.fromkeys(PHASES, 0.0))

    @property
    def rate(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


@dataclass
class Loaded:
    """Per-kind figures of one load, the time spent making the CSV files, and the wall time."""

    kinds: dict[str, KindTally]
    generate_seconds: float = 0.0
    wall_seconds: float = 0.0

    @property
    def files(self) -> int:
        return sum(k.files for k in self.kinds.values())

    @property
    def rows(self) -> int:
        return sum(k.rows for k in self.kinds.values())

    @property
    def import_seconds(self) -> float:
        return sum(k.seconds for k in self.kinds.values())


def bench_tenant(*, slug: str, name: str, start_year: int) -> Tenant:
    """The SQL programme `slug`, created if missing (its graph data is the caller's)."""
    from app.platform import create_tenant
    found = db.session.execute(db.select(Tenant).filter_by(slug=slug)).scalar_one_or_none()
    return found or create_tenant(slug=slug, name=name, start_year=start_year)


def drop_tenant(tenant: Tenant) -> int:
    """Remove a benchmark programme: its graph nodes, then its SQL rows. Returns nodes gone."""
    from app.imports.bench import delete_tenant
    nodes = delete_tenant(slug=tenant.slug)
    for model in (AuditEvent, Membership):
        db.session.execute(db.delete(model).where(model.tenant_id == tenant.id))
    db.session.delete(tenant)
    db.session.commit()
    return nodes


def load(*, tenant: Tenant, programme: Programme, max_rows: int, batch_size: int | None = None,
         progress: Callable[[str], None] | None = None) -> Loaded:
    """Import the whole programme into `tenant`: territory, figures, then families in chunks."""
    from graph.schema import apply_schema
    apply_schema(client=graph)  # the (tenant, key) constraints are the indexes MERGE uses
    out = Loaded(kinds={kind: KindTally() for kind in (*TERRITORY_KINDS, *FAMILY_KINDS)})
    wall = time.perf_counter()
    territory = programme.territory()
    out.generate_seconds += time.perf_counter() - wall
    for kind in TERRITORY_KINDS:
        for data in files(kind, territory[kind], max_rows=max_rows):
            _one(out, tenant, kind, read_csv(kind=kind, data=data, max_rows=max_rows),
                 batch_size, since=time.perf_counter())
        _progress(progress, out, kind, wall)

    def family_files() -> Iterator[tuple[str, ReadFile]]:  # made and read ahead
        made = time.perf_counter()
        for chunk in programme.family_chunks(rows=max_rows):
            datas = {kind: csv_bytes(HEADERS[kind], chunk[kind]) for kind in FAMILY_KINDS}
            out.generate_seconds += time.perf_counter() - made
            for kind in FAMILY_KINDS:
                yield kind, read_csv(kind=kind, data=datas[kind], max_rows=max_rows)
            made = time.perf_counter()
    since = time.perf_counter()
    for kind, read in read_ahead(family_files()):
        _one(out, tenant, kind, read, batch_size, since=since)
        if kind == FAMILY_KINDS[-1]:
            _progress(progress, out, "families", wall)
        since = time.perf_counter()
    out.wall_seconds = time.perf_counter() - wall
    return out


def _one(out: Loaded, tenant: Tenant, kind: str, read: ReadFile, batch_size: int | None, *,
         since: float) -> None:
    """Import one file read; its seconds run from `since` (the previous import's end), so
    they include any wait for the file to be read."""
    tally = out.kinds[kind]
    result = import_read(read, tenant=tenant, actor=ACTOR, batch_size=batch_size,
                         file_name=f"{kind}-{tally.files + 1:04d}.csv")
    tally.seconds += time.perf_counter() - since
    tally.files += 1
    tally.rows += result.rows
    for phase in PHASES:
        tally.phases[phase] += result.timings[phase]


def _progress(progress: Callable[[str], None] | None, out: Loaded, kind: str,
              since: float) -> None:
    if progress is not None:
        tally = out.kinds[kind]
        progress(f"  … {kind}: {tally.rows:,} rows in {tally.files} file(s) "
                 f"after {time.perf_counter() - since:.0f} s")


def table(loaded: Loaded) -> list[str]:
    """Files, rows, seconds and rows/s per kind, and the total; then the seconds of each
    phase of the import (parse the file, check its references, write it). A family file
    is made and parsed while the file before it is written: its seconds count only the
    wait for it."""
    lines = [f"{'kind':<16}{'files':>7}{'rows':>12}{'seconds':>10}{'rows/s':>10}"
             + "".join(f"{phase:>9}" for phase in PHASES)]
    for kind, t in loaded.kinds.items():
        if t.files:
            lines.append(f"{kind:<16}{t.files:>7,}{t.rows:>12,}{t.seconds:>10.1f}"
                         f"{t.rate:>10,.0f}"
                         + "".join(f"{t.phases[phase]:>9.1f}" for phase in PHASES))
    total = loaded.import_seconds
    lines.append(f"{'total':<16}{loaded.files:>7,}{loaded.rows:>12,}{total:>10.1f}"
                 f"{loaded.rows / total if total else 0:>10,.0f}"
                 + "".join(f"{sum(t.phases[p] for t in loaded.kinds.values()):>9.1f}"
                           for p in PHASES))
    return lines


IMPORTED = re.compile(r"\((\d+\.\d+) s: parse")


def startup_seconds(*, tenant: Tenant, runs: int = 3) -> list[float]:
    """Wall time of `imant import` processes minus the import they report: the start-up
    each process pays. Each re-imports one existing municipality (an unchanged upsert)."""
    row = db.session.execute(db.select(Tenant).filter_by(id=tenant.id)).scalar_one()
    out = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "one.csv"
        path.write_bytes(csv_bytes(HEADERS["municipalities"],
                                   [municipality_row(0)]))
        command = [*imant_command(), "import", "municipalities", str(path),
                   "--tenant", row.slug]
        for _ in range(runs):
            started = time.perf_counter()
            done = subprocess.run(command, env=child_env(), capture_output=True, text=True,
                                  check=False)
            if done.returncode:
                raise RuntimeError(f"`imant import` exited with status {done.returncode}: "
                                   f"{done.stderr.strip()[-500:]}")
            wall = time.perf_counter() - started
            found = IMPORTED.search(done.stdout)
            out.append(wall - (float(found.group(1)) if found else 0.0))
    return out


def spread(values: list[float]) -> str:
    """min / median / max, in seconds."""
    return (f"{min(values):.2f} / {statistics.median(values):.2f} / {max(values):.2f} s "
            "(min / median / max)")
