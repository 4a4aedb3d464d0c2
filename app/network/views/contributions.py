"""Contributions: the log form (a partner user's own alliances only), the history with
totals by kind and by school year, corrections, and the CSV export."""
from __future__ import annotations

from datetime import date

from flask import Response, render_template, request
from flask_babel import gettext as _

from app.models import Role
from app.network import service
from app.network.forms import ContributionForm
from app.network.policy import may_log
from app.network.views import bp
from app.network.views.alliances import describe
from app.network.views.page_helpers import (
    ALL,
    change_page,
    delete_button,
    form_page,
    key_choices,
    list_args,
    url,
)
from app.tenancy import Access, current_access, tenant_route
from graph.errors import Forbidden


def visible_alliances(access: Access, *, archived: bool = True) -> list[dict]:
    """The alliances a caller's contributions can belong to: a partner user's own, a school
    team's school's, every one for coordinators."""
    scope = {}
    if access.role is Role.PARTNER:
        scope = {"partner": access.scope_key}
    elif access.role is Role.SCHOOL:
        scope = {"school": access.scope_key}
    return service.list_alliances(access=access, archived=archived, per_page=ALL,
                                  **scope).items


def _selection(args: dict) -> dict:
    """The list's filters without its paging."""
    return {k: v for k, v in args.items() if k not in ("page", "per_page")}


@bp.route("/t/<slug>/contributions")
@tenant_route("contribution.view")
def contribution_list(slug: str):
    access = current_access()
    args = list_args("contributions")
    page = service.list_contributions(access=access, **args)
    years = service.contribution_totals_by_year(access=access, **_selection(args))
    partners = (service.list_partners(access=access, per_page=ALL).items
                if access.is_coordinator else [])
    return render_template("network/contributions.html", page=page, years=years,
                           alliances=key_choices(visible_alliances(access), describe,
                                                 blank=None),
                           partners=partners, exports=service.may_export(access),
                           logs=access.can("contribution.log"))


@bp.route("/t/<slug>/contributions.csv")
@tenant_route("contribution.view")
def contribution_csv(slug: str):
    text = service.export_contributions_csv(access=current_access(),
                                            **_selection(list_args("contributions")))
    return Response(text, mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="contributions-{slug}.csv"'})


@bp.route("/t/<slug>/contributions/new", methods=["GET", "POST"])
@tenant_route("contribution.log")
def contribution_new(slug: str):
    access = current_access()
    wanted = request.args.get("alliance")
    if wanted and not may_log(access, service.get_alliance(access=access, key=wanted)["partner"]):
        raise Forbidden(_("Alliance %(key)s is not one of your partner's alliances.", key=wanted))
    form = ContributionForm(data={"alliance": wanted,
                                  "date": date.today().isoformat()})
    mine = visible_alliances(access, archived=False)
    form.alliance.choices = key_choices(mine, describe)

    def save(data: dict):
        item = service.create_contribution(access=access, data=data)
        return (_("Contribution of %(date)s logged.", date=item["date"]),
                url("network.contribution_list", alliance=item["alliance"]))
    return form_page(form, save, template="network/form.html", title=_("Log a contribution"),
                     lead=_("What your institution did for an alliance: training sessions, "
                            "co-designed units, workshops, mentoring, resources, events."),
                     submit=_("Log the contribution"), cancel=url("network.contribution_list"))


@bp.route("/t/<slug>/contributions/<key>/edit", methods=["GET", "POST"])
@tenant_route("contribution.log")
def contribution_edit(slug: str, key: str):
    access = current_access()
    item = service.get_contribution(access=access, key=key)
    if not may_log(access, item["partner"]):
        raise Forbidden(_("This contribution belongs to another partner's alliance."))
    return change_page(ContributionForm.for_edit(item), service.update_contribution, key=key,
                       what="Contribution",
                       done=url("network.contribution_list", alliance=item["alliance"]),
                       title=_("Correct the contribution of %(date)s", date=item["date"]),
                       lead=f"{item['school_name']} · {item['partner_name']} · "
                            f"{item.get('theme') or ''}",
                       delete_url=url("network.contribution_delete", key=key),
                       delete_label=_("Delete this contribution"))


@bp.route("/t/<slug>/contributions/<key>/delete", methods=["POST"])
@tenant_route("contribution.log")
def contribution_delete(slug: str, key: str):
    return delete_button(service.delete_contribution, key=key, what="Contribution",
                         done=url("network.contribution_list"),
                         back=url("network.contribution_list"))
