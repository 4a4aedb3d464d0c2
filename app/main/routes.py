"""The tenant chooser and tenant home (each role's dashboard)."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_babel import format_decimal
from flask_login import current_user, login_required

from app.main import dashboard
from app.main.sparkline import sparkline
from app.tenancy import current_access, tenant_route, tenants_of
from domain.vocabulary import contribution_label, group_label, measure_label
from graph.model import label

bp = Blueprint("main", __name__)


def number(value: float, places: int | None = None, *, signed: bool = False) -> str:
    """A number in the page's locale: `places` fixed decimals (default: as many as needed,
    up to three), with its sign when `signed`."""
    if places is None:
        return format_decimal(value)
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(value, format=f"+{pattern};-{pattern}" if signed else pattern)


@bp.context_processor
def helpers() -> dict:
    return {"label": label, "group_label": group_label, "measure_label": measure_label,
            "contribution_label": contribution_label, "sparkline": sparkline,
            "number": number}


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
    return render_template("main/tenant_home.html", access=access, tenant=access.tenant,
                           dash=dashboard.home(access=access))
