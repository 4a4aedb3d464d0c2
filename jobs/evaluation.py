"""The evaluation run: one zip per tenant and four-year cycle, written atomically.

Cycles run every four school years from the programme's start year (2019–2022,
2023–2026, …). The bundle holds the data package, the RO-Crate metadata, the
cycle's annual reports (made first where missing), the programme summary, the
codebook and a SHA-256 manifest of every file in it.
"""
from __future__ import annotations

import hashlib
import json
import time
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from flask import current_app

from app.extensions import db, graph
from app.models import JobRun, Tenant
from app.models.tenant import utcnow
from domain.vocabulary import school_year_label
from graph.errors import DomainError
from jobs import annual, artifacts, kinds, runs
from jobs.kinds import CYCLE, cycle_bounds, period_of
from reports import bundle, bundle_check, bundle_plan, files
from reports.annual import FORMATS
from reports.data import report_subjects
from reports.snapshot import Network, load_network

KIND = kinds.EVALUATION
REPORT_FORMATS = ("pdf", "json")
ProgressFn = Callable[[int, int], None]


def run_evaluation(*, tenant: Tenant, cycle: int, trigger: str = "manual",
                   run: JobRun | None = None, on_progress: ProgressFn | None = None) -> JobRun:
    """Claim (or take) the run for (tenant, evaluation, cycle) and carry it out."""
    if run is None:
        run, created = runs.claim(tenant=tenant, kind=KIND, period=period_of(tenant, cycle),
                                  trigger=trigger)
        if not created:
            return run
    execute(run, tenant=tenant, cycle=cycle, on_progress=on_progress)
    return run


def execute(run: JobRun, *, tenant: Tenant, cycle: int,
            on_progress: ProgressFn | None = None) -> bool:
    """Carry out a claimed run; any error ends it as failed with the reason.

    Returns False, doing nothing, when another worker took the run first.
    """
    if not runs.start(run):
        return False
    try:
        with runs.heartbeat(run.id):
            details = _build(run, tenant=tenant, cycle=cycle, on_progress=on_progress)
    except DomainError as exc:
        runs.finish(run, error=exc.message)
        return True
    except Exception as exc:
        db.session.rollback()
        runs.finish(run, error=f"{type(exc).__name__}: {exc}")
        raise
    failures = details["failures"]
    runs.finish(run, error="; ".join(f"{f['step']}: {f['reason']}" for f in failures) or None,
                details=details)
    return True


def _ensure_annual(tenant: Tenant, net: Network, year: int, failures: list[dict]) -> None:
    """Make the year's annual reports unless every one is already on file."""
    subjects = report_subjects(net, year=year)
    if not subjects:
        return
    root = Path(current_app.config["REPORTS_DIR"])
    have = {(a.subject_key, a.fmt) for a in artifacts.list_for(
        tenant_id=tenant.id, kind=annual.KIND, period=str(year)) if (root / a.path).is_file()}
    if all((s, f) in have for s in subjects for f in FORMATS):
        return
    run, created = runs.claim(tenant=tenant, kind=annual.KIND, period=str(year),
                              trigger="evaluation")
    if not (created and annual.execute(run, tenant=tenant, year=year)):
        _wait(run)  # another worker carries it out
    if run.status != "succeeded":
        failures.append({"step": f"annual reports {year}", "reason": run.error or run.status})


def _wait(run: JobRun, *, poll: float = 2.0) -> None:
    """Wait for another process's run of the same period to end (or be found dead)."""
    while True:
        db.session.refresh(run)
        if run.status not in runs.ACTIVE:
            return
        if runs.abandon_reason(run):
            runs.recover_stale(tenant_id=run.tenant_id, kind=run.kind, period=run.period)
            return
        time.sleep(poll)


def _build(run: JobRun, *, tenant: Tenant, cycle: int,
           on_progress: ProgressFn | None) -> dict[str, Any]:
    first, last = cycle_bounds(tenant, cycle)
    root = Path(current_app.config["REPORTS_DIR"])
    folder = files.period_folder(root, tenant=tenant.slug, kind=KIND, period=run.period)
    files.clean_temporary(folder)
    progress = runs.Progress(run)
    progress.set_total(CYCLE + 1)
    failures: list[dict] = []
    net = load_network(client=graph, tenant=tenant.slug)
    failures += [{"step": "data", "reason": reason} for reason in net.invalid.values()]
    for year in range(first, last + 1):
        _ensure_annual(tenant, net, year, failures)
        _step(progress, on_progress)
    reports = [a for year in range(first, last + 1) for a in artifacts.list_for(
        tenant_id=tenant.id, kind=annual.KIND, period=str(year)) if a.fmt in REPORT_FORMATS]
    progress.set_total(CYCLE + 1 + len(reports))
    name = f"imant-{files.safe_name(tenant.slug)}-evaluation-{run.period}"
    path = folder / f"{name}.zip"
    with files.open_atomic(path) as fh, zipfile.ZipFile(fh, "w") as zf:
        writer = _Writer(zf, name)
        _add_reports(writer, root, reports, progress, on_progress)
        _add_documents(writer, tenant, net, first, last)
    files.sync_folder(folder)
    size, sha = files.file_digest(path)
    artifacts.record(tenant_id=tenant.id, run_id=run.id, kind=KIND, period=run.period,
                     subject_key="", fmt="zip", path=str(path.relative_to(root)),
                     size=size, sha256=sha)
    _step(progress, on_progress)
    return {"files": len(writer.files), "reports": len(reports), "failures": failures,
            "bundle": path.name, "size": size}


def _now_iso() -> str:
    return utcnow().replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _step(progress: runs.Progress, on_progress: ProgressFn | None) -> None:
    progress.advance(force=True)
    if on_progress:
        on_progress(progress.run.done, progress.run.total)


class _Writer:
    """Adds files under the bundle's top folder and keeps their sizes and SHA-256 sums."""

    def __init__(self, zf: zipfile.ZipFile, top: str) -> None:
        self.zf, self.top, self.files = zf, top, {}
        self.documents: dict[str, bytes] = {}  # everything but the reports, for the check
        today = date.today()
        self.stamp = (today.year, today.month, today.day, 0, 0, 0)

    def add(self, path: str, content: bytes, *, compress: bool = True) -> None:
        info = zipfile.ZipInfo(f"{self.top}/{path}", date_time=self.stamp)
        info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
        info.external_attr = 0o644 << 16
        self.zf.writestr(info, content)
        self.files[path] = (len(content), hashlib.sha256(content).hexdigest())
        if not path.startswith("reports/"):
            self.documents[path] = content


def _add_reports(writer: _Writer, root: Path, reports: list, progress: runs.Progress,
                 on_progress: ProgressFn | None) -> None:
    for artifact in reports:
        content = (root / artifact.path).read_bytes()
        name = Path(artifact.path).name
        writer.add(f"reports/annual/{artifact.period}/{name}", content,
                   compress=artifact.fmt != "pdf")
        progress.advance()
        if on_progress:
            on_progress(progress.run.done, progress.run.total)


def _add_documents(writer: _Writer, tenant: Tenant, net: Network, first: int,
                   last: int) -> None:
    threshold = tenant.suppression_threshold
    title = f"{tenant.name}: evaluation bundle {first}–{last}"
    description = (f"Pseudonymised, aggregated data of the programme {tenant.name} for the "
                   f"school years {school_year_label(first)} to "
                   f"{school_year_label(last)}: tables, annual school reports, summary.")
    resources = bundle.build_resources(net, first_year=first, last_year=last,
                                       threshold=threshold)
    for resource in resources:
        writer.add(f"{bundle.DATA_DIR}/{resource.name}.csv", bundle.to_csv(resource))
    writer.add("logic_models.json", bundle_plan.logic_models_json(net, last_year=last))
    package = bundle.datapackage(resources, name=f"imant-{tenant.slug}-{first}-{last}",
                                 title=title, description=description, threshold=threshold,
                                 created=_now_iso())
    writer.add("datapackage.json", (json.dumps(package, ensure_ascii=False, indent=1) + "\n")
               .encode("utf-8"))
    writer.add("codebook.md", bundle.codebook(resources, title=title, threshold=threshold,
                                              first_year=first, last_year=last))
    writer.add("summary.html", bundle.summary_html(resources, title=title, tenant=tenant.name,
                                                   first_year=first, last_year=last,
                                                   threshold=threshold,
                                                   language=tenant.language))
    report_dirs = sorted({p.rsplit("/", 1)[0] + "/" for p in writer.files
                          if p.startswith("reports/")})
    writer.add("ro-crate-metadata.json", bundle.ro_crate(
        title=title, description=description, tenant=tenant.name, first_year=first,
        last_year=last, files=writer.files, report_dirs=report_dirs, resources=resources,
        published=date.today()))
    writer.add(bundle_check.MANIFEST, bundle.manifest(writer.files))
    # inside open_atomic: a bundle that fails is removed, never published
    bundle_check.check_bundle(documents=writer.documents, files=writer.files,
                              manifest=writer.documents[bundle_check.MANIFEST])
