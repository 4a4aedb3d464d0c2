"""`imant bench start`: how long Imant takes to start, as a user meets it.

- `imant --help`, run N times: the command-line start-up every command pays first.
- `imant serve` from nothing running to a healthy `/healthz`, run N times, each cold (no
  graph server running for the instance, a new process). It starts in a throwaway
  instance folder (SQL migrated first, not timed) unless --instance names one, such as a
  tenant-sized instance to see what opening a large graph costs. The first start of a
  throwaway instance also creates its graph database, so it is printed apart from the
  restarts that follow. Each run stops the server, which stops the graph server it
  started, before the next.

For each serve run it prints the seconds to healthy and, from the server's own output,
when the graph server answered. It never touches the current instance's stores.
"""
from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import click

from app.benchmarks import server
from app.benchmarks.loader import spread
from graph.embedded import stop_process, wait_gone

GRAPH_LINE = re.compile(r"graph server answering after ([\d.]+) s")
# settings the child must not inherit: it uses the instance's own SQLite and embedded graph
FOREIGN = ("DATABASE_URL", "GRAPH_URI", "GRAPH_USER", "GRAPH_PASSWORD", "GRAPH_DATABASE",
           "REDIS_URL", "FLASK_APP")


def _env(instance: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in FOREIGN}
    env["IMANT_INSTANCE"] = str(instance)
    return env


def _help_seconds(runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([*server.imant_command(), "--help"], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        out.append(time.perf_counter() - started)
    return out


def _graph_running(instance: Path) -> bool:
    """`imant graph status` exits 3 when no graph server runs for the instance."""
    return subprocess.run([*server.imant_command(), "graph", "status"], env=_env(instance),
                          check=False, capture_output=True).returncode != 3


def _serve_once(instance: Path, log: Path) -> tuple[float, float | None]:
    """Seconds from starting `imant serve` to a healthy /healthz, and when the graph
    server answered (from the server's output)."""
    try:
        with server.served(log_path=log, env=_env(instance), poll=0.02,
                           stop=functools.partial(_stop, instance=instance)) as (_url, ready):
            pass
    except RuntimeError as exc:
        raise click.ClickException(str(exc)) from None
    found = GRAPH_LINE.search(log.read_text(errors="replace"))
    return ready, float(found.group(1)) if found else None


def _stop(process: subprocess.Popen, *, instance: Path) -> None:
    """Stop `serve` as Ctrl-C does, so that it stops its graph server and waits for it; then
    wait until that server's process is gone, so the next start is cold (a server still
    shutting down would be found and reused, or hold the database's files)."""
    graph_pid = None
    with contextlib.suppress(OSError, ValueError, KeyError):
        graph_pid = json.loads((instance / "graph" / "server.json").read_text())["pid"]
    stop_process(process, sig=signal.SIGINT, grace=60)
    if graph_pid is not None:
        wait_gone(graph_pid, timeout=60, poll=0.05)


def _line(name: str, values: list[float]) -> str:
    return f"  {name:46} {spread(values)}, {len(values)} run(s)"


@click.command("start")
@click.option("--runs", default=3, show_default=True, type=click.IntRange(1, 50),
              help="Runs of each measurement.")
@click.option("--instance", "folder", default=None,
              type=click.Path(file_okay=False, path_type=Path),
              help="An existing instance folder to start (its graph server must not be "
                   "running); default: a throwaway instance.")
def start_bench(runs: int, folder: Path | None) -> None:
    """Time `imant --help` and a cold `imant serve` to a healthy /healthz."""
    click.echo(f"load average before the runs: "
               f"{' '.join(f'{v:.2f}' for v in os.getloadavg())} on {os.cpu_count()} cores")
    click.echo(_line("imant --help", _help_seconds(runs)))
    throwaway = folder is None
    instance = Path(tempfile.mkdtemp(prefix="imant-start-")) if throwaway else folder
    try:
        if throwaway:
            subprocess.run([*server.imant_command(), "db", "upgrade"], env=_env(instance),
                           check=True, capture_output=True)
        elif _graph_running(instance):
            raise click.ClickException(
                f"the graph server of {instance} is running, so a start would not be cold; "
                f"stop it first: IMANT_INSTANCE={instance} imant graph stop")
        log = instance / "start-bench.log"
        if throwaway:  # the first start creates the graph database
            first, graph_first = _serve_once(instance, log)
            click.echo(f"  {'imant serve, new instance (creates the graph)':46} {first:.2f} s "
                       f"(then waited {graph_first or 0:.2f} s for the graph server)")
        healthy, graph_up = [], []
        for _ in range(runs):
            seconds, graph_seconds = _serve_once(instance, log)
            healthy.append(seconds)
            if graph_seconds is not None:
                graph_up.append(graph_seconds)
        click.echo(_line("imant serve, cold, to a healthy /healthz", healthy))
        if graph_up:
            click.echo(_line("  then waiting for the graph server", graph_up))
    finally:
        if throwaway:
            shutil.rmtree(instance, ignore_errors=True)
