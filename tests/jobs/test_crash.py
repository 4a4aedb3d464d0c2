"""A run killed with SIGKILL part-way leaves no half-written file; the next run completes the
set and the run history says what happened."""
from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

from app.extensions import db
from app.models import Tenant
from jobs import annual
from reports import files
from tests.reports.helpers import YEAR, artifacts_of, file_of, process_env, runs_of, seed

ROOT = Path(__file__).resolve().parents[2]
SCHOOLS = 20  # rendered in-process, one after the other: slow enough to be killed part-way


def _wait_for_files(folder: Path, proc: subprocess.Popen, *, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if folder.is_dir() and len(list(folder.glob("*.pdf"))) >= 2:
            return
        assert proc.poll() is None, proc.stderr.read()
        time.sleep(0.05)
    raise AssertionError("no report appeared")


def _assert_whole(path: Path) -> None:
    """Whatever carries a final name is a complete file."""
    data = path.read_bytes()
    if path.suffix == ".json":
        json.loads(data)
    elif path.suffix == ".pdf":
        assert data.rstrip().endswith(b"%%EOF")
    else:
        assert data.rstrip().endswith(b"</html>")


def test_killed_run_then_rerun_completes_the_set(app, tenant, graph_server):
    seed(tenant, schools=SCHOOLS)
    folder = files.period_folder(Path(app.config["REPORTS_DIR"]), tenant=tenant.slug,
                                     kind="annual", period=str(YEAR))
    proc = subprocess.Popen(
        [sys.executable, "-c", "from app.cli import cli; cli()", "reports", "annual",
         "--tenant", tenant.slug, "--year", str(YEAR)],
        cwd=ROOT, env=process_env(app, graph_server), stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, text=True)
    try:
        _wait_for_files(folder, proc)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stderr.close()

    finished = [p for p in folder.iterdir() if not files.is_temporary(p)]
    assert 0 < len(finished) < 3 * SCHOOLS, "the run was not killed part-way"
    for path in finished:
        _assert_whole(path)
    db.session.expire_all()
    [killed] = runs_of(tenant)
    assert killed.status == "running" and killed.trigger == "cli"

    rerun = annual.run_annual(tenant=db.session.get(Tenant, tenant.id), year=YEAR)
    assert rerun.status == "succeeded", rerun.error
    db.session.refresh(killed)
    assert killed.status == "failed" and killed.error.startswith("abandoned: worker")
    assert [(r.id, r.status) for r in runs_of(tenant)] == [(killed.id, "failed"),
                                                           (rerun.id, "succeeded")]
    rows = artifacts_of(tenant)
    assert len(rows) == 3 * SCHOOLS
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        f"{r.subject_key}.{r.fmt}" for r in rows)  # the set, and no temporary file
    for row in rows:
        assert files.file_digest(file_of(app, row)) == (row.size, row.sha256)
