"""POST /api/v1/tenants/<slug>/imports/<kind>: a CSV body imported all or nothing.

200 with what was imported; 422 with every problem (line, field, value, reason);
404 for a kind that does not exist; 413 for a body over the size limit.
"""
from __future__ import annotations

from flask import Blueprint, abort, jsonify, request

from app.api import openapi
from app.api.openapi import SLUG, documented, json_body, schema
from app.imports import service
from app.imports.kinds import ALL_KINDS
from app.limits import body_limit
from app.network.service_support import actor_email
from app.tenancy import current_access, tenant_route

bp = Blueprint("imports", __name__)  # registered under the API blueprint by app.api

PATH = "/tenants/{slug}/imports/{kind}"
KIND = {"name": "kind", "in": "path", "required": True, "description": "What the file holds",
        "schema": {"type": "string", "enum": list(ALL_KINDS)}}
FILE_NAME = {"name": "filename", "in": "query", "required": False,
             "description": "Name recorded in the audit log",
             "schema": {"type": "string", "maxLength": 200}}
RESULT = schema("ImportResult", {
    "type": "object",
    "properties": {"kind": {"type": "string"}, "file_name": {"type": "string"},
                   "rows": {"type": "integer"}, "created": {"type": "integer"},
                   "updated": {"type": "integer"},
                   "timings": {"type": "object",
                               "additionalProperties": {"type": "number"}}},
    "required": ["kind", "rows", "created", "updated"],
})
ERROR = {"$ref": "#/components/schemas/Error"}


@bp.route("/tenants/<slug>/imports/<kind>", methods=["POST"])
@tenant_route("network.import")
@documented(PATH, "post", tag="imports",
            summary="Import a CSV file of one kind (header row, UTF-8), all or nothing",
            parameters=[SLUG, KIND, FILE_NAME],
            responses={"200": json_body(RESULT, "Imported"),
                       "413": json_body(ERROR, "Body too large"),
                       "422": json_body(ERROR, "Problems, each with line, field, value "
                                               "and reason; nothing was imported")})
@body_limit("IMPORT_MAX_BYTES")  # a larger body (announced or not) is refused as read: 413
def import_file(slug: str, kind: str):
    access = current_access()
    if kind not in ALL_KINDS:
        abort(404)
    result = service.import_csv(tenant=access.tenant, kind=kind, data=request.get_data(),
                                file_name=(request.args.get("filename") or "")[:200],
                                user_id=access.user_id, actor=actor_email(access))
    return jsonify(result.to_dict())


def _csv_body() -> None:
    """The request body is CSV text, not JSON."""
    operation = openapi._PATHS[PATH]["post"]
    operation["requestBody"] = {"required": True, "content": {"text/csv": {"schema": {
        "type": "string", "description": "CSV with a header row; the columns of the kind"}}}}


_csv_body()
