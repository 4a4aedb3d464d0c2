"""The artifact rows of report files: each file's path, size and SHA-256, per run.

The files themselves are written by the report engine (reports/files.py); this
module records them in SQL, in batches, and removes files no longer reported on.
"""
from __future__ import annotations

import contextlib
from pathlib import Path

import sqlalchemy as sa

from app.extensions import db
from app.models import ReportArtifact
from app.models.tenant import utcnow


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

    def add(self, *, subject_key: str, fmt: str, path: str, size: int, sha256: str,
            subject_name: str | None = None) -> None:
        self.pending.append({"subject_key": subject_key, "fmt": fmt, "path": path,
                             "size": size, "sha256": sha256, "subject_name": subject_name})

    def flush(self) -> None:
        """Write the pending rows in the current transaction (the caller commits)."""
        if not self.pending:
            return
        now = utcnow()
        new, replaced = [], []
        for item in self.pending:
            row_id = self.ids.get((item["subject_key"], item["fmt"]))
            values = {"run_id": self.run_id, "path": item["path"], "size": item["size"],
                      "sha256": item["sha256"], "subject_name": item["subject_name"],
                      "created_at": now}
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
