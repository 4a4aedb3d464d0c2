"""Municipalities and zones: lists and details for every network role, changes by
coordinators; a municipality user's own pages."""
from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.indicators.policy import sees_municipality_page
from app.network import service
from app.network.forms import MunicipalityForm, ZoneForm
from app.network.policy import may_manage_measures, sees_measures
from app.network.views import bp
from app.network.views.page_helpers import (
    ALL,
    change_page,
    key_choices,
    lifecycle_routes,
    list_args,
    name_of,
    new_page,
    url,
)
from app.tenancy import current_access, tenant_route

lifecycle_routes(plural="municipalities", name="municipality", what="Municipality",
                 archive=service.archive_municipality, delete=service.delete_municipality)
lifecycle_routes(plural="zones", name="zone", what="Zone", archive=service.archive_zone,
                 delete=service.delete_zone)


@bp.route("/t/<slug>/municipalities")
@tenant_route("network.view")
def municipality_list(slug: str):
    page = service.list_municipalities(access=current_access(), **list_args("municipalities"))
    return render_template("network/municipalities.html", page=page)


@bp.route("/t/<slug>/municipalities/<key>")
@tenant_route("network.view")
def municipality_detail(slug: str, key: str):
    access = current_access()
    item = service.get_municipality(access=access, key=key)
    schools = service.list_schools(access=access, municipality=key, per_page=ALL)
    measures = (service.list_measures(access=access, municipality=key, per_page=ALL).items
                if sees_measures(access, key) else None)
    return render_template("network/municipality.html", item=item, schools=schools,
                           measures=measures, manages=may_manage_measures(access, key),
                           figures=sees_municipality_page(access, municipality=key))


@bp.route("/t/<slug>/municipalities/new", methods=["GET", "POST"])
@tenant_route("network.edit")
def municipality_new(slug: str):
    return new_page(MunicipalityForm(), service.create_municipality, name="municipality",
                    what="Municipality")


@bp.route("/t/<slug>/municipalities/<key>/edit", methods=["GET", "POST"])
@tenant_route("network.edit")
def municipality_edit(slug: str, key: str):
    item = service.get_municipality(access=current_access(), key=key)
    return change_page(MunicipalityForm.for_edit(item), service.update_municipality, key=key,
                       what="Municipality", done=url("network.municipality_detail", key=key),
                       title=_("Edit %(name)s", name=name_of(item)))


@bp.route("/t/<slug>/zones")
@tenant_route("network.view")
def zone_list(slug: str):
    access = current_access()
    page = service.list_zones(access=access, **list_args("zones"))
    municipalities = service.list_municipalities(access=access, per_page=ALL).items
    return render_template("network/zones.html", page=page, municipalities=municipalities)


@bp.route("/t/<slug>/zones/<key>")
@tenant_route("network.view")
def zone_detail(slug: str, key: str):
    access = current_access()
    item = service.get_zone(access=access, key=key)
    schools = service.list_schools(access=access, zone=key, per_page=ALL)
    return render_template("network/zone.html", item=item, schools=schools)


def _zone_form(form: ZoneForm) -> ZoneForm:
    municipalities = service.list_municipalities(access=current_access(), per_page=ALL).items
    form.municipality.choices = key_choices(municipalities, name_of)
    return form


@bp.route("/t/<slug>/zones/new", methods=["GET", "POST"])
@tenant_route("network.edit")
def zone_new(slug: str):
    form = _zone_form(ZoneForm(data={"municipality": request.args.get("municipality")}))
    return new_page(form, service.create_zone, name="zone", what="Zone")


@bp.route("/t/<slug>/zones/<key>/edit", methods=["GET", "POST"])
@tenant_route("network.edit")
def zone_edit(slug: str, key: str):
    item = service.get_zone(access=current_access(), key=key)
    return change_page(_zone_form(ZoneForm.for_edit(item)), service.update_zone, key=key,
                       what="Zone", done=url("network.zone_detail", key=key),
                       title=_("Edit %(name)s", name=name_of(item)))


@bp.route("/t/<slug>/my/municipality")
@tenant_route("municipality.own")
def my_municipality(slug: str):
    return redirect(url("network.municipality_detail", key=current_access().scope_key))


@bp.route("/t/<slug>/my/territory")
@tenant_route("municipality.own")
def my_territory(slug: str):
    """The indicator page of the user's municipality (app.indicators)."""
    return redirect(url_for("indicators.territory_page", slug=slug,
                            key=current_access().scope_key))
