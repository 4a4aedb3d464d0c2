"""The README's production command starts, answers /healthz, and its master owns the
embedded graph server: a worker killed leaves the graph up."""
from __future__ import annotations

import contextlib
import json
import os
import shlex
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.embedded import _free_port, _pid_alive
from tests.test_embedded import ROOT, env_for, servers_of, wait_gone

BIN = Path(sys.executable).parent
ATTEMPTS = 240  # tries of at most 1 s each: only a server that never answers exhausts them


def documented_command() -> list[str]:
    """The gunicorn command line of the README's production section."""
    lines = [line.strip() for line in (ROOT / "README.md").read_text().splitlines()
             if line.strip().startswith("gunicorn ")]
    assert len(lines) == 1, lines
    return shlex.split(lines[0])


def healthz(port: int) -> tuple[int, dict] | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())
    except OSError:
        return None


def answers_ok(port: int, proc: subprocess.Popen) -> bool:
    for _ in range(ATTEMPTS):
        assert proc.poll() is None, "gunicorn exited"
        got = healthz(port)
        if got is not None and got[0] == 200:
            return True
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=1)
    return False


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


@pytest.fixture
def gunicorn(tmp_path: Path) -> Iterator[tuple[subprocess.Popen, int, Path]]:
    instance = tmp_path / "instance"
    env = {**env_for(instance), "IMANT_ENV": "production", "SECRET_KEY": "s" * 40,
           "DATABASE_URL": f"sqlite:///{tmp_path / 'imant.sqlite3'}"}
    env.pop("TEST_DATABASE_URL", None)
    migrated = subprocess.run([str(BIN / "imant"), "db", "upgrade"], env=env, cwd=tmp_path,
                              capture_output=True, text=True, timeout=300, check=False)
    assert migrated.returncode == 0, migrated.stderr
    command = documented_command()
    assert command[0] == "gunicorn"
    port = _free_port()
    # the documented command, on a free loopback port and with two workers on a small machine
    args = [str(BIN / "gunicorn"), *command[1:], "-b", f"127.0.0.1:{port}", "-w", "2"]
    proc = subprocess.Popen(args, env=env, cwd=tmp_path, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    try:
        yield proc, port, instance
    finally:
        if proc.poll() is None:
            proc.terminate()
        proc.wait(timeout=60)
        proc.stderr.close()


def test_the_documented_gunicorn_command_answers_healthz(gunicorn):
    proc, port, instance = gunicorn
    assert answers_ok(port, proc), proc.stderr.read() if proc.poll() is not None else ""
    status, body = healthz(port)
    assert (status, body) == (200, {"status": "ok", "sql": "ok", "graph": "ok"})

    servers = servers_of(instance / "graph")
    assert len(servers) == 1
    server = servers[0]
    assert server in children(proc.pid), "the master owns the graph server"
    workers = [pid for pid in children(proc.pid) if pid != server]
    assert len(workers) == 2
    os.kill(workers[0], signal.SIGKILL)
    assert answers_ok(port, proc)
    assert _pid_alive(server) and servers_of(instance / "graph") == [server]

    proc.terminate()
    proc.wait(timeout=60)
    assert wait_gone(server), "the graph server outlived the master that owns it"
