"""Schools: lists and details for every network role, changes by coordinators, the
profile kept by the school's own team, and the school team's "My school"."""
from __future__ import annotations

from flask import redirect, render_template, request
from flask_babel import gettext as _

from app.indicators.policy import sees_school_indicators
from app.models import Role
from app.network import service
from app.network.forms import SchoolForm, SchoolProfileForm
from app.network.policy import may_assess, sees_assessments, sees_contributions, sees_measures
from app.network.views import bp
from app.network.views.page_helpers import (
    ALL,
    assessment_grid,
    change_page,
    key_choices,
    lifecycle_routes,
    list_args,
    name_of,
    new_page,
    url,
)
from app.planning import service as planning
from app.tenancy import Access, current_access, tenant_route
from graph.errors import Forbidden

lifecycle_routes(plural="schools", name="school", what="School", archive=service.archive_school,
                 delete=service.delete_school)


@bp.route("/t/<slug>/schools")
@tenant_route("network.view")
def school_list(slug: str):
    access = current_access()
    page = service.list_schools(access=access, **list_args("schools"))
    municipalities = service.list_municipalities(access=access, per_page=ALL).items
    return render_template("network/schools.html", page=page, municipalities=municipalities)


def school_sections(access: Access, item: dict, history: list[dict]) -> dict:
    """Which parts of a school's page the caller may see."""
    key, municipality = item["key"], item.get("municipality")
    partners = {a["partner"] for a in history}
    return {
        "contributions": any(sees_contributions(access, partner=p, school=key)
                             for p in partners | {None}),
        "assessments": any(sees_assessments(access, {**a, "municipality": municipality})
                           for a in history),
        "measures": sees_measures(access, municipality),
        "figures": sees_school_indicators(access, school=key, municipality=municipality,
                                          partners=partners),
        "assess": may_assess(access, key),
        "edit": access.can("network.edit") or access.owns(Role.SCHOOL, key),
    }


@bp.route("/t/<slug>/schools/<key>")
@tenant_route("network.view")
def school_detail(slug: str, key: str):
    access = current_access()
    item = service.get_school(access=access, key=key)
    history = service.school_history(access=access, school=key)
    shows = school_sections(access, item, history)
    contributions = (service.list_contributions(access=access, school=key, per_page=10)
                     if shows["contributions"] else None)
    assessments = (service.list_assessments(access=access, school=key, per_page=ALL).items
                   if shows["assessments"] else None)
    measures = (service.list_measures(access=access, school=key, per_page=ALL).items
                if shows["measures"] else None)
    current = (service.get_alliance(access=access, key=item["alliance"])
               if item.get("alliance") else None)
    return render_template("network/school.html", item=item, history=history, shows=shows,
                           objectives=planning.objectives_if_seen(access=access,
                                                                  alliance=current),
                           contributions=contributions,
                           grid=None if assessments is None else assessment_grid(assessments),
                           measures=measures)


def _school_form(form: SchoolForm) -> SchoolForm:
    zones = service.list_zones(access=current_access(), per_page=ALL).items
    form.zone.choices = key_choices(
        zones, lambda z: f"{name_of(z)} ({z.get('municipality_name') or '—'})")
    return form


@bp.route("/t/<slug>/schools/new", methods=["GET", "POST"])
@tenant_route("network.edit")
def school_new(slug: str):
    form = _school_form(SchoolForm(data={"zone": request.args.get("zone")}))
    return new_page(form, service.create_school, name="school", what="School")


@bp.route("/t/<slug>/schools/<key>/edit", methods=["GET", "POST"])
@tenant_route("network.view")
def school_edit(slug: str, key: str):
    """Coordinators change everything; the school's own team its name and entry places."""
    access = current_access()
    if not (access.can("network.edit") or access.owns(Role.SCHOOL, key)):
        raise Forbidden(_("Only coordinators, or the school's own team, may change a school."))
    item = service.get_school(access=access, key=key)
    form = (_school_form(SchoolForm.for_edit(item)) if access.can("network.edit")
            else SchoolProfileForm.for_edit(item))
    return change_page(form, service.update_school, key=key, what="School",
                       done=url("network.school_detail", key=key),
                       title=_("Edit %(name)s", name=name_of(item)))


@bp.route("/t/<slug>/my/school")
@tenant_route("school.own")
def my_school(slug: str):
    return redirect(url("network.school_detail", key=current_access().scope_key))
