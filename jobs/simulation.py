"""A scenario run: read the market and the data version, simulate the baseline and the
scenario, keep the aggregates on the scenario.

The worker carries it out like a report run (jobs.worker): the web app only queues it.
The market's family rows are read here, turned into arrays and dropped; what is kept is
domain.admission.summary's record, aggregates only. A run that fails leaves the scenario's
previous results as they were, and the run says why. The run also writes the scenario's
one-page PDF (reports.scenario) under the reports folder.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import neo4j
from flask import current_app

from app.extensions import db, graph
from app.models import JobRun, Scenario, Tenant
from app.models.tenant import utcnow
from domain.admission import market as mk
from domain.admission import summary
from domain.disclosure.simulation import published
from graph import admission, territory, version
from graph.errors import DomainError, Invalid, NotFound
from jobs import runs
from jobs.kinds import SIMULATION
from reports import files
from reports import scenario as one_pager

STEPS = 3  # read the market, simulate the baseline, simulate the scenario


def execute(run: JobRun, *, tenant: Tenant, scenario_id: int) -> bool:
    """Carry out a claimed scenario run; any error ends it as failed with the reason.

    Returns False, doing nothing, when another worker took the run first.
    """
    if not runs.start(run, total=STEPS):
        return False
    try:
        with runs.heartbeat(run.id):
            details = _simulate(run, tenant=tenant, scenario_id=scenario_id)
    except DomainError as exc:
        db.session.rollback()
        runs.finish(run, error=exc.message)
        return True
    except Exception as exc:
        db.session.rollback()
        runs.finish(run, error=f"{type(exc).__name__}: {exc}")
        raise
    runs.finish(run, details=details)  # commits the results with the new PDF's path
    _prune(Path(current_app.config["REPORTS_DIR"]), details["pdf"])
    return True


def _read(tx: neo4j.ManagedTransaction, *, tenant: str, municipality: str, year: int,
          level: str) -> tuple[int, dict[str, Any]]:
    """The data version, then the market (a later write would bump the version)."""
    current = version.read(tx, tenant=tenant)
    return current.n, admission.read_market(tx, tenant=tenant, municipality=municipality,
                                            year=year, level=level)


def _simulate(run: JobRun, *, tenant: Tenant, scenario_id: int) -> dict[str, Any]:
    scenario = db.session.get(Scenario, scenario_id)
    if scenario is None or scenario.tenant_id != tenant.id:
        raise NotFound(f"No scenario {scenario_id} in this programme.")
    progress = runs.Progress(run)
    data_version, rows = graph.read(_read, tenant=tenant.slug,
                                    municipality=scenario.municipality_key,
                                    year=scenario.year, level=scenario.level)
    if not rows["schools"]:
        raise Invalid(f"The municipality {scenario.municipality_key!r} has no {scenario.level} "
                      "school in this programme.")
    market = mk.build(**rows)
    rows_names = {row["key"]: row.get("name") or row["key"]
                  for row in (*rows["schools"], *rows["zones"])}
    del rows
    progress.advance(force=True)
    try:
        record = summary.run(market, measures=scenario.measures, draws=scenario.draws,
                             seed=scenario.seed,
                             progress=lambda _done, _total: progress.advance(force=True))
    except ValueError as exc:  # a measure naming a school or zone that is gone
        raise Invalid(str(exc)) from exc
    scenario.results, scenario.data_version = record, data_version
    scenario.ran_at = utcnow()
    _write_pdf(scenario, run_id=run.id, tenant=tenant,
               names=_names(tenant, scenario, rows_names))
    return {"scenario": scenario.id, "applicants": market.applicants.size,
            "schools": len(market.school_keys), "data_version": data_version,
            "pdf": scenario.pdf_path}


def _names(tenant: Tenant, scenario: Scenario, found: dict[str, str]) -> dict[str, str]:
    municipality = graph.read(territory.get_municipality, tenant=tenant.slug,
                              key=scenario.municipality_key) or {}
    return {scenario.municipality_key: municipality.get("name") or scenario.municipality_key,
            **found}


def _write_pdf(scenario: Scenario, *, run_id: int, tenant: Tenant,
               names: dict[str, str]) -> None:
    """The run's one-page PDF, as disclosure control publishes the results.

    Each run writes a file of its own, so the previous run's record and file stay a pair
    until the new results commit; `_prune` then removes the older files.
    """
    view = {"name": scenario.name, "municipality": scenario.municipality_key,
            "level": scenario.level, "year": scenario.year, "measures": scenario.measures,
            "draws": scenario.draws, "names": names, "data_version": scenario.data_version,
            "ran_at": scenario.ran_at.isoformat(timespec="seconds"),
            "results": published(scenario.results, threshold=tenant.suppression_threshold)}
    data = one_pager.to_pdf(view, programme=tenant.name, language=tenant.language)
    root = Path(current_app.config["REPORTS_DIR"])
    folder = files.period_folder(root, tenant=tenant.slug, kind=SIMULATION,
                                 period=str(scenario.id))
    path = folder / f"run-{run_id}.pdf"
    _size, sha256 = files.write_atomic(path, data)
    scenario.pdf_path, scenario.pdf_sha256 = str(path.relative_to(root)), sha256


def _prune(root: Path, kept: str) -> None:
    """The scenario's PDFs of earlier runs go, once the new one is recorded."""
    current = root / kept
    for old in current.parent.glob("run-*.pdf"):
        if old != current:
            old.unlink(missing_ok=True)
