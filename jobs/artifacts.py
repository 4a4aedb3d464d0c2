"""Report files written atomically and recorded with size and SHA-256.

A file is written to a temporary name in its own folder, flushed and fsynced,
then renamed over the final name (os.replace is atomic on one file system):
a reader sees the old file or the new one, never half of one. A process killed
mid-write leaves only a temporary file, which the next run of that period
removes before it starts.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import sqlalchemy as sa

from app.extensions import db
from app.models import ReportArtifact
from app.models.tenant import utcnow

TEMP_PREFIX = ".partial-"
TEMP_SUFFIX = ".tmp"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


def safe_name(key: str) -> str:
    """A file name for an entity key (keys are stable; odd characters get a short hash)."""
    cleaned = _UNSAFE.sub("_", key).lstrip(".") or "_"
    if cleaned != key:
        cleaned += "-" + hashlib.sha256(key.encode()).hexdigest()[:8]
    return cleaned


def period_folder(root: Path, *, tenant: str, kind: str, period: str) -> Path:
    """Where one run's artifacts live: <root>/<tenant>/<kind>/<period>/."""
    return Path(root) / safe_name(tenant) / kind / safe_name(period)


def write_atomic(path: Path, data: bytes) -> tuple[int, str]:
    """Write bytes to `path` atomically; returns (size, sha256)."""
    with open_atomic(path) as fh:
        fh.write(data)
    return len(data), hashlib.sha256(data).hexdigest()


@contextlib.contextmanager
def open_atomic(path: Path) -> Iterator[BinaryIO]:
    """A binary file that appears at `path` only once it is complete (fsynced, renamed)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f"{TEMP_PREFIX}{path.name}.",
                               suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def file_digest(path: Path) -> tuple[int, str]:
    """(size, sha256) of a file on disk."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def sync_folder(folder: Path) -> None:
    """fsync a folder, so the renames in it survive a power cut too."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def is_temporary(path: Path) -> bool:
    return path.name.startswith(TEMP_PREFIX) and path.name.endswith(TEMP_SUFFIX)


def clean_temporary(folder: Path) -> int:
    """Remove temporary files a killed run left under `folder`; returns how many."""
    removed = 0
    if not Path(folder).is_dir():
        return 0
    for path in Path(folder).rglob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}"):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            removed += 1
    return removed


def record(*, tenant_id: int, run_id: int | None, kind: str, period: str, subject_key: str,
           fmt: str, path: str, size: int, sha256: str) -> ReportArtifact:
    """Add or replace the artifact row of one file (committed by the caller)."""
    row = db.session.execute(db.select(ReportArtifact).filter_by(
        tenant_id=tenant_id, kind=kind, period=period, subject_key=subject_key, fmt=fmt)
    ).scalar_one_or_none()
    if row is None:
        row = ReportArtifact(tenant_id=tenant_id, kind=kind, period=period,
                             subject_key=subject_key, fmt=fmt)
        db.session.add(row)
    row.run_id, row.path, row.size, row.sha256 = run_id, path, size, sha256
    row.created_at = utcnow()
    return row


class Recorder:
    """The artifact rows of one run, staged in memory and written in batches.

    Rows are written just before the run's progress is committed (`flush`), with
    one bulk INSERT for new files and one bulk UPDATE for replaced ones, so the
    SQL database is locked for one short transaction per batch.
    """

    def __init__(self, *, tenant_id: int, run_id: int, kind: str, period: str) -> None:
        self.tenant_id, self.run_id, self.kind, self.period = tenant_id, run_id, kind, period
        self.ids = {(subject, fmt): row_id for row_id, subject, fmt in db.session.execute(
            db.select(ReportArtifact.id, ReportArtifact.subject_key, ReportArtifact.fmt)
            .filter_by(tenant_id=tenant_id, kind=kind, period=period))}
        self.pending: list[dict] = []

    def add(self, *, subject_key: str, fmt: str, path: str, size: int, sha256: str) -> None:
        self.pending.append({"subject_key": subject_key, "fmt": fmt, "path": path,
                             "size": size, "sha256": sha256})

    def flush(self) -> None:
        """Write the pending rows in the current transaction (the caller commits)."""
        if not self.pending:
            return
        now = utcnow()
        new, replaced = [], []
        for item in self.pending:
            row_id = self.ids.get((item["subject_key"], item["fmt"]))
            values = {"run_id": self.run_id, "path": item["path"], "size": item["size"],
                      "sha256": item["sha256"], "created_at": now}
            if row_id is None:
                new.append({**values, "tenant_id": self.tenant_id, "kind": self.kind,
                            "period": self.period, "subject_key": item["subject_key"],
                            "fmt": item["fmt"]})
            else:
                replaced.append({"id": row_id, **values})
        if new:
            db.session.execute(sa.insert(ReportArtifact), new)
        if replaced:
            db.session.execute(sa.update(ReportArtifact), replaced)
        self.pending.clear()


def list_for(*, tenant_id: int, kind: str, period: str) -> list[ReportArtifact]:
    return list(db.session.execute(db.select(ReportArtifact).filter_by(
        tenant_id=tenant_id, kind=kind, period=period).order_by(
        ReportArtifact.subject_key, ReportArtifact.fmt)).scalars())


def remove(row: ReportArtifact, *, root: Path) -> None:
    """Delete an artifact's file and row (the row is committed by the caller)."""
    with contextlib.suppress(FileNotFoundError):
        (Path(root) / row.path).unlink()
    db.session.delete(row)
