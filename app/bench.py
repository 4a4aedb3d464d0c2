"""`imant bench …`: benchmark commands that print timings; each feature owns its command."""
from __future__ import annotations

from collections.abc import Iterable

import click
from flask import Flask


def init_app(app: Flask, *, commands: Iterable[click.Command]) -> None:
    """Add `imant bench` with the features' benchmark commands (handed over by the factory)."""
    group = click.Group("bench", help="Benchmarks: each prints the figures it measured.")
    for command in commands:
        group.add_command(command)
    app.cli.add_command(group)
