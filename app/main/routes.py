"""The tenant chooser and tenant home."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user, login_required

from app.tenancy import current_access, tenant_route, tenants_of

bp = Blueprint("main", __name__)


@bp.route("/")
@login_required
def index():
    tenants = tenants_of(current_user)
    if len(tenants) == 1:
        return redirect(url_for("main.tenant_home", slug=tenants[0].slug))
    return render_template("main/index.html", tenants=tenants)


@bp.route("/t/<slug>/")
@tenant_route("tenant.view")
def tenant_home(slug: str):
    access = current_access()
    return render_template("main/tenant_home.html", access=access, tenant=access.tenant)
