"""The server `imant bench serve` measures when no --url is given: `imant serve` (or the
README's gunicorn command) on a free loopback port, on the same stores as the bench
process, stopped afterwards."""
from __future__ import annotations

import contextlib
import functools
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from flask import current_app

from graph.embedded import stop_process


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def imant_command() -> list[str]:
    """The `imant` console script beside this interpreter (the venv's), or on PATH."""
    beside = Path(sys.executable).with_name("imant")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("imant")
    if found is None:
        raise RuntimeError("the imant command is not installed (pip install -e .)")
    return [found]


def child_env() -> dict[str, str]:
    """The environment of a child `imant` process that uses this process's stores."""
    config = current_app.config
    env = dict(os.environ)
    env["IMANT_INSTANCE"] = str(config["INSTANCE_PATH"])
    env["DATABASE_URL"] = str(config["SQLALCHEMY_DATABASE_URI"])
    env["SECRET_KEY"] = str(config["SECRET_KEY"])
    if config.get("GRAPH_URI"):  # unset: the child finds the embedded server's server.json
        for name in ("GRAPH_URI", "GRAPH_USER", "GRAPH_PASSWORD", "GRAPH_DATABASE"):
            if config.get(name) is not None:
                env[name] = str(config[name])
    return env


def wait_healthy(url: str, *, timeout: float, process: subprocess.Popen | None = None,
                 poll: float = 0.2) -> float:
    """Seconds until GET /healthz answers 200 (asked every `poll` seconds); RuntimeError if
    it never does."""
    import requests
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server exited with status {process.returncode}")
        with contextlib.suppress(requests.RequestException):
            if requests.get(url + "/healthz", timeout=5).status_code == 200:
                return time.monotonic() - started
        time.sleep(poll)
    raise RuntimeError(f"{url}/healthz did not answer 200 within {timeout:.0f} s")


SERVERS = ("imant-serve", "gunicorn")
# The README's production command (the configuration class is named by IMANT_ENV).
GUNICORN_APP = "app.wsgi:application"
GUNICORN_CONF = "python:app.gunicorn_conf"  # the master owns the embedded graph server


def server_command(*, server: str, port: int, workers: int) -> list[str]:
    """The command line of `imant serve`, or of gunicorn with `workers` sync workers."""
    if server == "imant-serve":
        return [*imant_command(), "serve", "--port", str(port)]
    return [sys.executable, "-m", "gunicorn", "-c", GUNICORN_CONF, "-w", str(workers),
            "-b", f"127.0.0.1:{port}", GUNICORN_APP]


@contextlib.contextmanager
def served(*, log_path: Path, server: str = "imant-serve", workers: int = 4,
           timeout: float = 120.0, env: dict[str, str] | None = None, poll: float = 0.2,
           stop: Callable[[subprocess.Popen], None] | None = None
           ) -> Iterator[tuple[str, float]]:
    """The server on a free port: yields (its URL, seconds from its start to a healthy
    /healthz). `env` replaces this process's stores (child_env), `poll` is how often
    /healthz is asked, `stop` how the server is stopped afterwards (default: SIGTERM)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = server_command(server=server, port=port, workers=workers)
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "wb") as log:
        started = time.monotonic()
        process = subprocess.Popen(command, env=child_env() if env is None else env,
                                   stdout=log, stderr=subprocess.STDOUT)
    try:
        try:
            wait_healthy(url, timeout=timeout, process=process, poll=poll)
        except RuntimeError as exc:
            raise RuntimeError(f"{exc}; its output is in {log_path}") from None
        yield url, time.monotonic() - started
    finally:
        (stop or functools.partial(stop_process, grace=15))(process)
