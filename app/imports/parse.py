"""Reading a CSV import: encoding, header and every row, with every problem found at once.

Line numbers are the file's own (the header is line 1), so a coordinator can open the
file and go straight to each problem. Nothing here touches the graph: references to
other nodes are checked afterwards by the service.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _

from app.imports.columns import looks_personal
from app.imports.kinds import Kind
from domain.csv_safety import control_character_reason

BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
MAX_ERRORS = 200


class Problems:
    """Every problem found, sorted by line when listed; the list shown is capped."""

    def __init__(self) -> None:
        self._found: list[tuple[int, int, str | None, Any, str]] = []

    def add(self, line: int | None, column: str | None, value: Any, reason: str,
            order: int = 0) -> None:
        self._found.append((line or 0, order, column, value, reason))

    def __len__(self) -> int:
        return len(self._found)

    def listed(self, limit: int = MAX_ERRORS) -> list[dict]:
        self._found.sort(key=lambda p: (p[0], p[1]))
        return [{"line": line or None, "field": column, "value": _shown(value), "reason": why}
                for line, _order, column, value, why in self._found[:limit]]


def _shown(value: Any) -> Any:
    if isinstance(value, str) and len(value) > 80:
        return value[:77] + "…"
    return value


@dataclass
class ParsedFile:
    """Clean rows (with their line numbers) and the problems found reading the file."""

    kind: Kind
    rows: list[dict] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    problems: Problems = field(default_factory=Problems)
    total_rows: int = 0
    # rows refused for their values, kept so their references are checked all the same
    refused: list[tuple[dict, int]] = field(default_factory=list)

    def every_row(self) -> list[tuple[dict, int]]:
        """Clean rows and refused ones (partial) with their lines, for reference checks."""
        return [*zip(self.rows, self.lines, strict=True), *self.refused]


def decode(data: bytes, problems: Problems) -> str | None:
    """The file's text; None (with a problem per bad line) if it is not UTF-8."""
    if data.startswith(BOM):
        data = data[len(BOM):]
    elif data.startswith(UTF16_BOMS):
        problems.add(1, None, None, _("wrong encoding: the file is UTF-16; save it as "
                                      "CSV UTF-8 (comma delimited)"))
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    offset = 0
    for number, line in enumerate(data.split(b"\n"), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad = line[exc.start:exc.start + 1]
            problems.add(number, None, f"0x{bad.hex().upper()}",
                         _("wrong encoding: byte %(byte)s at byte offset %(offset)s is not "
                           "UTF-8; save the file as CSV UTF-8", byte="0x" + bad.hex().upper(),
                           offset=offset + exc.start))
        offset += len(line) + 1
    return None


def _delimiter(text: str) -> str:
    """Comma, or semicolon when the header uses only semicolons (spreadsheets set to
    a decimal comma save CSV that way)."""
    header = text.split("\n", 1)[0]
    return ";" if ";" in header and "," not in header else ","


def read_header(header: list[str], kind: Kind, problems: Problems) -> dict[str, int]:
    """Map each known column to its position, reporting unknown, personal, repeated and
    missing columns (all on line 1)."""
    positions: dict[str, int] = {}
    for index, raw in enumerate(header):
        name = raw.strip().lower()
        if kind.family_level and looks_personal(name):
            problems.add(1, raw, None, _("refused: looks like a name or personal identifier; "
                                         "families carry only a pseudonymous key and flags"))
        elif name not in kind.names:
            problems.add(1, raw or f"(column {index + 1})", None,
                         _("unknown column; the columns of %(kind)s are: %(columns)s",
                           kind=kind.name, columns=", ".join(kind.names)))
        elif name in positions:
            problems.add(1, raw, None, _("column given twice"))
        else:
            positions[name] = index
    for col in kind.columns:
        if col.name not in positions and not col.omissible:
            problems.add(1, col.name, None, _("missing column"))
    return positions


def _parse_row(values: list[str], line: int, kind: Kind, positions: dict[str, int],
               problems: Problems) -> tuple[dict, bool]:
    """The row's clean values, and whether it has no problem."""
    # a column the file leaves out (only an omissible one gets this far) has no value
    row: dict[str, Any] = {col.name: col.default for col in kind.columns
                           if col.name not in positions and col.omissible}
    before = len(problems)
    for order, col in enumerate(kind.columns):
        if col.name not in positions:
            continue
        raw = values[positions[col.name]].strip()
        refused = control_character_reason(raw)
        if refused:
            problems.add(line, col.name, raw, refused, order)
            continue
        if not raw:
            if col.required:
                problems.add(line, col.name, "", _("empty required value"), order)
            row[col.name] = col.default
            continue
        try:
            row[col.name] = col.parse(raw)
        except ValueError as exc:
            problems.add(line, col.name, raw, str(exc), order)
    if len(problems) > before:
        return row, False
    for check in kind.checks:
        for column, value, reason in check(row):
            problems.add(line, column, value, reason, kind.names.index(column))
    return row, len(problems) == before


def parse_csv(data: bytes, kind: Kind, *, max_rows: int) -> ParsedFile:
    """Decode, read and validate every row of one file of `kind`."""
    parsed = ParsedFile(kind)
    text = decode(data, parsed.problems)
    if text is None:
        return parsed
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text),
                        strict=True)
    try:
        _read_rows(reader, parsed, max_rows=max_rows)
    except csv.Error as exc:
        parsed.problems.add(reader.line_num, None, None,
                            _("not a readable CSV file: %(error)s", error=exc))
    return parsed


def _read_rows(reader: Any, parsed: ParsedFile, *, max_rows: int) -> None:
    kind, problems = parsed.kind, parsed.problems
    header = next(reader, None)
    if header is None:
        problems.add(1, None, None, _("the file is empty: it needs a header row and data rows"))
        return
    positions = read_header(header, kind, problems)
    # a row of a file missing a column still has its values checked, but it is never
    # reshaped into a write (its key may be built from the missing column)
    complete = all(col.name in positions or col.omissible for col in kind.columns)
    seen: dict[tuple, int] = {}
    previous = reader.line_num
    for values in reader:
        line, previous = previous + 1, reader.line_num
        if not any(v.strip() for v in values):
            continue  # blank lines and rows of empty cells, as spreadsheets leave them
        parsed.total_rows += 1
        if parsed.total_rows > max_rows:
            problems.add(line, None, None, _("too many rows: one import takes at most "
                                             "%(max)s rows; split the file",
                                             max=format(max_rows, ",")))
            return
        if len(values) != len(header):
            problems.add(line, None, None, _("has %(values)s values but the header has "
                                             "%(columns)s columns", values=len(values),
                                             columns=len(header)))
            continue
        row, ok = _parse_row(values, line, kind, positions, problems)
        if not ok or not complete:
            parsed.refused.append((row, line))
            continue
        identity = kind.identify(row)
        if identity in seen:
            problems.add(line, kind.identity[0], ":".join(map(str, identity)),
                         _("duplicate key in the file: same %(columns)s as line %(line)s",
                           columns=", ".join(kind.identity), line=seen[identity]))
            continue
        seen[identity] = line
        parsed.rows.append(kind.shape(row) if kind.shape else row)
        parsed.lines.append(line)
    if parsed.total_rows == 0:
        problems.add(1, None, None, _("the file has a header but no data rows"))
