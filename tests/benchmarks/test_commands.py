"""`imant bench ingest` and `imant bench serve` on a tiny programme, on the real stores:
every column they promise is printed, and what they build is real (or removed)."""
from __future__ import annotations

import json
import re
import tempfile
import threading

import pytest
from werkzeug.serving import make_server

from app.extensions import db, graph
from app.imports.bench import delete_tenant
from app.models import Tenant
from graph import family_counts
from tests.imports.conftest import graph_counts

NUMBER = r"[\d,]+(?:\.\d+)?"
ENDPOINTS = ("healthz", "api seg municipality", "api seg programme", "api school indicators",
             "api schools list", "api schools latest", "page overview", "page school")


def test_ingest_prints_rows_per_kind_the_total_and_the_start_up(runner):
    result = runner.invoke(args=["bench", "ingest", "--scale", "0.001", "--schools", "12",
                                 "--families", "300", "--rows-per-file", "200",
                                 "--startup-runs", "1"])
    out = result.output
    assert result.exit_code == 0, out
    assert "8 municipalities, 8 zones, 12 schools, 7 years of figures" in out
    assert "as `imant import KIND FOLDER` does" in out
    assert re.search(r"^kind\s+files\s+rows\s+seconds\s+rows/s\s+parse\s+check\s+write$",
                     out, re.M), out
    expected = {"municipalities": (1, 8), "zones": (1, 8), "schools": (1, 12),
                "school_years": (1, 84), "families": (2, 300), "applications": (2, 300),
                "enrolments": (2, 300), "total": (10, 1_012)}
    for kind, (files, rows) in expected.items():
        assert re.search(rf"^{kind}\s+{files}\s+{rows:,}(?:\s+{NUMBER}){{5}}$", out,
                         re.M), (kind, out)
    assert re.search(rf"`imant import` start-up per process \(1 run\): {NUMBER} / {NUMBER} / "
                     rf"{NUMBER} s", out), out
    assert re.search(rf"end to end with one `imant import KIND FOLDER` per kind: {NUMBER} s "
                     rf"importing \+ 7 × {NUMBER} s start-up = {NUMBER} s", out), out
    # 8 + 8 + 12 + 84 + 300 nodes, and a family count per school and year with families
    # (at most 12 × 7); applications and enrolments are relationships
    deleted = re.search(r"deleted bench programme (bench-ingest-\w+): ([\d,]+) nodes", out)
    slug, nodes = deleted.group(1), int(deleted.group(2).replace(",", ""))
    assert 412 < nodes <= 412 + 84, nodes
    assert graph_counts(slug) == (0, 0)
    assert db.session.execute(db.select(Tenant).filter_by(slug=slug)).first() is None


def test_write_path_runs_a_case_on_a_fresh_server_and_names_the_cases(runner):
    result = runner.invoke(args=["bench", "write-path", "--rows", "1000", "--files", "1",
                                 "--case", "import defaults"])
    out = result.output
    assert result.exit_code == 0, out
    for kind in ("families", "applications", "enrolments"):
        assert re.search(rf"^import defaults \(batch 5,000\)\s+{kind}\s+{NUMBER}"
                         rf"(?:\s+{NUMBER}){{3}}$", out, re.M), (kind, out)
    assert "ERROR" not in out
    wrong = runner.invoke(args=["bench", "write-path", "--case", "bigger heap"])
    assert wrong.exit_code == 2 and "no case starts with bigger heap" in wrong.output
    assert "heap 4 GB" in wrong.output


def _assert_table(out: str) -> None:
    header = re.search(r"^endpoint\s+requests\s+errors\s+p50 ms\s+p95 ms\s+p99 ms\s+req/s\s+"
                       r"p95/healthz$", out, re.M)
    assert header, out
    for name in (*ENDPOINTS, "total"):
        line = re.search(rf"^{re.escape(name)}\s+([\d,]+)\s+0(?:\s+{NUMBER}){{4}}\s+"
                         rf"({NUMBER})$", out, re.M)
        assert line, (name, out)
        assert int(line.group(1).replace(",", "")) >= 1
    assert re.search(r"^healthz\s.*\s1\.00$", out, re.M)
    assert "mean answer size, KiB: healthz" in out
    assert re.search(r"^checked \d+ URLs of the mix, one request each, all HTTP 200", out, re.M)
    assert re.search(r"load average after: [\d.]+ [\d.]+ [\d.]+", out)


def test_serve_builds_the_programme_and_measures_a_running_server(app, runner, tmp_path):
    before, after = tmp_path / "before.json", tmp_path / "after.json"
    before.write_text(json.dumps({"about": {"clients": 20}, "endpoints": {
        "page overview": {"p95_ms": 12_300.0, "ratio": 246.0, "rps": 0.4, "errors": 3}}}))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        result = runner.invoke(args=[
            "bench", "serve", "--url", f"http://127.0.0.1:{server.server_port}",
            "--make-tenant", "--scale", "0.002", "--families", "40", "--clients", "8",
            "--seconds", "1", "--tenant", "bench-serve-test", "--save", str(after),
            "--compare", str(before)])
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
    out = result.output
    assert result.exit_code == 0, out
    assert re.search(r"building bench-serve-test: 2 municipalities, 2 zones, 8 schools, "
                     r"7 years .* 40 families", out), out
    assert re.search(rf"^built bench-serve-test in {NUMBER} s \(7 files", out, re.M), out
    assert re.search(r"^  families\s+1\s+40\s", out, re.M), out
    assert "8 clients for 1 s against http://127.0.0.1:" in out
    _assert_table(out)
    assert re.search(rf"^page overview\s+12,300.0\s+{NUMBER}\s+246.00\s+{NUMBER}\s+0.4\s+"
                     rf"{NUMBER}\s+3\s+0$", out, re.M), out
    saved = json.loads(after.read_text())
    assert list(saved["endpoints"]) == [*ENDPOINTS, "total"]
    assert saved["about"]["clients"] == 8 and saved["about"]["programme"] == "bench-serve-test"
    assert saved["endpoints"]["healthz"]["ratio"] == 1.0
    counted = graph.read(family_counts.read_all, tenant="bench-serve-test")
    assert sum(c["enrolled"] for c in counted.values()) == 40  # one enrolment per family
    assert graph_counts("bench-serve-test")[0] == 2 + 2 + 8 + 56 + 40 + len(counted)
    delete_tenant(slug="bench-serve-test")


@pytest.mark.parametrize(("server", "started"), [("imant-serve", "`imant serve`"),
                                                  ("gunicorn", "gunicorn -w 2")])
def test_serve_starts_a_server_when_no_url_is_given(runner, server, started):
    result = runner.invoke(args=["bench", "serve", "--make-tenant", "--scale", "0.001",
                                 "--families", "0", "--clients", "8", "--seconds", "1",
                                 "--tenant", "bench-serve-own", "--server", server,
                                 "--workers", "2"])
    out = result.output
    assert result.exit_code == 0, out
    assert re.search(rf"started {re.escape(started)} at http://127.0.0.1:\d+: /healthz "
                     rf"answered after {NUMBER} s", out), out
    _assert_table(out)
    delete_tenant(slug="bench-serve-own")


def test_serve_refuses_to_rebuild_a_programme_that_is_not_a_bench_one(runner, tenant):
    result = runner.invoke(args=["bench", "serve", "--make-tenant", "--tenant", tenant.slug])
    assert result.exit_code == 2
    assert "must start with 'bench-'" in result.output
    missing = runner.invoke(args=["bench", "serve", "--tenant", "bench-nowhere"])
    assert missing.exit_code == 2 and "build it with --make-tenant" in missing.output


def test_start_times_help_and_cold_serves_in_an_instance_it_removes(runner, tmp_path,
                                                                     monkeypatch):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    result = runner.invoke(args=["bench", "start", "--runs", "1"])
    out = result.output
    assert result.exit_code == 0, out
    spread = rf"{NUMBER} / {NUMBER} / {NUMBER} s \(min / median / max\), 1 run\(s\)$"
    assert re.search(rf"^  imant --help\s+{spread}", out, re.M), out
    assert re.search(rf"^  imant serve, new instance \(creates the graph\)\s+{NUMBER} s "
                     rf"\(then waited {NUMBER} s for the graph server\)$", out, re.M), out
    assert re.search(rf"^  imant serve, cold, to a healthy /healthz\s+{spread}", out, re.M), out
    assert re.search(rf"^    then waiting for the graph server\s+{spread}", out, re.M), out
    assert list(scratch.iterdir()) == []  # the throwaway instance is gone


def test_start_refuses_an_instance_whose_graph_server_runs(runner, tmp_path, graph_server):
    (tmp_path / "graph").symlink_to(graph_server["EMBEDDED"].graph_dir)
    result = runner.invoke(args=["bench", "start", "--runs", "1", "--instance", str(tmp_path)])
    assert result.exit_code == 1
    assert f"the graph server of {tmp_path} is running, so a start would not be cold" \
        in result.output
    assert graph_server["EMBEDDED"].running() is not None  # left running, not stopped
