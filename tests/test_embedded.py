"""The embedded graph server: one per instance folder, shared by processes, gone with its starter.

Each test runs real processes on temporary instance folders; every cold start costs a few
seconds, so the module shares one server where a test only needs one running.
"""
from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.driver import GraphClient
from graph.embedded import (
    EmbeddedServer,
    ServerInfo,
    _pid_alive,
    _port_open,
    server_command,
)
from graph.queries import schema as schema_queries
from graph.schema import list_constraints

IMANT = Path(sys.executable).parent / "imant"
ROOT = Path(__file__).resolve().parent.parent


def env_for(instance: Path) -> dict[str, str]:
    """A subprocess environment on this instance folder with the embedded defaults."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GRAPH_", "IMANT_"))}
    return {**env, "IMANT_INSTANCE": str(instance), "GRAPH_URI": ""}


def run(args: list[str], instance: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(args, env=env_for(instance), cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout, check=False)


def servers_of(graph_dir: Path) -> list[int]:
    """Pids of the java processes serving this graph folder."""
    pids = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if cmdline and cmdline[0].endswith(b"java") and \
                any(f"{graph_dir}/server".encode() in part for part in cmdline):
            pids.append(int(proc.name))
    return pids


def wait_gone(pid: int, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not _pid_alive(pid):
            return True
        time.sleep(0.1)
    return False


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, ServerInfo]]:
    """A server started here from a short-lived thread, as a web request thread would."""
    instance = tmp_path_factory.mktemp("instance")
    server = EmbeddedServer(graph_dir=instance / "graph", database="imant", heap="256m")
    started: list[ServerInfo] = []
    thread = threading.Thread(target=lambda: started.append(server.ensure()))
    thread.start()
    thread.join()
    assert started, "the server did not start"
    yield instance, started[0]
    server.stop()


def client_for(info: ServerInfo, tmp_path: Path) -> GraphClient:
    client = GraphClient()
    client.configure(uri=info.uri, user="root", password=info.password, database="imant",
                     graph_dir=tmp_path)
    return client


def test_a_server_started_from_a_thread_outlives_the_thread(running):
    instance, info = running
    time.sleep(0.5)  # a parent-death signal would have arrived by now
    assert info.started_here
    assert _pid_alive(info.pid) and _port_open(info.bolt_port)
    assert servers_of(instance / "graph") == [info.pid]


def test_a_second_process_reuses_the_running_server(running):
    instance, info = running
    state = json.loads((instance / "graph" / "server.json").read_text())
    status = run([str(IMANT), "graph", "status"], instance)
    assert status.returncode == 0, status.stderr
    assert f"running, pid {info.pid}" in status.stdout
    assert ": ok (" in status.stdout
    code = ("from app import create_app; from config import Config; "
            "from app.extensions import graph; app = create_app(Config); graph.ping(); "
            "print(graph.embedded.info.pid, graph.embedded.info.started_here)")
    other = run([sys.executable, "-c", code], instance)
    assert other.returncode == 0, other.stderr
    assert other.stdout.split() == [str(info.pid), "False"]
    assert json.loads((instance / "graph" / "server.json").read_text()) == state
    assert servers_of(instance / "graph") == [info.pid]


def test_the_root_password_is_kept_private(running):
    instance, info = running
    path = instance / "graph" / "root.password"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text().strip() == info.password
    assert info.password not in (instance / "graph" / "server.json").read_text()


def test_the_root_password_is_not_on_the_command_line(running, tmp_path):
    """/proc/<pid>/cmdline is readable by every local user; the server still
    authenticates with the password kept in the 0600 file."""
    instance, info = running
    assert info.password.encode() not in Path(f"/proc/{info.pid}/cmdline").read_bytes()
    client = client_for(info, tmp_path)
    try:
        assert client.ping()
    finally:
        client.close()


def test_the_server_runs_the_serial_collector_unless_another_is_named(running, tmp_path):
    _instance, info = running
    assert b"-XX:+UseSerialGC" in Path(f"/proc/{info.pid}/cmdline").read_bytes().split(b"\0")
    ports = {"graph_dir": tmp_path, "database": "d", "bolt_port": 1, "http_port": 2,
             "heap": "64m"}
    assert "-XX:+UseParallelGC" in server_command(**ports, gc="parallel")
    assert "-XX:+UseSerialGC" not in server_command(**ports, gc="g1")
    with pytest.raises(ValueError, match="no garbage collector 'zgc'; one of serial, "
                                         "parallel, g1"):
        server_command(**ports, gc="zgc")


def test_the_bolt_database_exists_and_keeps_writes(running, tmp_path):
    instance, info = running
    assert (instance / "graph" / "server" / "databases" / "imant" / "schema.json").exists()
    client = client_for(info, tmp_path)
    try:
        def put(tx, *, tenant: str) -> None:
            tx.run("CREATE (:Zone {tenant: $tenant, key: 'z1'})", tenant=tenant).consume()

        def count(tx, *, tenant: str) -> int:
            return tx.run("MATCH (n {tenant: $tenant}) RETURN count(n) AS nodes",
                          tenant=tenant).single()["nodes"]
        client.write(put, tenant="embedded-test")
        assert client.read(count, tenant="embedded-test") == 1
    finally:
        client.close()


def test_graph_init_is_idempotent(running, tmp_path):
    instance, info = running
    outputs = []
    for _ in range(2):
        done = run([str(IMANT), "graph", "init"], instance)
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert f"constraints in place: {len(schema_queries.KEY_CONSTRAINTS)}" in outputs[0]
    client = client_for(info, tmp_path)
    try:
        constraints = client.read(list_constraints)
    finally:
        client.close()
    names = sorted(c["name"] for c in constraints)
    assert names == sorted(s.split()[2] for s in schema_queries.KEY_CONSTRAINTS)
    school = next(c for c in constraints if c["name"] == "school_key")
    assert school["labelsOrTypes"] == ["School"]
    assert school["properties"] == ["tenant", "key"]
    assert servers_of(instance / "graph") == [info.pid]


def test_a_command_leaves_the_server_it_started_running_for_others(tmp_path):
    """A command (not `serve`) that finds no server starts one that outlives it, so it never
    takes the graph away from a process that began to use it; `imant graph stop` ends it."""
    instance = tmp_path / "instance"
    done = run([str(IMANT), "graph", "init"], instance)
    assert done.returncode == 0, done.stderr
    pids = servers_of(instance / "graph")
    assert len(pids) == 1, "the command took its server down with it"
    status = run([str(IMANT), "graph", "status"], instance)
    assert f"running, pid {pids[0]}" in status.stdout, status.stdout + status.stderr
    stopped = run([str(IMANT), "graph", "stop"], instance)
    assert stopped.returncode == 0 and f"stopped (pid {pids[0]})" in stopped.stdout
    assert wait_gone(pids[0])
    assert not (instance / "graph" / "server.json").exists()


def test_killing_a_process_that_uses_the_server_leaves_it_up(running):
    instance, info = running
    code = ("from app import create_app; from config import Config; import sys; "
            "from app.extensions import graph; app = create_app(Config); graph.ping(); "
            "print(graph.embedded.info.started_here, flush=True); sys.stdin.read()")
    user = subprocess.Popen([sys.executable, "-c", code], env=env_for(instance), cwd=ROOT,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert user.stdout.readline().split() == ["False"]
        user.send_signal(signal.SIGKILL)
        user.wait(timeout=30)
    finally:
        user.kill()
        user.wait()
        user.stdout.close()
        user.stdin.close()
    assert _pid_alive(info.pid) and _port_open(info.bolt_port)
    assert servers_of(instance / "graph") == [info.pid]


def test_the_server_stops_when_the_process_that_started_it_exits(tmp_path):
    """The starter being killed takes its attached server down (the kernel's
    parent-death signal)."""
    instance = tmp_path / "instance"
    code = ("import sys; from pathlib import Path; from graph.embedded import EmbeddedServer; "
            "s = EmbeddedServer(graph_dir=Path(sys.argv[1]), database='imant', heap='256m'); "
            "print(s.ensure().pid, flush=True); sys.stdin.read()")
    starter = subprocess.Popen([sys.executable, "-c", code, str(instance / "graph")],
                               cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               text=True)
    try:
        pid = int(starter.stdout.readline())
        assert _pid_alive(pid) and servers_of(instance / "graph") == [pid]
        starter.send_signal(signal.SIGKILL)  # no atexit: the kernel's parent-death signal
        starter.wait(timeout=30)
        assert wait_gone(pid), "the server outlived its starter"
    finally:
        starter.kill()
        starter.wait()
        starter.stdout.close()
        starter.stdin.close()


def test_processes_starting_together_share_one_server(tmp_path):
    graph_dir = tmp_path / "graph"
    code = ("import sys; from pathlib import Path; from graph.embedded import EmbeddedServer; "
            "s = EmbeddedServer(graph_dir=Path(sys.argv[1]), database='imant', heap='256m'); "
            "i = s.ensure(); print(i.pid, i.started_here, flush=True); sys.stdin.read()")
    procs = [subprocess.Popen([sys.executable, "-c", code, str(graph_dir)], cwd=ROOT,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
             for _ in range(2)]
    try:
        answers = sorted(p.stdout.readline().split() for p in procs)
        assert answers[0][0] == answers[1][0]  # the same pid
        assert sorted(a[1] for a in answers) == ["False", "True"]
        assert servers_of(graph_dir) == [int(answers[0][0])]
    finally:
        for p in procs:
            p.stdin.close()
            p.wait(timeout=60)
            p.stdout.close()
    assert wait_gone(int(answers[0][0]))


def test_a_reusing_process_starts_its_own_server_when_the_starter_is_gone(tmp_path):
    graph_dir = tmp_path / "graph"
    code = ("import sys; from pathlib import Path; from graph.embedded import EmbeddedServer; "
            "s = EmbeddedServer(graph_dir=Path(sys.argv[1]), database='imant', heap='256m'); "
            "print(s.ensure().pid, flush=True); sys.stdin.read()")
    starter = subprocess.Popen([sys.executable, "-c", code, str(graph_dir)], cwd=ROOT,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    client = GraphClient()
    client.configure(uri=None, user="root", password=None, database="imant",
                     graph_dir=graph_dir, heap="256m", retry_time=1.0)
    try:
        first = int(starter.stdout.readline())
        assert client.ping() and client.embedded.info.pid == first
        assert not client.embedded.info.started_here
        starter.stdin.close()  # the starter exits and takes its server along
        starter.wait(timeout=60)
        assert wait_gone(first)
        assert client.ping()  # not a 503: this process starts a server of its own
        assert client.embedded.info.started_here
        assert servers_of(graph_dir) == [client.embedded.info.pid] != [first]
    finally:
        client.close()
        if client.embedded is not None:
            client.embedded.stop()
        starter.kill()
        starter.wait()
        for pipe in (starter.stdin, starter.stdout):
            if not pipe.closed:
                pipe.close()


def test_serve_starts_its_server_while_the_app_is_built_and_owns_it(tmp_path):
    """`imant serve` launches the graph server before building the app (the two overlap):
    still exactly one server, started by serve itself, and gone when serve is stopped."""
    import socket
    import urllib.request
    instance = tmp_path / "instance"
    assert run([str(IMANT), "db", "upgrade"], instance).returncode == 0
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    serve = subprocess.Popen([str(IMANT), "serve", "--port", str(port)], env=env_for(instance),
                             cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             text=True)
    try:
        deadline = time.monotonic() + 90
        while True:
            assert serve.poll() is None and time.monotonic() < deadline, serve.stdout.read()
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.2)
        pids = servers_of(instance / "graph")
        assert len(pids) == 1, pids
        ppid = int(Path(f"/proc/{pids[0]}/stat").read_text().rsplit(")", 1)[1].split()[1])
        assert ppid == serve.pid, "the server was not started by `imant serve` itself"
        serve.terminate()
        serve.wait(timeout=30)
        assert wait_gone(pids[0]), "the server outlived `imant serve`"
    finally:
        serve.kill()
        serve.wait()
        serve.stdout.close()
