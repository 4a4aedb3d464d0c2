"""Runs started in the web app are carried out by the worker process (`imant scheduler`),
so killing the web server in the middle of a run does not stop the run."""
from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from app.auth.service import create_token
from app.extensions import db
from tests.conftest import make_user
from tests.reports.helpers import YEAR, artifacts_of, process_env, runs_of, seed

ROOT = Path(__file__).resolve().parents[2]
SCHOOLS = 20  # rendered one after the other: the run is still going when the server dies
IMANT = [sys.executable, "-c", "from app.cli import cli; cli()"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _until(check, proc: subprocess.Popen, *, what: str, timeout: float = 120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        db.session.expire_all()
        if found := check():
            return found
        assert proc.poll() is None, f"{proc.args[-1]} exited while waiting for {what}"
        time.sleep(0.1)
    raise AssertionError(f"no {what}")


def _post(url: str, token: str, body: bytes) -> int:
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def test_killing_the_web_server_during_a_run_does_not_stop_it(app, tenant, graph_server):
    seed(tenant, schools=SCHOOLS)
    token = create_token(user=make_user(tenant=tenant, role="coordinator"), name="t")
    env, port = process_env(app, graph_server), _free_port()
    web = subprocess.Popen([*IMANT, "serve", "--port", str(port)], cwd=ROOT, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    worker = subprocess.Popen([*IMANT, "scheduler"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _until(lambda: _answers(port), web, what="web server")
        status = _post(f"http://127.0.0.1:{port}/api/v1/tenants/{tenant.slug}/report-runs",
                       token, b'{"kind": "annual", "year": %d}' % YEAR)
        assert status == 202
        run = _until(lambda: next((r for r in runs_of(tenant) if r.status == "running"
                                   and r.done > 0), None), worker, what="running run")
        web.send_signal(signal.SIGKILL)
        web.wait(timeout=30)
        assert run.done < run.total, "the run ended before the server was killed"
        _until(lambda: run.status not in ("queued", "running"), worker, what="end of the run")
    finally:
        for proc in (web, worker):
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                proc.wait(timeout=30)
    assert run.status == "succeeded", run.error
    assert run.done == run.total == SCHOOLS
    assert len(artifacts_of(tenant)) == 3 * SCHOOLS
    assert run.worker.split(":")[1] == str(worker.pid)  # carried out by the worker process
