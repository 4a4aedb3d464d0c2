"""CSV imports, all or nothing: read and check the whole file, then write it in one transaction.

1. parse: encoding, header and every row (app.imports.parse);
2. check: every referenced key names a node of the programme, and no existing node would
   have a reference changed that may not change (for the family kinds the write itself
   checks the references, see CHECKED_BY_THE_WRITE);
3. write: batches of `UNWIND $rows` upserts inside ONE graph transaction, with the one
   audit event in the same transaction (app.audit.audited_write).

Any problem in 1–2 raises Invalid listing every bad row (line, column, value, reason) and
nothing is written; a failure in 3 rolls the transaction back, so nothing is written either
(and an unknown key found by the write is then reported like one found in 2).
"""
from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, TypeVar

from flask import current_app
from flask_babel import gettext as _
from neo4j.exceptions import Neo4jError

from app import audit, labels
from app.extensions import graph
from app.imports.kinds import KINDS, PLANNING_KINDS, Column, Kind, get_kind
from app.imports.parse import MAX_ERRORS, ParsedFile, parse_csv
from app.models import Tenant
from app.planning import imports as planning_imports
from domain.integrity import Problem, check_assessment_year, check_contribution_date
from graph import imports as gi
from graph.errors import Conflict, Invalid, StoreUnavailable

T = TypeVar("T")
DEFAULT_BATCH_SIZE = 5_000
# One import is one graph transaction, held in the server's memory until it commits:
# about 100,000 family rows fit the embedded server's default 512 MB heap.
DEFAULT_MAX_ROWS = 100_000
DEFAULT_MAX_BYTES = 32 * 1024 * 1024
DEFAULT_TIMEOUT = 600.0  # seconds one import's transaction may take
DATED_BY_ALLIANCE: dict[str, Callable[[dict, dict, date], Problem | None]] = {
    "assessments": lambda row, alliance, today: check_assessment_year(
        year=row["year"], alliance=alliance, today=today),
    "contributions": lambda row, alliance, today: check_contribution_date(
        day=row["date"], alliance=alliance, today=today),
}
# Kinds whose write statements MATCH every key a row refers to, so that a key naming no
# node makes its batch write fewer rows than it was given, which rolls the whole import
# back (graph.imports.write_rows). Their references are checked by the write itself, and
# looked up only when it fails, to name the lines: a clean file of families,
# applications or enrolments is not read twice. Other kinds check before writing (their
# rules need more than a look-up: fixed references, dates within an alliance's years).
CHECKED_BY_THE_WRITE = frozenset({"families", "applications", "enrolments"})
LABEL_WORDS = {"Municipality": "municipality", "Zone": "zone", "School": "school",
               "Partner": "partner", "Family": "family", "Alliance": "alliance",
               "Objective": "objective"}


@dataclass(frozen=True)
class ReadFile:
    """A file read and its values checked (read_csv), and the seconds that took."""

    parsed: ParsedFile
    seconds: float


@dataclass(frozen=True)
class ImportResult:
    """What one import did, with the time each phase took."""

    kind: str
    file_name: str
    rows: int
    created: int
    updated: int
    timings: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def kinds() -> list[Kind]:
    return list(KINDS.values())


def _setting(name: str, default: int) -> int:
    return int(current_app.config.get(name) or default)


def import_csv(*, tenant: Tenant, kind: str, data: bytes, file_name: str = "",
               user_id: int | None = None, actor: str | None = None,
               batch_size: int | None = None, max_rows: int | None = None,
               audited: bool = True) -> ImportResult:
    """Import one CSV file of `kind` into `tenant`, all or nothing.

    `actor` (an email) is recorded as who logged imported contributions and assessed
    imported stages. Only the benchmark's throwaway graph tenant passes audited=False.
    Raises Invalid with every problem found, or StoreUnavailable.
    """
    return import_read(read_csv(kind=kind, data=data, max_rows=max_rows), tenant=tenant,
                       file_name=file_name, user_id=user_id, actor=actor,
                       batch_size=batch_size, audited=audited)


def read_csv(*, kind: str, data: bytes, max_rows: int | None = None) -> ReadFile:
    """The first step of an import: the kind, the file's size and every row's values,
    checked without the stores (so it may run ahead of the previous file's write)."""
    spec = get_kind(kind)
    if spec is None:
        raise Invalid(_("Unknown import kind %(kind)r.", kind=kind), errors=[{
            "line": None, "field": "kind", "value": kind,
            "reason": _("use one of: %(kinds)s", kinds=", ".join(KINDS))}])
    limit = _setting("IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)
    if len(data) > limit:
        raise Invalid(_("The file is too large (%(size)s bytes; at most %(limit)s).",
                        size=format(len(data), ","), limit=format(limit, ",")),
                      errors=[{"line": None, "field": None, "value": len(data),
                               "reason": _("file too large: split it")}])
    started = time.perf_counter()
    parsed = parse_csv(data, spec, max_rows=max_rows or _setting("IMPORT_MAX_ROWS",
                                                                  DEFAULT_MAX_ROWS))
    return ReadFile(parsed, time.perf_counter() - started)


def import_read(read: ReadFile, *, tenant: Tenant, file_name: str = "",
                user_id: int | None = None, actor: str | None = None,
                batch_size: int | None = None, audited: bool = True) -> ImportResult:
    """The rest of an import of a file `read_csv` has read: its references, then the
    write in one transaction (see import_csv)."""
    parsed, kind = read.parsed, read.parsed.kind.name
    started = time.perf_counter()
    checked_by_write = kind in CHECKED_BY_THE_WRITE and not parsed.problems
    if not checked_by_write:
        check_references(parsed, tenant=tenant.slug)
    prepared = (planning_imports.check(parsed, tenant=tenant, user_id=user_id)
                if kind in PLANNING_KINDS else None)
    checked_at = time.perf_counter()
    if parsed.problems:
        raise _invalid(parsed, file_name)
    if prepared is not None:
        created = planning_imports.write(parsed, prepared, tenant=tenant, user_id=user_id,
                                         actor=actor or "import", file_name=file_name)
    else:
        try:
            created = _write(parsed, tenant=tenant, file_name=file_name, user_id=user_id,
                             actor=actor or "import", audited=audited,
                             batch_size=batch_size or _setting("IMPORT_BATCH_SIZE",
                                                               DEFAULT_BATCH_SIZE))
        except Conflict:
            if not checked_by_write:
                raise
            # a batch matched fewer rows than it was given, and everything was rolled
            # back: name the lines whose keys are unknown (if none, a node went meanwhile)
            check_references(parsed, tenant=tenant.slug)
            if parsed.problems:
                raise _invalid(parsed, file_name) from None
            raise
    done = time.perf_counter()
    rows = len(parsed.rows)
    return ImportResult(kind=kind, file_name=file_name, rows=rows, created=created,
                        updated=rows - created,
                        timings={"parse": read.seconds, "check": checked_at - started,
                                 "write": done - checked_at,
                                 "total": read.seconds + done - started})


def read_ahead(files: Iterable[T]) -> Iterator[T]:
    """The items of `files` (an iterator that reads and parses each file, read_csv),
    each made in a worker thread while the caller imports the one before it: the parse of
    file n+1 runs beside the write of file n, which mostly waits for the graph server."""
    app = current_app._get_current_object()  # noqa: SLF001 - the worker needs the app
    items = iter(files)

    def following() -> T | None:
        with app.app_context():
            return next(items, None)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="imant-read-ahead") as pool:
        coming = pool.submit(following)
        while (item := coming.result()) is not None:
            coming = pool.submit(following)
            yield item


def _invalid(parsed: ParsedFile, file_name: str) -> Invalid:
    total = len(parsed.problems)
    shown = f"; the first {MAX_ERRORS} are listed" if total > MAX_ERRORS else ""
    name = f" {file_name}" if file_name else ""
    return Invalid(f"Nothing was imported: the {parsed.kind.name} file{name} has "
                   f"{total:,} problem{'s' if total != 1 else ''}{shown}.",
                   errors=parsed.problems.listed())


def _write(parsed: ParsedFile, *, tenant: Tenant, file_name: str, user_id: int | None,
           actor: str, batch_size: int, audited: bool) -> int:
    kind = parsed.kind.name
    existing: frozenset[str] = frozenset()
    if kind in gi.SPLIT_KINDS:  # new keys are written by CREATE, which needs no look-up
        existing = frozenset(graph.read(gi.existing_keys, tenant=tenant.slug,
                                        label=gi.SPLIT_KINDS[kind],
                                        keys=[row["key"] for row in parsed.rows]))
    params = {"kind": kind, "rows": parsed.rows, "batch_size": batch_size, "actor": actor,
              "existing": existing,
              "check_years": _still_within_alliance_years(parsed, date.today())}

    def describe(result: dict) -> tuple[None, dict]:
        return None, {"kind": kind, "rows": len(parsed.rows), "file": file_name,
                      "created": result["created"],
                      "updated": len(parsed.rows) - result["created"]}
    timeout = float(current_app.config.get("GRAPH_IMPORT_TIMEOUT") or DEFAULT_TIMEOUT)
    try:
        if audited:
            result = audit.audited_write(gi.write_rows, tenant=tenant, user_id=user_id,
                                         action="network.import", target=f"import:{kind}",
                                         describe=describe, timeout=timeout, **params)
        else:
            result = graph.write_long(gi.write_rows, timeout=timeout, tenant=tenant.slug,
                                      **params)
    except Neo4jError as exc:
        raise StoreUnavailable("graph", "The import could not be written and was rolled "
                               "back: nothing was imported. A very large file may not fit "
                               "one transaction; split it and try again.") from exc
    return result["created"]


# --- references -------------------------------------------------------------------------------

def check_references(parsed: ParsedFile, *, tenant: str) -> None:
    """Add a problem for every key that names no node of the programme, and for every
    existing node whose fixed reference the file would change."""
    kind = parsed.kind
    wanted: dict[str, set[str]] = defaultdict(set)
    every_row = parsed.every_row()
    for col in kind.columns:
        if col.ref:
            for row, _ in every_row:
                wanted[col.ref].update(_keys(row.get(col.name)))
    if not any(wanted.values()):
        return
    found = {label: graph.read(gi.existing_keys, tenant=tenant, label=label, keys=sorted(keys))
             for label, keys in wanted.items() if keys}
    for order, col in enumerate(kind.columns):
        if col.ref:
            _unknown(parsed, every_row, col, found.get(col.ref, set()), order)
    if kind.fixed:
        _fixed(parsed, tenant=tenant)
    if kind.name == "measures":
        _measure_schools(parsed, tenant=tenant)
    if kind.name in DATED_BY_ALLIANCE:
        _within_alliance_years(parsed, tenant=tenant, today=date.today())


def _keys(value: Any) -> list[str]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _unknown(parsed: ParsedFile, rows: list[tuple[dict, int]], col: Column, found: set[str],
             order: int) -> None:
    word = LABEL_WORDS[col.ref]
    for row, line in rows:
        for key in _keys(row.get(col.name)):
            if key not in found:
                parsed.problems.add(line, col.name, key, f"unknown key: no {word} with key "
                                                         f"{key!r} in this programme", order)


def _fixed(parsed: ParsedFile, *, tenant: str) -> None:
    kind = parsed.kind
    current = graph.read(gi.fixed_references, tenant=tenant, kind=kind.name,
                         keys=[row["key"] for row in parsed.rows])
    for row, line in zip(parsed.rows, parsed.lines, strict=True):
        held = current.get(row["key"])
        for column in kind.fixed if held else ():
            if held.get(column) is not None and held[column] != row[column]:
                parsed.problems.add(line, column, row[column], _fixed_reason(
                    kind, row["key"], column, held[column]), kind.names.index(column))


def _fixed_reason(kind: Kind, key: str, column: str, held: str) -> str:
    hint = (": end it and start a new alliance with another key"
            if kind.name == "alliances" else ": give the new one another key")
    return f"cannot change {column} of the existing {kind.what} {key!r} (it is {held!r}){hint}"


def _measure_schools(parsed: ParsedFile, *, tenant: str) -> None:
    """The schools a measure covers are in the deploying municipality."""
    keys = sorted({k for row in parsed.rows for k in row["school_keys"]})
    if not keys:
        return
    where = graph.read(gi.school_municipalities, tenant=tenant, keys=keys)
    order = parsed.kind.names.index("school_keys")
    for row, line in zip(parsed.rows, parsed.lines, strict=True):
        for key in row["school_keys"]:
            if key in where and where[key] != row["municipality_key"]:
                parsed.problems.add(line, "school_keys", key, f"school {key!r} is in "
                                    f"municipality {where[key]!r}, not "
                                    f"{row['municipality_key']!r}", order)


def _outside_alliance_years(parsed: ParsedFile, years: dict[str, dict],
                            today: date) -> list[tuple[int, Problem]]:
    """(line, problem) of every row dated outside its alliance's years (domain.integrity);
    rows naming an unknown alliance are reported by the reference check."""
    check = DATED_BY_ALLIANCE[parsed.kind.name]
    found = []
    for row, line in zip(parsed.rows, parsed.lines, strict=True):
        alliance = years.get(row["alliance_key"])
        problem = alliance and check(row, alliance, today)
        if problem:
            found.append((line, problem))
    return found


def _within_alliance_years(parsed: ParsedFile, *, tenant: str, today: date) -> None:
    """Assessments from the alliance's planning year to its end, contributions dated within
    its life: each row outside is a problem on its line and column."""
    years = graph.read(gi.alliance_years, tenant=tenant, keys=gi.alliance_keys(parsed.rows))
    for line, problem in _outside_alliance_years(parsed, years, today):
        parsed.problems.add(line, problem.field, problem.value, labels.reason(problem),
                            parsed.kind.names.index(problem.field))


def _still_within_alliance_years(parsed: ParsedFile, today: date) -> Any:
    """The same rule again inside the write transaction, on the years it reads there: an
    alliance changed since the check refuses the whole file."""
    def check(years: dict[str, dict]) -> None:
        if _outside_alliance_years(parsed, years, today):
            raise Conflict(_("An alliance's years changed while the file was imported: "
                             "nothing was imported. Try again."))
    return check if parsed.kind.name in DATED_BY_ALLIANCE else None


def read_rows(*, tenant: str, kind: str) -> list[dict]:
    """Every row of `kind` in the tenant, in the import's columns (checks and tests)."""
    return graph.read(gi.read_rows, tenant=tenant, kind=kind)
