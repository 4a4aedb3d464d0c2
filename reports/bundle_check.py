"""The evaluation bundle is checked before it is published: its data package (schema,
primary and foreign keys) with the frictionless library, and its manifest against every
file in it. A bundle that fails is not published; the error names table, row and field.
"""
from __future__ import annotations

import tempfile
from collections.abc import Mapping
from pathlib import Path

import frictionless

from graph.errors import Invalid

MANIFEST = "manifest-sha256.txt"
NAMED_AT_MOST = 5


def _package_problems(documents: Mapping[str, bytes]) -> list[dict]:
    """The data package's problems, each with table, row, field and note."""
    with tempfile.TemporaryDirectory(prefix="imant-bundle-check-") as folder:
        root = Path(folder)
        for path, content in documents.items():
            target = root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        report = frictionless.validate(str(root / "datapackage.json"))
    found = [{"table": "datapackage.json", "row": None, "field": None,
              "reason": f"{e.type}: {e.note}"} for e in report.errors]
    for task in report.tasks:
        found += [{"table": task.name, "row": getattr(e, "row_number", None),
                   "field": _field(e), "reason": f"{e.type}: {e.note}"} for e in task.errors]
    return found


def _field(error: frictionless.Error) -> str | None:
    """The field a cell error names, or the fields of a broken key."""
    return getattr(error, "field_name", None) or ", ".join(
        getattr(error, "field_names", None) or []) or None


def _manifest_problems(manifest: bytes, files: Mapping[str, tuple[int, str]]) -> list[dict]:
    """Every file but the manifest is listed in it, with its SHA-256."""
    listed = dict(reversed(line.split("  ", 1)) for line in manifest.decode().splitlines())
    wanted = {path: sha for path, (_, sha) in files.items() if path != MANIFEST}
    return [{"table": MANIFEST, "row": None, "field": path,
             "reason": "missing from the manifest" if path not in listed
             else "SHA-256 does not match"}
            for path, sha in sorted(wanted.items()) if listed.get(path) != sha]


def describe(problem: Mapping) -> str:
    row = "" if problem["row"] is None else f", row {problem['row']}"
    field = "" if problem["field"] is None else f", field {problem['field']}"
    return f"table {problem['table']}{row}{field}: {problem['reason']}"


def check_bundle(*, documents: Mapping[str, bytes], files: Mapping[str, tuple[int, str]],
                 manifest: bytes) -> None:
    """Raise Invalid, naming table, row and field, unless the package and manifest are valid.

    `documents`: the bundle's files by path, datapackage.json and its data/*.csv among them;
    `files`: every file in the bundle (size, SHA-256) by path.
    """
    package = {path: content for path, content in documents.items()
               if path == "datapackage.json" or path.startswith("data/")}
    found = _package_problems(package) + _manifest_problems(manifest, files)
    if found:
        shown = "; ".join(describe(p) for p in found[:NAMED_AT_MOST])
        more = f" (and {len(found) - NAMED_AT_MOST} more)" if len(found) > NAMED_AT_MOST else ""
        raise Invalid(f"The bundle does not validate and was not published: {shown}{more}.",
                      errors=found)
