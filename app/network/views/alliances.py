"""Alliances: lists and details (with the school's partner history) for every network
role; creating, editing, ending, changing partner and archiving by coordinators."""
from __future__ import annotations

from flask import render_template, request
from flask_babel import gettext as _

from app.labels import label
from app.network import service
from app.network.forms import AllianceForm, ChangePartnerForm, EndAllianceForm
from app.network.policy import may_assess, may_log, sees_assessments, sees_contributions
from app.network.views import bp
from app.network.views.page_helpers import (
    ALL,
    assessment_grid,
    change_page,
    form_page,
    key_choices,
    lifecycle_routes,
    list_args,
    name_of,
    url,
)
from app.planning import service as planning
from app.tenancy import Access, current_access, tenant_route
from graph.model import AllianceStatus


def archive_alliance(*, access: Access, key: str, archived: bool = True) -> dict:
    """Archive (status archived) or restore (ended if it has an end year, else active)."""
    if archived:
        status = AllianceStatus.ARCHIVED
    else:
        item = service.get_alliance(access=access, key=key)
        status = AllianceStatus.ENDED if item.get("end_year") else AllianceStatus.ACTIVE
    return service.update_alliance(access=access, key=key, data={"status": status.value})


lifecycle_routes(plural="alliances", name="alliance", what="Alliance", archive=archive_alliance,
                 delete=service.delete_alliance)


def describe(alliance: dict) -> str:
    """'School · Partner · theme (2022–)' for selects and titles."""
    years = f"{alliance.get('start_year') or '?'}–{alliance.get('end_year') or ''}"
    return (f"{alliance.get('school_name') or alliance['school']} · "
            f"{alliance.get('partner_name') or alliance['partner']} · "
            f"{alliance.get('theme') or ''} ({years})")


@bp.route("/t/<slug>/alliances")
@tenant_route("network.view")
def alliance_list(slug: str):
    access = current_access()
    page = service.list_alliances(access=access, **list_args("alliances"))
    municipalities = service.list_municipalities(access=access, per_page=ALL).items
    return render_template("network/alliances.html", page=page, municipalities=municipalities)


@bp.route("/t/<slug>/alliances/<key>")
@tenant_route("network.view")
def alliance_detail(slug: str, key: str):
    access = current_access()
    item = service.get_alliance(access=access, key=key)
    history = service.school_history(access=access, school=item["school"])
    contributions = (service.list_contributions(access=access, alliance=key, per_page=20)
                     if sees_contributions(access, partner=item["partner"],
                                           school=item["school"]) else None)
    assessments = (service.list_assessments(access=access, alliance=key, per_page=ALL).items
                   if sees_assessments(access, item) else None)
    return render_template("network/alliance.html", item=item, history=history,
                           objectives=planning.objectives_if_seen(access=access, alliance=item),
                           contributions=contributions,
                           grid=None if assessments is None else assessment_grid(assessments),
                           logs=may_log(access, item["partner"]),
                           assesses=may_assess(access, item["school"]),
                           edits=access.can("network.edit"))


def _alliance_form(form: AllianceForm) -> AllianceForm:
    access = current_access()
    if "school" in form:
        schools = service.list_schools(access=access, per_page=ALL).items
        form.school.choices = key_choices(schools, lambda s: (
            f"{name_of(s)} — now with {s['partner_name']}" if s.get("partner_name")
            else name_of(s)))
        partners = service.list_partners(access=access, per_page=ALL).items
        form.partner.choices = key_choices(partners, lambda p: f"{name_of(p)} ({label(p['kind'])})")
    return form


@bp.route("/t/<slug>/alliances/new", methods=["GET", "POST"])
@tenant_route("network.edit")
def alliance_new(slug: str):
    def save(data: dict):
        item = service.create_alliance(access=current_access(), data=data)
        return _("Alliance created."), url("network.alliance_detail", key=item["key"])
    form = _alliance_form(AllianceForm(data={"school": request.args.get("school"),
                                             "partner": request.args.get("partner")}))
    del form.end_year  # a new alliance is active
    return form_page(form, save, template="network/form.html", title=_("New alliance"),
                     lead=_("A school allies with a partner institution around a theme. "
                            "A school has one active alliance at a time."),
                     cancel=url("network.alliance_list"))


@bp.route("/t/<slug>/alliances/<key>/edit", methods=["GET", "POST"])
@tenant_route("network.edit")
def alliance_edit(slug: str, key: str):
    item = service.get_alliance(access=current_access(), key=key)
    form = AllianceForm.for_edit(item)
    if item.get("status") != AllianceStatus.ENDED:
        del form.end_year
    return change_page(form, service.update_alliance, key=key, what="Alliance",
                       done=url("network.alliance_detail", key=key),
                       title=_("Edit alliance %(name)s", name=describe(item)),
                       lead=_("School and partner are fixed: to change partner, use "
                              "“Change partner” on the alliance's page."))


@bp.route("/t/<slug>/alliances/<key>/end", methods=["GET", "POST"])
@tenant_route("network.edit")
def alliance_end(slug: str, key: str):
    item = service.get_alliance(access=current_access(), key=key)
    return change_page(EndAllianceForm(), service.end_alliance, key=key, what="Alliance",
                       verb="ended", done=url("network.alliance_detail", key=key),
                       title=_("End alliance %(name)s", name=describe(item)),
                       submit=_("End the alliance"),
                       lead=_("The alliance keeps its history; the school may start a new one."))


@bp.route("/t/<slug>/alliances/<key>/change-partner", methods=["GET", "POST"])
@tenant_route("network.edit")
def alliance_change_partner(slug: str, key: str):
    access = current_access()
    item = service.get_alliance(access=access, key=key)
    form = ChangePartnerForm()
    partners = service.list_partners(access=access, per_page=ALL).items
    form.partner.choices = key_choices(
        [p for p in partners if p["key"] != item["partner"]],
        lambda p: f"{name_of(p)} ({label(p['kind'])})")

    def save(data: dict):
        changed = service.change_partner(access=access, key=key, data=data)
        return (_("Partner changed: the old alliance ended and a new one started."),
                url("network.alliance_detail", key=changed["started"]["key"]))
    return form_page(form, save, template="network/form.html",
                     title=_("Change partner of %(school)s",
                             school=item.get("school_name") or item["school"]),
                     lead=_("The alliance with %(partner)s ends and a new one starts; the "
                            "school's history keeps both.",
                            partner=item.get("partner_name") or item["partner"]),
                     submit=_("Change partner"), cancel=url("network.alliance_detail", key=key))
