"""`imant import KIND FILE --tenant SLUG`: the same all-or-nothing import as the upload page."""
from __future__ import annotations

import sys

import click
from flask import Flask
from flask.cli import with_appcontext

from app.imports.kinds import ALL_KINDS
from app.imports.service import import_csv
from app.platform import get_tenant
from graph.errors import DomainError, Invalid


@click.command("import")
@click.argument("kind", type=click.Choice(ALL_KINDS))
@click.argument("file", type=click.File("rb"))
@click.option("--tenant", "slug", required=True, help="Slug of the programme to import into.")
@click.option("--batch-size", type=click.IntRange(1, 100_000), default=None,
              help="Rows per UNWIND statement (all batches share one transaction).")
@with_appcontext
def import_cmd(kind: str, file, slug: str, batch_size: int | None) -> None:
    """Import a CSV file (header row, UTF-8) of KIND; nothing is written if any row is bad."""
    name = getattr(file, "name", "-")
    try:
        result = import_csv(tenant=get_tenant(slug=slug), kind=kind, data=file.read(),
                            file_name=name, actor="import (command line)",
                            batch_size=batch_size)
    except Invalid as exc:
        click.echo(f"error: {exc.message}", err=True)
        for e in exc.errors:
            where = f"line {e['line']}" if e.get("line") else "file"
            column = f", column {e['field']}" if e.get("field") else ""
            value = f", value {e['value']!r}" if e.get("value") not in (None, "") else ""
            click.echo(f"  {where}{column}{value}: {e['reason']}", err=True)
        sys.exit(1)
    except DomainError as exc:
        click.echo(f"error: {exc.message}", err=True)
        sys.exit(1)
    t = result.timings
    click.echo(f"imported {result.rows} {kind} rows from {name} into {slug}: "
               f"{result.created} new, {result.updated} updated "
               f"({t['total']:.2f} s: parse {t['parse']:.2f}, check {t['check']:.2f}, "
               f"write {t['write']:.2f})")


def register(app: Flask) -> None:
    app.cli.add_command(import_cmd)
