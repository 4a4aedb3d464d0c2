"""Report pages: annual reports and bundles a role may read, runs with live progress, triggers."""
from __future__ import annotations

from datetime import UTC, datetime

from flask import (
    Blueprint,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)

from app.indicators.service import available_years
from app.reports import service
from app.reports.policy import may_run
from app.tenancy import current_access, tenant_route
from graph.errors import DomainError
from jobs.kinds import (
    ANNUAL,
    EVALUATION,
    RUN_KIND_LABELS,
    last_ended_school_year,
    last_full_cycle,
)

bp = Blueprint("reports", __name__)

MEDIA = {"pdf": "application/pdf", "html": "text/html; charset=utf-8",
         "json": "application/json", "zip": "application/zip"}


@bp.route("/t/<slug>/reports/")
@tenant_route("reports.view")
def index(slug: str):
    access = current_access()
    periods = service.annual_periods(access=access)
    year = request.args.get("year") or (periods[0] if periods else None)
    rows: dict[str, dict] = {}
    for artifact in service.list_artifacts(access=access, kind=ANNUAL, period=year):
        rows.setdefault(artifact.subject_key, {})[artifact.fmt] = artifact
    return render_template("reports/index.html", periods=periods, year=year,
                           rows=sorted(rows.items(), key=_by_name), access=access,
                           may_run=may_run(access))


def _by_name(row: tuple[str, dict]) -> tuple[str, str]:
    """Schools listed by name (the key for files made before names were kept)."""
    key, files = row
    return ((next(iter(files.values())).subject_name or key).casefold(), key)


@bp.route("/t/<slug>/reports/bundles")
@tenant_route("bundles.view")
def bundles(slug: str):
    access = current_access()
    return render_template("reports/bundles.html", access=access, may_run=may_run(access),
                           bundles=service.list_artifacts(access=access, kind=EVALUATION))


def _choices(access) -> dict:
    """Years and cycles to offer; preselected: the latest ended year with figures, and the
    last complete cycle."""
    last = last_ended_school_year(datetime.now(UTC).date())
    tenant = access.tenant
    with_data = [y for y in available_years(access=access) if y <= last]
    return {"years": list(range(last, tenant.start_year - 1, -1)),
            "cycles": service.cycles(tenant, until=last)[::-1], "last_year": last,
            "default_year": with_data[-1] if with_data else last,
            "last_cycle": last_full_cycle(tenant, last_ended_year=last)}


@bp.route("/t/<slug>/reports/runs")
@tenant_route("reports.run")
def runs(slug: str):
    access = current_access()
    return render_template("reports/runs.html", access=access,
                           runs=service.list_runs(access=access), **_choices(access))


@bp.route("/t/<slug>/reports/runs.json")
@tenant_route("reports.run")
def runs_json(slug: str):
    return jsonify({"runs": service.list_runs(access=current_access())})


@bp.route("/t/<slug>/reports/runs", methods=["POST"])
@tenant_route("reports.run")
def trigger(slug: str):
    access = current_access()
    kind = request.form.get("kind", "")
    value = request.form.get("cycle") if kind == EVALUATION else request.form.get("year")
    try:
        run, created = service.trigger(access=access, kind=kind, value=value,
                                       school=request.form.get("school") or None)
    except DomainError as exc:
        flash(exc.message, "error")
        return redirect(url_for("reports.runs", slug=slug))
    label = RUN_KIND_LABELS[run["kind"]]
    if created:
        flash(f"{label} {run['period']}: run #{run['id']} queued; the worker starts it "
              "within seconds.")
    else:
        flash(f"{label} {run['period']}: run #{run['id']} is already {run['status']}; "
              "no second run was started.")
    return redirect(url_for("reports.runs", slug=slug))


@bp.route("/t/<slug>/reports/view/<int:artifact_id>")
@tenant_route("tenant.view")
def view(slug: str, artifact_id: int):
    """An HTML annual report inside the site's layout, with the way back and its files."""
    page = service.report_page(access=current_access(), artifact_id=artifact_id)
    return render_template("reports/view.html", **page)


@bp.route("/t/<slug>/reports/files/<int:artifact_id>")
@tenant_route("tenant.view")
def download(slug: str, artifact_id: int):
    access = current_access()
    artifact, path = service.get_artifact(access=access, artifact_id=artifact_id)
    inline = artifact.fmt in ("html", "pdf", "json") and not request.args.get("download")
    response = send_file(path, mimetype=MEDIA.get(artifact.fmt, "application/octet-stream"),
                         as_attachment=not inline,
                         download_name=service.file_name(access=access, artifact=artifact),
                         etag=artifact.sha256, max_age=0)
    if artifact.fmt == "html":  # our own markup, but served from our origin: allow nothing else
        response.headers["Content-Security-Policy"] = (
            "default-src 'none'; img-src data:; style-src 'unsafe-inline'")
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
