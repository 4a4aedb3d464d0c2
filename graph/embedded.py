"""The embedded graph server: ArcadeDB with its Bolt plugin, as a child process on loopback.

One server per instance folder. The first process that needs it starts it and
writes `server.json` (pid, ports); any other process on the same folder finds
that file, checks the server answers, and reuses it, and never stops it.

Who starts it, and for how long (`start`):
- "attached": the owners, `imant serve` (`make run`), `imant graph serve` and the
  gunicorn master: the server lives as long as the owner (stopped at exit, and sent
  SIGTERM by the kernel if the owner dies);
- "detached": other commands (`imant import`, `imant reports`, ...) that find none
  running start one that outlives them, for whoever comes next (`imant graph stop`);
- "never": gunicorn workers only reuse the master's server.
"""
from __future__ import annotations

import atexit
import contextlib
import ctypes
import fcntl
import json
import os
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from config import kept_secret

BOLT_PLUGIN = "Bolt:com.arcadedb.bolt.BoltProtocolPlugin"
# the garbage collectors the server may run with (serial: the default; the others are
# measured by `imant bench write-path`)
COLLECTORS = {"serial": "-XX:+UseSerialGC", "parallel": "-XX:+UseParallelGC",
              "g1": "-XX:+UseG1GC"}
START_TIMEOUT = 90.0


@dataclass(frozen=True)
class ServerInfo:
    """How to reach a running embedded server."""

    pid: int
    bolt_port: int
    http_port: int
    password: str
    started_here: bool

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _port_open(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
        return True
    return False


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stop_process(process: subprocess.Popen, *, grace: float,
                 sig: int = signal.SIGTERM) -> None:
    """Send `sig` to `process` and wait for it to exit; kill it if it has not after `grace`
    seconds."""
    process.send_signal(sig)
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wait_gone(pid: int, *, timeout: float, poll: float = 0.1) -> None:
    """Wait, at most `timeout` seconds, until process `pid` has exited."""
    deadline = time.monotonic() + timeout
    while _pid_alive(pid) and time.monotonic() < deadline:
        time.sleep(poll)


def root_password(graph_dir: Path) -> str:
    """The server's root password, generated once and kept with mode 0600."""
    return kept_secret(graph_dir / "root.password", nbytes=24)


def _runtime() -> tuple[Path, Path]:
    import arcadedb_embedded

    base = Path(arcadedb_embedded.__file__).resolve().parent
    return base / "jre" / "bin" / "java", base / "jars"


def server_command(*, graph_dir: Path, database: str, bolt_port: int, http_port: int,
                   heap: str, gc: str = "serial",
                   overrides: Mapping[str, object] | None = None) -> list[str]:
    """The java command line of the embedded server.

    The root password is read by the server from the 0600 file that holds it: the
    command line is readable by every local user in /proc/<pid>/cmdline. `overrides`
    replace the defaults (`imant bench write-path` varies them); `gc` names one of
    COLLECTORS.
    """
    if gc not in COLLECTORS:
        raise ValueError(f"no garbage collector {gc!r}; one of {', '.join(COLLECTORS)}")
    java, jars = _runtime()
    root = graph_dir / "server"
    settings = {
        "arcadedb.server.rootPath": root,
        "arcadedb.server.databaseDirectory": root / "databases",
        "arcadedb.server.rootPasswordPath": graph_dir / "root.password",
        "arcadedb.server.mode": "production",
        "arcadedb.server.httpIncomingHost": "127.0.0.1",
        "arcadedb.server.httpIncomingPort": http_port,
        "arcadedb.bolt.host": "127.0.0.1",
        "arcadedb.bolt.port": bolt_port,
        "arcadedb.server.plugins": BOLT_PLUGIN,
        # the list takes `name[root]`: a trailing `{}` would silently create nothing
        "arcadedb.server.defaultDatabases": f"{database}[root]",
        # commits are fsynced only with this flag
        "arcadedb.txWalFlush": 2,
        **(overrides or {}),
    }
    props = [f"-D{key}={value}" for key, value in settings.items()]
    return [str(java), f"-Xmx{heap}", COLLECTORS[gc], *props,
            "-cp", f"{jars}/*", "com.arcadedb.server.ArcadeDBServer"]


PR_SET_PDEATHSIG = 1


def _child_setup(libc: ctypes.CDLL | None, parent: int, *, detached: bool):
    """What the child runs before exec: SIGTERM when its parent dies, its own process group
    (detached: its own session, and no tie to the parent)."""
    def setup() -> None:
        if detached:
            os.setsid()
            return
        if libc is not None:
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
            if os.getppid() != parent:  # the parent died before the request took effect
                os._exit(1)
        os.setpgrp()  # a Ctrl-C in the terminal reaches the app, which then stops the server
    return setup


def _spawn(cmd: list[str], *, cwd: Path, log_path: Path,
           detached: bool = False) -> subprocess.Popen:
    """Start the server from a thread that lives exactly as long as the server.

    The kernel's parent-death signal follows the *thread* that forked the child, so a
    request thread that happens to start the server must not be its parent: it would
    take the server down when it ends.
    """
    libc = None
    with contextlib.suppress(OSError):
        libc = ctypes.CDLL(None, use_errno=True)  # loaded here: the child must not dlopen
    result: list = []
    ready = threading.Event()

    def run() -> None:
        try:
            with open(log_path, "ab") as log:
                proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL, cwd=cwd,
                                        preexec_fn=_child_setup(libc, os.getpid(),
                                                                detached=detached))
        except BaseException as exc:  # noqa: BLE001 - handed to the caller
            result.append(exc)
            ready.set()
            return
        result.append(proc)
        ready.set()
        proc.wait()

    threading.Thread(target=run, name="imant-graph-server", daemon=True).start()
    ready.wait()
    if isinstance(result[0], BaseException):
        raise result[0]
    return result[0]


class EmbeddedServer:
    """Start or reuse the embedded ArcadeDB server of one instance folder."""

    def __init__(self, *, graph_dir: Path, database: str, heap: str = "512m",
                 gc: str = "serial", start: str = "attached",
                 settings: Mapping[str, object] | None = None) -> None:
        self.graph_dir = Path(graph_dir)
        self.database = database
        self.heap, self.gc = heap, gc
        self.settings = dict(settings or {})
        self.start = start
        self.info: ServerInfo | None = None
        self._process: subprocess.Popen | None = None
        self._owner = 0  # the pid that started the server (forked children are not it)

    @property
    def state_file(self) -> Path:
        return self.graph_dir / "server.json"

    def running(self) -> ServerInfo | None:
        """The server recorded in server.json if it is alive and answering."""
        try:
            state = json.loads(self.state_file.read_text())
        except (OSError, ValueError):
            return None
        if not (_pid_alive(state["pid"]) and _port_open(state["bolt_port"])):
            return None
        return ServerInfo(state["pid"], state["bolt_port"], state["http_port"],
                          root_password(self.graph_dir), started_here=False)

    def ensure(self, *, foreground: bool = False) -> ServerInfo:
        """Reuse the running server or start one; returns how to reach it."""
        if self.info and _port_open(self.info.bolt_port):
            return self.info
        self.graph_dir.mkdir(parents=True, exist_ok=True)
        with open(self.graph_dir / "server.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            self.info = self.running() or self._start()
        return self.info

    def _start(self) -> ServerInfo:
        if self.start == "never":
            raise RuntimeError(
                f"no embedded graph server is running for {self.graph_dir}; in this "
                "process it is only reused (gunicorn starts it in its master)")
        password = root_password(self.graph_dir)
        bolt, http = _free_port(), _free_port()
        cmd = server_command(graph_dir=self.graph_dir, database=self.database,
                             bolt_port=bolt, http_port=http, heap=self.heap, gc=self.gc,
                             overrides=self.settings)
        self._process = _spawn(cmd, cwd=self.graph_dir, log_path=self.graph_dir / "server.log",
                               detached=self.start == "detached")
        self._owner = os.getpid()
        self._wait_ready(bolt)
        tmp = self.state_file.with_suffix(".tmp")
        tmp.write_text(json.dumps({"pid": self._process.pid, "bolt_port": bolt,
                                   "http_port": http, "database": self.database}))
        os.replace(tmp, self.state_file)
        info = ServerInfo(self._process.pid, bolt, http, password, started_here=True)
        if self.start == "detached":
            self._process = None  # not ours to stop: it serves whoever comes next
        else:
            atexit.register(self.stop)
        return info

    def _wait_ready(self, port: int) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(
                    f"the embedded graph server exited with code {self._process.returncode}; "
                    f"see {self.graph_dir / 'server.log'}")
            if _port_open(port) and self._database_ready():
                return
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"the embedded graph server did not answer within {START_TIMEOUT:.0f} s")

    def _database_ready(self) -> bool:
        return (self.graph_dir / "server" / "databases" / self.database / "schema.json").exists()

    def wait(self) -> int:
        """Block until the server started here exits (used by `imant graph serve`)."""
        return self._process.wait() if self._process else 0

    def stop(self) -> None:
        """Stop the server if this process started it attached."""
        proc, self._process = self._process, None
        if proc is None or os.getpid() != self._owner or proc.poll() is not None:
            return
        stop_process(proc, grace=30)
        with contextlib.suppress(OSError):
            self.state_file.unlink()
        self.info = None

    def stop_running(self) -> int | None:
        """Stop whichever server runs for this folder (`imant graph stop`); its pid."""
        info = self.running()
        if info is None:
            return None
        os.kill(info.pid, signal.SIGTERM)
        wait_gone(info.pid, timeout=30)
        with contextlib.suppress(OSError):
            self.state_file.unlink()
        return info.pid
