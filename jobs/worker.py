"""The worker's side of the run queue: runs queued by the web app, the API or the CLI
are picked up by the scheduler process (`imant scheduler`) and carried out there.

The web app only records a queued run (jobs.runs.claim); no report is ever built
in a web worker. Each picked-up run gets a thread of its own, because a bundle
may wait for the annual reports of a year that are queued behind it. A run taken
by another worker first is left to it (jobs.runs.start decides once).
"""
from __future__ import annotations

import logging
import threading

from flask import Flask

from app.extensions import db
from app.models import JobRun, Tenant
from jobs import annual, evaluation, kinds, runs, simulation

log = logging.getLogger(__name__)


def carry_out(run: JobRun) -> bool:
    """Carry out one queued run by its kind and period; False if another worker has it."""
    tenant = db.session.get(Tenant, run.tenant_id)
    if run.kind == kinds.SIMULATION:
        return simulation.execute(run, tenant=tenant, scenario_id=int(run.period))
    if run.kind == kinds.EVALUATION:
        return evaluation.execute(run, tenant=tenant, cycle=kinds.cycle_of(run.period))
    return annual.execute(run, tenant=tenant, year=int(run.period),
                          school=(run.details or {}).get("school"))


def dispatch(app: Flask) -> list[threading.Thread]:
    """Start every queued run on a thread of its own; returns the threads."""
    with app.app_context():
        ids = [run.id for run in runs.queued()]
    threads = [threading.Thread(target=_carry_out_by_id, args=(app, run_id),
                                name=f"report-run-{run_id}") for run_id in ids]
    for thread in threads:
        thread.start()
    return threads


def _carry_out_by_id(app: Flask, run_id: int) -> None:
    with app.app_context():
        run = db.session.get(JobRun, run_id)
        try:
            carry_out(run)
        except Exception:  # already recorded on the run as failed
            log.exception("report run %s failed", run_id)
