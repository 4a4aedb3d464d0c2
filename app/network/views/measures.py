"""Balanced-schooling measures: coordinators for every municipality, a municipality user
for its own (record, edit, end, delete)."""
from __future__ import annotations

from flask import render_template, request
from flask_babel import gettext as _

from app.labels import measure_label
from app.models import Role
from app.network import service
from app.network.forms import EndMeasureForm, MeasureForm, enum_choices
from app.network.views import bp
from app.network.views.page_helpers import (
    ALL,
    change_page,
    delete_button,
    form_page,
    key_choices,
    list_args,
    name_of,
    url,
)
from app.tenancy import Access, current_access, tenant_route
from graph.errors import Forbidden
from graph.model import MEASURE_LABELS, MeasureKind


@bp.route("/t/<slug>/measures")
@tenant_route("measure.view")
def measure_list(slug: str):
    access = current_access()
    page = service.list_measures(access=access, **list_args("measures"))
    municipalities = (service.list_municipalities(access=access, per_page=ALL).items
                      if access.is_coordinator else [])
    return render_template("network/measures.html", page=page, municipalities=municipalities,
                           kinds=enum_choices(MeasureKind, labels=MEASURE_LABELS))


@bp.route("/t/<slug>/measures/<key>")
@tenant_route("measure.view")
def measure_detail(slug: str, key: str):
    access = current_access()
    item = service.get_measure(access=access, key=key)
    schools = service.list_schools(access=access, municipality=item["municipality"],
                                   archived=True, per_page=ALL).items
    names = {s["key"]: name_of(s) for s in schools}
    return render_template("network/measure.html", item=item, names=names,
                           edits=access.can("measure.edit"))


def _municipality_for(access: Access, wanted: str | None) -> str | None:
    """A municipality user records for their own municipality only."""
    if access.role is Role.MUNICIPALITY:
        if wanted and wanted != access.scope_key:
            raise Forbidden(_("As a municipality user you record measures only for "
                              "%(municipality)s.", municipality=access.scope_key))
        return access.scope_key
    return wanted


def _measure_form(form: MeasureForm, municipality: str | None) -> MeasureForm:
    access = current_access()
    if "municipality" in form:
        municipalities = service.list_municipalities(access=access, per_page=ALL).items
        if access.role is Role.MUNICIPALITY:
            municipalities = [m for m in municipalities if m["key"] == access.scope_key]
        form.municipality.choices = key_choices(
            municipalities, name_of, blank=None if access.role is Role.MUNICIPALITY else "—")
    schools = service.list_schools(access=access, municipality=municipality, per_page=ALL).items
    form.schools.choices = key_choices(schools, lambda s: name_of(s) if municipality else
                                       f"{name_of(s)} ({s.get('municipality_name') or '—'})",
                                       blank=None)
    return form


@bp.route("/t/<slug>/measures/new", methods=["GET", "POST"])
@tenant_route("measure.edit")
def measure_new(slug: str):
    access = current_access()
    municipality = _municipality_for(access, request.values.get("municipality"))
    form = _measure_form(MeasureForm(data={"municipality": municipality}), municipality)

    def save(data: dict):
        item = service.create_measure(access=access, data=data)
        return (_("Measure “%(kind)s” recorded.", kind=measure_label(item["kind"])),
                url("network.measure_detail", key=item["key"]))
    return form_page(form, save, template="network/form.html", title=_("Record a measure"),
                     lead=_("A balanced-schooling measure the municipality deploys, and the "
                            "schools it covers."), submit=_("Record the measure"),
                     cancel=url("network.measure_list"))


@bp.route("/t/<slug>/measures/<key>/edit", methods=["GET", "POST"])
@tenant_route("measure.edit")
def measure_edit(slug: str, key: str):
    item = service.get_measure(access=current_access(), key=key)
    form = _measure_form(MeasureForm.for_edit(item), item["municipality"])
    return change_page(form, service.update_measure, key=key, what="Measure",
                       done=url("network.measure_detail", key=key),
                       title=_("Edit measure “%(kind)s”", kind=measure_label(item["kind"])),
                       lead=_("Deployed by %(municipality)s.",
                              municipality=item.get("municipality_name") or item["municipality"]))


@bp.route("/t/<slug>/measures/<key>/end", methods=["GET", "POST"])
@tenant_route("measure.edit")
def measure_end(slug: str, key: str):
    item = service.get_measure(access=current_access(), key=key)
    return change_page(EndMeasureForm(), service.end_measure, key=key, what="Measure",
                       verb="ended", done=url("network.measure_detail", key=key),
                       title=_("End measure “%(kind)s”", kind=measure_label(item["kind"])),
                       submit=_("End the measure"))


@bp.route("/t/<slug>/measures/<key>/delete", methods=["POST"])
@tenant_route("measure.edit")
def measure_delete(slug: str, key: str):
    return delete_button(service.delete_measure, key=key, what="Measure",
                         done=url("network.measure_list"),
                         back=url("network.measure_detail", key=key))
