"""`imant import KIND PATH... --tenant SLUG`: the same all-or-nothing import as the upload
page, for one file, many files or folders of them in one process."""
from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import click
from flask import Flask
from flask.cli import with_appcontext

from app.imports.kinds import ALL_KINDS
from app.imports.service import ReadFile, import_read, read_ahead, read_csv
from app.platform import get_tenant
from graph.errors import DomainError, Invalid


@click.command("import")
@click.argument("kind", type=click.Choice(ALL_KINDS))
@click.argument("paths", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=True, allow_dash=True, path_type=Path))
@click.option("--tenant", "slug", required=True, help="Slug of the programme to import into.")
@click.option("--batch-size", type=click.IntRange(1, 100_000), default=None,
              help="Rows per UNWIND statement (all batches share one transaction).")
@with_appcontext
def import_cmd(kind: str, paths: tuple[Path, ...], slug: str, batch_size: int | None) -> None:
    """Import CSV files (header row, UTF-8) of KIND: each PATH a file, a folder (its *.csv
    files, by name) or - for standard input.

    Each file is all or nothing and they go in the order given (each is read while the
    one before it is written); the first file with a bad row stops the run: it writes
    nothing, the files before it stay imported, and the command says which."""
    try:
        tenant = get_tenant(slug=slug)
    except DomainError as exc:
        click.echo(f"error: {exc.message}", err=True)
        sys.exit(1)
    files = _files(paths)
    for number, (name, read) in enumerate(read_ahead(_read(files, kind)), start=1):
        try:
            if isinstance(read, DomainError):
                raise read
            result = import_read(read, tenant=tenant, file_name=name,
                                 actor="import (command line)", batch_size=batch_size)
        except DomainError as exc:
            _refused(exc, name)
            if len(files) > 1:
                click.echo(f"stopped at file {number} of {len(files)}: {number - 1} imported "
                           f"before it, {len(files) - number} not attempted", err=True)
            sys.exit(1)
        t = result.timings
        prefix = f"[{number}/{len(files)}] " if len(files) > 1 else ""
        click.echo(f"{prefix}imported {result.rows} {kind} rows from {name} into {slug}: "
                   f"{result.created} new, {result.updated} updated "
                   f"({t['total']:.2f} s: parse {t['parse']:.2f}, check {t['check']:.2f}, "
                   f"write {t['write']:.2f})")


def _read(files: list[Path], kind: str) -> Iterator[tuple[str, ReadFile | DomainError]]:
    """Each file's name and its rows read (or why it cannot be read)."""
    for path in files:
        name = "-" if str(path) == "-" else str(path)
        data = sys.stdin.buffer.read() if name == "-" else path.read_bytes()
        try:
            yield name, read_csv(kind=kind, data=data)
        except DomainError as exc:
            yield name, exc


def _files(paths: tuple[Path, ...]) -> list[Path]:
    """The files named, a folder's *.csv files in name order in its place."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv" and p.is_file())
            if not found:
                raise click.BadParameter(f"no .csv file in folder {path}", param_hint="PATHS")
            out += found
        else:
            out.append(path)
    return out


def _refused(exc: DomainError, name: str) -> None:
    click.echo(f"error in {name}: {exc.message}", err=True)
    for e in exc.errors if isinstance(exc, Invalid) else []:
        where = f"line {e['line']}" if e.get("line") else "file"
        column = f", column {e['field']}" if e.get("field") else ""
        value = f", value {e['value']!r}" if e.get("value") not in (None, "") else ""
        click.echo(f"  {where}{column}{value}: {e['reason']}", err=True)


def register(app: Flask) -> None:
    app.cli.add_command(import_cmd)
