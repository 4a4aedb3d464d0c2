"""`imant graph …`: run, inspect and initialise the graph server."""
from __future__ import annotations

import signal
import sys
import time

import click
from flask import current_app
from flask.cli import with_appcontext

from graph.driver import graph
from graph.schema import apply_schema


@click.group("graph")
def graph_group() -> None:
    """The graph database."""


@graph_group.command("serve")
@with_appcontext
def serve() -> None:
    """Run the embedded graph server in the foreground until interrupted."""
    if graph.embedded is None:
        click.echo("GRAPH_URI is set: nothing to serve here.", err=True)
        sys.exit(1)
    started = time.monotonic()
    graph.set_embedded_start("attached")
    info = graph.embedded.ensure()
    if not info.started_here:
        click.echo(f"already running (pid {info.pid}) at {info.uri}")
        return
    click.echo(f"graph server ready at {info.uri} in {time.monotonic() - started:.1f} s "
               f"(pid {info.pid}); Ctrl-C stops it")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        graph.embedded.wait()
    except KeyboardInterrupt:
        pass
    finally:
        graph.embedded.stop()


@graph_group.command("stop")
@with_appcontext
def stop() -> None:
    """Stop the embedded graph server of this instance, whoever started it."""
    if graph.embedded is None:
        click.echo("GRAPH_URI is set: no embedded server to stop.", err=True)
        sys.exit(1)
    pid = graph.embedded.stop_running()
    click.echo(f"stopped (pid {pid})" if pid else "not running")


@graph_group.command("status")
@with_appcontext
def status() -> None:
    """Say where the graph server is and whether it answers."""
    if graph.embedded is not None:
        info = graph.embedded.running()
        if info is None:
            click.echo(f"embedded: not running (data in {current_app.config['GRAPH_DIR']})")
            sys.exit(3)
        click.echo(f"embedded: running, pid {info.pid}, {info.uri}, database {graph.database}")
        graph.configure(uri=info.uri, user="root", password=info.password,
                        database=graph.database, graph_dir=graph.embedded.graph_dir)
    try:
        started = time.monotonic()
        graph.ping()
        click.echo(f"{graph.uri}: ok ({(time.monotonic() - started) * 1000:.0f} ms)")
    except Exception as exc:  # noqa: BLE001 - reported, not raised
        click.echo(f"{graph.uri}: unavailable ({exc})")
        sys.exit(1)


@graph_group.command("init")
@with_appcontext
def init() -> None:
    """Apply constraints and indexes (idempotent)."""
    applied = apply_schema(client=graph)
    click.echo(f"constraints in place: {len(applied)} ({', '.join(applied)})")
