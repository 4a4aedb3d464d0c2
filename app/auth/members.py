"""The people of a programme: who holds which role (coordinators only)."""
from __future__ import annotations

from flask import render_template

from app.auth import bp, lifecycle, service
from app.tenancy import current_access, tenant_route


@bp.route("/t/<slug>/users")
@tenant_route("users.manage")
def members(slug: str):
    tenant = current_access().tenant
    return render_template("auth/members.html", tenant=tenant,
                           members=service.list_members(tenant=tenant),
                           tokens=lifecycle.list_tenant_tokens(access=current_access()))
