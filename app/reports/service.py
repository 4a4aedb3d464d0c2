"""Reports service: listing and reading artifacts, listing runs, queueing runs for the worker.

Every function takes the caller's `access` (keyword-only) and asks the report policy
(policy.py) before it reads: runs need `reports.run`; annual reports follow the
indicator policy's schools, evaluation bundles `bundles.view`. An artifact a caller may
not read is answered as not found, so its existence is not revealed.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from flask import current_app

from app import audit
from app.extensions import db
from app.models import JobRun, ReportArtifact, Tenant
from app.reports.policy import readable, require_reports, require_run
from app.tenancy import Access
from graph.errors import Invalid, NotFound
from jobs import kinds, runs
from jobs.kinds import ANNUAL, KINDS, download_name

# The stored HTML report: its style and its body (reports/templates/annual.html).
_STYLE = re.compile(r'<style id="report-style">(.*?)</style>', re.S)
_BODY = re.compile(r'<main class="imant-report">(.*)</main>', re.S)
_LANG = re.compile(r'<html lang="([A-Za-z_-]+)"')


def list_artifacts(*, access: Access, kind: str | None = None,
                   period: str | None = None) -> list[ReportArtifact]:
    """The artifacts of the tenant this caller may read, newest period first."""
    may = readable(access)
    if not may.bundles and may.schools is None:
        return []
    query = db.select(ReportArtifact).filter_by(tenant_id=access.tenant.id)
    if kind:
        query = query.filter_by(kind=kind)
    if period:
        query = query.filter_by(period=period)
    rows = db.session.execute(query.order_by(
        ReportArtifact.kind, ReportArtifact.period.desc(), ReportArtifact.subject_key,
        ReportArtifact.fmt)).scalars()
    return [a for a in rows if may.artifact(a)]


def annual_periods(*, access: Access) -> list[str]:
    """Years with annual reports in this tenant, newest first."""
    require_reports(access)
    return list(db.session.execute(
        db.select(ReportArtifact.period).filter_by(tenant_id=access.tenant.id, kind=ANNUAL)
        .distinct().order_by(ReportArtifact.period.desc())).scalars())


def get_artifact(*, access: Access, artifact_id: int) -> tuple[ReportArtifact, Path]:
    """One artifact and its file, or NotFound if absent or not readable by the caller."""
    may = readable(access)
    if not may.bundles and may.schools is None:
        raise NotFound("No such report in this programme.")
    artifact = db.session.get(ReportArtifact, artifact_id)
    if artifact is None or artifact.tenant_id != access.tenant.id or not may.artifact(artifact):
        raise NotFound("No such report in this programme.")
    root = Path(current_app.config["REPORTS_DIR"]).resolve()
    path = (root / artifact.path).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        raise NotFound("The report file is missing; run the report again.")
    return artifact, path


def file_name(*, access: Access, artifact: ReportArtifact) -> str:
    """The name the file downloads under (programme, school name, school year)."""
    return download_name(programme=access.tenant.slug, kind=artifact.kind,
                         period=artifact.period, fmt=artifact.fmt,
                         subject_key=artifact.subject_key, subject_name=artifact.subject_name)


def report_page(*, access: Access, artifact_id: int) -> dict[str, Any]:
    """An HTML annual report to show inside the site: its style, body, language, and the
    other formats of the same report the caller may read."""
    artifact, path = get_artifact(access=access, artifact_id=artifact_id)
    if artifact.fmt != "html":
        raise NotFound("No such report page in this programme.")
    markup = path.read_text(encoding="utf-8")
    body, style, lang = _BODY.search(markup), _STYLE.search(markup), _LANG.search(markup)
    if body is None:  # a report stored before reports had a body to embed
        raise NotFound("This report can only be opened as a file; run the report again.")
    siblings = {a.fmt: a for a in list_artifacts(access=access, kind=artifact.kind,
                                                 period=artifact.period)
                if a.subject_key == artifact.subject_key}
    return {"artifact": artifact, "body": body.group(1),
            "style": style.group(1) if style else "", "lang": lang.group(1) if lang else None,
            "files": siblings, "name": artifact.subject_name or artifact.subject_key}


def artifact_dict(artifact: ReportArtifact) -> dict[str, Any]:
    return {"id": artifact.id, "kind": artifact.kind, "period": artifact.period,
            "subject": artifact.subject_key or None, "format": artifact.fmt,
            "size": artifact.size, "sha256": artifact.sha256, "run_id": artifact.run_id,
            "created_at": artifact.created_at.isoformat(timespec="seconds")
            if artifact.created_at else None}


def list_runs(*, access: Access, limit: int = 30) -> list[dict[str, Any]]:
    """The tenant's latest runs, newest first (reports.run)."""
    require_run(access)
    return [runs.as_dict(r) for r in runs.list_runs(tenant_id=access.tenant.id, kinds=KINDS,
                                                    limit=limit)]


def get_run(*, access: Access, run_id: int) -> dict[str, Any]:
    require_run(access)
    run = db.session.get(JobRun, run_id)
    if run is None or run.tenant_id != access.tenant.id:
        raise NotFound("No such run in this programme.")
    return runs.as_dict(run)


def cycles(tenant: Tenant, *, until: int) -> list[int]:
    """First years of the tenant's cycles that have begun by `until`."""
    return list(range(tenant.start_year, until + 1, kinds.CYCLE))


def _period(tenant: Tenant, kind: str, value: Any) -> tuple[str, int]:
    if kind not in KINDS:
        raise Invalid("kind must be 'annual' or 'evaluation'.",
                      errors=[{"field": "kind", "value": kind, "reason": "unknown kind"}])
    try:
        if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
            raise TypeError(value)
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        field = "year" if kind == ANNUAL else "cycle"
        raise Invalid(f"{field} must be a year such as 2024.",
                      errors=[{"field": field, "value": value, "reason": "not a year"}]) from None
    if kind == ANNUAL:
        if not 1990 <= number <= 2200:
            raise Invalid("year must be a school year such as 2024 (for 2024-25).",
                          errors=[{"field": "year", "value": value, "reason": "out of range"}])
        return str(number), number
    return kinds.period_of(tenant, number), number


def trigger(*, access: Access, kind: str, value: Any,
            school: str | None = None) -> tuple[dict[str, Any], bool]:
    """Queue the run of (tenant, kind, period) for the worker (`imant scheduler`).

    Returns (run, created); while a run of that period is active, that run and False.
    Nothing is built here: the scheduler process picks the queued run up within seconds.
    """
    require_run(access)
    tenant = access.tenant
    period, _number = _period(tenant, kind, value)
    if school is not None and (kind != ANNUAL or not isinstance(school, str) or not school):
        raise Invalid("school is the key of one school, for annual reports only.",
                      errors=[{"field": "school", "value": school, "reason": "not a school key"}])
    details = {"school": school} if school else {}
    run, created = runs.claim(tenant=tenant, kind=kind, period=period, trigger="manual",
                              details=details)
    if created:
        audit.record(action=f"reports.run.{kind}", target=period, tenant_id=tenant.id,
                     user_id=access.user_id, after={"run": run.id, "school": school})
        db.session.commit()
    return runs.as_dict(run), created
