"""`imant bench …`: benchmark commands that print timings; each feature adds its own."""
from __future__ import annotations

import click
from flask import Flask

from app import cli

bench_group = click.Group("bench", help="Benchmarks: each prints the figures it measured.")


def register(app: Flask) -> None:
    """Add the bench group (with every subcommand added so far) to the `imant` command."""
    from app.benchmarks import ingest, serve_cli  # noqa: F401 - their commands join the group
    app.cli.add_command(bench_group)


if register not in cli.COMMAND_HOOKS:
    cli.COMMAND_HOOKS.append(register)
