"""General API endpoints: the document, the caller, the caller's tenants."""
from __future__ import annotations

from flask import Blueprint, jsonify
from flask_login import current_user, login_required

from app.api.openapi import SLUG, document, documented, json_body, schema
from app.tenancy import current_access, tenant_route, tenants_of

bp = Blueprint("platform", __name__)  # registered under the API blueprint by app.api

TENANT = schema("Tenant", {
    "type": "object",
    "properties": {"slug": {"type": "string"}, "name": {"type": "string"},
                   "start_year": {"type": "integer"}, "role": {"type": "string"}},
    "required": ["slug", "name", "start_year"],
})


@bp.route("/openapi.json")
def openapi():
    return jsonify(document())


@bp.route("/me")
@login_required
@documented("/me", "get", summary="The authenticated user and their memberships",
            responses={"200": json_body({"type": "object"})})
def me():
    return jsonify({
        "email": current_user.email,
        "memberships": [{"tenant": m.tenant.slug, "role": m.role, "scope_key": m.scope_key}
                        for m in current_user.memberships],
    })


@bp.route("/tenants")
@login_required
@documented("/tenants", "get", summary="The programmes the caller may enter",
            responses={"200": json_body({"type": "array", "items": TENANT})})
def tenants():
    return jsonify([{"slug": t.slug, "name": t.name, "start_year": t.start_year}
                    for t in tenants_of(current_user)])


@bp.route("/tenants/<slug>")
@tenant_route("tenant.view")
@documented("/tenants/{slug}", "get", summary="One programme", parameters=[SLUG],
            responses={"200": json_body(TENANT)})
def tenant(slug: str):
    access = current_access()
    t = access.tenant
    return jsonify({"slug": t.slug, "name": t.name, "start_year": t.start_year,
                    "role": access.role.value})
