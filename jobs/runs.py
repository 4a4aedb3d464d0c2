"""The JobRun lifecycle: claim once per (tenant, kind, period), progress, heartbeat, finish.

A partial unique index allows one queued or running run per (tenant, kind,
period), so a second trigger while one is active gets that run back instead
of starting another. A run whose worker died (its process is gone, or no
heartbeat for `stale_after`) is marked failed with the reason when the next
trigger for the same period arrives.
"""
from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from app.extensions import db
from app.models import JobRun, JobStatus, Tenant
from app.models.tenant import utcnow

log = logging.getLogger(__name__)
DEFAULT_STALE_MINUTES = 10
HEARTBEAT_SECONDS = 20
ACTIVE = (JobStatus.QUEUED.value, JobStatus.RUNNING.value)


def _process_start(pid: int) -> str | None:
    """The kernel's start time of a process (tells a reused pid from the original)."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return None if fields[0] in ("Z", "X") else fields[19]


def worker_id() -> str:
    """host:pid:start of this process."""
    pid = os.getpid()
    return f"{socket.gethostname()}:{pid}:{_process_start(pid) or ''}"


def worker_alive(worker: str | None) -> bool | None:
    """True or False for a worker on this host; None when it cannot be told from here."""
    if not worker or worker.count(":") < 2:
        return None
    host, pid, start = worker.rsplit(":", 2)
    if host != socket.gethostname() or not pid.isdigit():
        return None
    current = _process_start(int(pid))
    if current is None:
        return False
    return not start or current == start


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)  # SQLite returns naive datetimes
    return value


def stale_after() -> timedelta:
    return timedelta(minutes=current_app.config.get("JOB_STALE_MINUTES", DEFAULT_STALE_MINUTES))


def abandon_reason(run: JobRun, *, now: datetime | None = None) -> str | None:
    """Why an active run can no longer be running, or None if it may still be."""
    now = now or utcnow()
    alive = worker_alive(run.worker)
    if alive is False:
        return f"abandoned: worker {run.worker} stopped before the run finished"
    last = _aware(run.heartbeat_at) or _aware(run.started_at) or _aware(run.created_at)
    if last is not None and now - last > stale_after():
        return (f"abandoned: no heartbeat since {last.isoformat(timespec='seconds')} "
                f"(worker {run.worker or 'never started'})")
    return None


def recover_stale(*, tenant_id: int, kind: str, period: str) -> list[JobRun]:
    """Mark this period's dead active runs failed; returns them."""
    runs = db.session.execute(db.select(JobRun).filter(
        JobRun.tenant_id == tenant_id, JobRun.kind == kind, JobRun.period == period,
        JobRun.status.in_(ACTIVE))).scalars().all()
    dead = []
    for run in runs:
        reason = abandon_reason(run)
        if reason:
            run.status, run.error, run.finished_at = JobStatus.FAILED.value, reason, utcnow()
            dead.append(run)
    if dead:
        db.session.commit()
    return dead


def active_run(*, tenant_id: int, kind: str, period: str) -> JobRun | None:
    return db.session.execute(db.select(JobRun).filter(
        JobRun.tenant_id == tenant_id, JobRun.kind == kind, JobRun.period == period,
        JobRun.status.in_(ACTIVE))).scalar_one_or_none()


def claim(*, tenant: Tenant, kind: str, period: str, trigger: str = "manual",
          details: dict[str, Any] | None = None) -> tuple[JobRun, bool]:
    """The new queued run, or the one already active for this period; True if new."""
    recover_stale(tenant_id=tenant.id, kind=kind, period=period)
    run = JobRun(tenant_id=tenant.id, kind=kind, period=period, trigger=trigger,
                 status=JobStatus.QUEUED.value, details=details or {})
    db.session.add(run)
    try:
        db.session.commit()
        return run, True
    except IntegrityError:
        db.session.rollback()
    existing = active_run(tenant_id=tenant.id, kind=kind, period=period)
    if existing is None:  # it finished between our insert and this read: claim again
        return claim(tenant=tenant, kind=kind, period=period, trigger=trigger, details=details)
    return existing, False


def start(run: JobRun, *, total: int = 0) -> bool:
    """Take a queued run for this process; False if another worker took it first.

    One conditional UPDATE decides, so a run queued by the web app and picked up by
    the scheduler is carried out once, however many pollers or operators race for it.
    """
    now = utcnow()
    taken = db.session.execute(db.update(JobRun).where(
        JobRun.id == run.id, JobRun.status == JobStatus.QUEUED.value).values(
        status=JobStatus.RUNNING.value, started_at=now, heartbeat_at=now, worker=worker_id(),
        total=total, done=0)).rowcount
    db.session.commit()
    db.session.refresh(run)
    return taken == 1


def queued(*, limit: int = 20) -> list[JobRun]:
    """The oldest queued runs of every tenant, for the worker to pick up."""
    return list(db.session.execute(db.select(JobRun).filter_by(
        status=JobStatus.QUEUED.value).order_by(JobRun.id).limit(limit)).scalars())


class Progress:
    """Progress of one run, committed at most every `every` seconds (and at the end)."""

    def __init__(self, run: JobRun, *, every: float = 0.5,
                 before_commit: Callable[[], None] | None = None) -> None:
        self.run, self.every, self._last = run, every, 0.0
        self.before_commit = before_commit

    def set_total(self, total: int) -> None:
        self.run.total = total
        self.commit()

    def advance(self, step: int = 1, *, force: bool = False) -> None:
        self.run.done += step
        if force or time.monotonic() - self._last >= self.every:
            self.commit()

    def commit(self) -> None:
        if self.before_commit is not None:
            self.before_commit()
        self.run.heartbeat_at = utcnow()
        db.session.commit()
        self._last = time.monotonic()


def finish(run: JobRun, *, error: str | None = None,
           details: dict[str, Any] | None = None) -> None:
    run.status = JobStatus.FAILED.value if error else JobStatus.SUCCEEDED.value
    run.error, run.finished_at = error, utcnow()
    run.heartbeat_at = run.finished_at
    if details:
        run.details = {**(run.details or {}), **details}
    db.session.commit()


@contextlib.contextmanager
def heartbeat(run_id: int, *, every: float = HEARTBEAT_SECONDS) -> Iterator[None]:
    """Beat on a side thread while a long step runs (own app context and session)."""
    app = current_app._get_current_object()
    stop = threading.Event()

    def beat() -> None:
        while not stop.wait(every):
            with app.app_context():
                try:
                    db.session.execute(db.update(JobRun).where(JobRun.id == run_id).values(
                        heartbeat_at=utcnow()))
                    db.session.commit()
                except SQLAlchemyError as exc:  # a busy database: the next beat retries
                    db.session.rollback()
                    log.warning("heartbeat of run %s not written: %s", run_id, exc)

    thread = threading.Thread(target=beat, name=f"heartbeat-{run_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=5)


def list_runs(*, tenant_id: int, kind: str | None = None,
              kinds: tuple[str, ...] | None = None, limit: int = 50) -> list[JobRun]:
    query = db.select(JobRun).filter(JobRun.tenant_id == tenant_id)
    if kind:
        query = query.filter(JobRun.kind == kind)
    if kinds:
        query = query.filter(JobRun.kind.in_(kinds))
    return list(db.session.execute(query.order_by(JobRun.id.desc()).limit(limit)).scalars())


def as_dict(run: JobRun) -> dict[str, Any]:
    """A run as the UI and API show it."""
    def iso(value: datetime | None) -> str | None:
        return _aware(value).isoformat(timespec="seconds") if value else None
    return {"id": run.id, "kind": run.kind, "period": run.period, "status": run.status,
            "trigger": run.trigger, "done": run.done, "total": run.total,
            "created_at": iso(run.created_at), "started_at": iso(run.started_at),
            "finished_at": iso(run.finished_at), "heartbeat_at": iso(run.heartbeat_at),
            "error": run.error, "details": run.details or {}}
