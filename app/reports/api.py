"""Report runs and artifacts in the JSON API (/api/v1/tenants/<slug>/…)."""
from __future__ import annotations

from flask import Blueprint, jsonify, request, send_file

from app.api.openapi import SLUG, documented, json_body, schema
from app.reports import service
from app.reports.routes import MEDIA
from app.tenancy import current_access, tenant_route
from graph.errors import Invalid

bp = Blueprint("reports", __name__)  # registered under the API blueprint by app.api

RUN = schema("ReportRun", {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "kind": {"type": "string", "enum": ["annual", "evaluation"]},
        "period": {"type": "string", "description": "School year (2024) or cycle (2019-2022)"},
        "status": {"type": "string", "enum": ["queued", "running", "succeeded", "failed"]},
        "trigger": {"type": "string", "enum": ["manual", "cli", "scheduled", "evaluation"]},
        "done": {"type": "integer"}, "total": {"type": "integer"},
        "created_at": {"type": "string", "format": "date-time"},
        "started_at": {"type": "string", "format": "date-time", "nullable": True},
        "finished_at": {"type": "string", "format": "date-time", "nullable": True},
        "heartbeat_at": {"type": "string", "format": "date-time", "nullable": True},
        "error": {"type": "string", "nullable": True},
        "details": {"type": "object", "description": "failures, timings, counts"},
    },
    "required": ["id", "kind", "period", "status", "done", "total"],
})
ARTIFACT = schema("ReportArtifact", {
    "type": "object",
    "properties": {
        "id": {"type": "integer"}, "kind": {"type": "string"}, "period": {"type": "string"},
        "subject": {"type": "string", "nullable": True, "description": "School key (annual)"},
        "format": {"type": "string", "enum": ["html", "pdf", "json", "zip"]},
        "size": {"type": "integer"}, "sha256": {"type": "string"},
        "run_id": {"type": "integer", "nullable": True},
        "created_at": {"type": "string", "format": "date-time"},
    },
    "required": ["id", "kind", "period", "format", "size", "sha256"],
})
TRIGGER = schema("ReportRunRequest", {
    "type": "object",
    "properties": {
        "kind": {"type": "string", "enum": ["annual", "evaluation"]},
        "year": {"type": "integer", "description": "annual: the school year (2024 = 2024-25)"},
        "cycle": {"type": "integer", "description": "evaluation: first year of the cycle"},
        "school": {"type": "string", "description": "annual: only this school"},
    },
    "required": ["kind"],
})
RUN_ID = {"name": "run_id", "in": "path", "required": True, "schema": {"type": "integer"}}
ARTIFACT_ID = {"name": "artifact_id", "in": "path", "required": True,
               "schema": {"type": "integer"}}
FILTERS = [{"name": "kind", "in": "query", "schema": {"type": "string"}},
           {"name": "period", "in": "query", "schema": {"type": "string"}}]


@bp.route("/tenants/<slug>/report-runs")
@tenant_route("reports.run")
@documented("/tenants/{slug}/report-runs", "get", summary="Recent report runs with progress",
            parameters=[SLUG], responses={"200": json_body({"type": "array", "items": RUN})},
            tag="reports")
def list_runs(slug: str):
    return jsonify(service.list_runs(access=current_access()))


@bp.route("/tenants/<slug>/report-runs", methods=["POST"])
@tenant_route("reports.run")
@documented("/tenants/{slug}/report-runs", "post",
            summary="Start a run (202); while one of that period is active, get it (200)",
            parameters=[SLUG], body=TRIGGER, tag="reports",
            responses={"202": json_body(RUN, "Started"), "200": json_body(RUN, "Already active"),
                       "422": json_body({"$ref": "#/components/schemas/Error"}, "Invalid")})
def start_run(slug: str):
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise Invalid("Send a JSON object such as {\"kind\": \"annual\", \"year\": 2024}.")
    kind = body.get("kind")
    value = body.get("cycle") if kind == "evaluation" else body.get("year")
    run, created = service.trigger(access=current_access(), kind=kind, value=value,
                                   school=body.get("school"))
    return jsonify(run), 202 if created else 200


@bp.route("/tenants/<slug>/report-runs/<int:run_id>")
@tenant_route("reports.run")
@documented("/tenants/{slug}/report-runs/{run_id}", "get", summary="One report run",
            parameters=[SLUG, RUN_ID], responses={"200": json_body(RUN)}, tag="reports")
def get_run(slug: str, run_id: int):
    return jsonify(service.get_run(access=current_access(), run_id=run_id))


@bp.route("/tenants/<slug>/report-artifacts")
@tenant_route("tenant.view")
@documented("/tenants/{slug}/report-artifacts", "get",
            summary="Report files the caller may read (annual reports, evaluation bundles)",
            parameters=[SLUG, *FILTERS], tag="reports",
            responses={"200": json_body({"type": "array", "items": ARTIFACT})})
def list_artifacts(slug: str):
    rows = service.list_artifacts(access=current_access(), kind=request.args.get("kind"),
                                  period=request.args.get("period"))
    return jsonify([service.artifact_dict(a) for a in rows])


@bp.route("/tenants/<slug>/report-artifacts/<int:artifact_id>/file")
@tenant_route("tenant.view")
@documented("/tenants/{slug}/report-artifacts/{artifact_id}/file", "get",
            summary="Download one report file (404 if the caller may not read it)",
            parameters=[SLUG, ARTIFACT_ID], tag="reports",
            responses={"200": {"description": "The file (PDF, HTML, JSON or zip)"}})
def download_artifact(slug: str, artifact_id: int):
    access = current_access()
    artifact, path = service.get_artifact(access=access, artifact_id=artifact_id)
    return send_file(path, mimetype=MEDIA.get(artifact.fmt, "application/octet-stream"),
                     as_attachment=True,
                     download_name=service.file_name(access=access, artifact=artifact),
                     etag=artifact.sha256)
