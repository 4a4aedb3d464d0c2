"""What the network's pages share: form handling, list arguments, who sees which section,
helpers for the templates, and the navigation links."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response
from wtforms.fields.choices import SelectChoice

from app import labels
from app.models import Role
from app.navigation import Group
from app.network import schemas
from app.network.forms import BENCHMARK_LABELS, ServiceForm
from app.network.views import bp, messages
from app.tenancy import current_access, tenant_route
from graph.errors import Conflict, Invalid
from graph.model import BENCHMARKS, Component, Stage

ALL = 10_000  # "every item", for pages showing a whole list that stays small

# Coordinators see the entity pages in the navigation; scoped users see their own pages.
NAVIGATION = [
    {"group": Group.NETWORK, "label": _l("Overview"), "endpoint": "network.overview",
     "permission": "network.edit", "order": 10,
     "hint": _l("Alliances by stage, this year's contributions, schools' figures")},
    {"group": Group.NETWORK, "label": _l("Municipalities"), "endpoint": "network.municipality_list",
     "permission": "network.edit", "order": 12,
     "hint": _l("Municipalities and their zones")},
    {"group": Group.NETWORK, "label": _l("Schools"), "endpoint": "network.school_list",
     "permission": "network.edit", "order": 14,
     "hint": _l("Schools, their zone and current alliance")},
    {"group": Group.NETWORK, "label": _l("Partners"), "endpoint": "network.partner_list",
     "permission": "network.edit", "order": 16,
     "hint": _l("Museums, research centres, universities, companies…")},
    {"group": Group.NETWORK, "label": _l("Alliances"), "endpoint": "network.alliance_list",
     "permission": "network.edit", "order": 18,
     "hint": _l("School–partner alliances, their stage and history")},
    {"group": Group.NETWORK, "label": _l("Contributions"), "endpoint": "network.contribution_list",
     "permission": "network.edit", "order": 20,
     "hint": _l("What partners contribute, with totals")},
    {"group": Group.NETWORK, "label": _l("Measures"), "endpoint": "network.measure_list",
     "permission": "measure.view", "order": 22,
     "hint": _l("Balanced-schooling measures of the municipalities")},
    {"group": Group.PLAN, "label": _l("Assessments"), "endpoint": "network.assessment_list",
     "permission": "assessment.edit", "order": 24,
     "hint": _l("Stage of each core component, per alliance and year")},
    {"group": Group.NETWORK, "label": _l("Network map"), "endpoint": "network.network_page",
     "permission": "network.view", "order": 30,
     "hint": _l("Schools, partners and municipalities as a graph")},
    {"group": Group.ADMIN, "label": _l("Audit"), "endpoint": "network.audit_log",
     "permission": "audit.view", "order": 95,
     "hint": _l("Every change: who, when, before and after")},
    {"group": Group.ADMIN, "label": _l("Data check"), "endpoint": "network.data_check",
     "permission": "audit.view", "order": 96,
     "hint": _l("Stored records that break the programme's date and link rules")},
    {"group": Group.NETWORK, "label": _l("My alliances"), "endpoint": "network.my_alliances",
     "permission": "partner.own", "order": 2,
     "hint": _l("Your institution's alliances and what you contributed")},
    {"group": Group.NETWORK, "label": _l("Log a contribution"),
     "endpoint": "network.contribution_new", "permission": "partner.own", "order": 3,
     "hint": _l("Training, workshops, resources…")},
    {"group": Group.NETWORK, "label": _l("Contribution history"),
     "endpoint": "network.my_contributions", "permission": "partner.own", "order": 4,
     "hint": _l("Totals by kind and year, CSV export")},
    {"group": Group.NETWORK, "label": _l("My municipality"), "endpoint": "network.my_municipality",
     "permission": "municipality.own", "order": 2,
     "hint": _l("Its schools, zones and measures")},
    {"group": Group.INDICATORS, "label": _l("Territory"), "endpoint": "network.my_territory",
     "permission": "municipality.own", "order": 3,
     "hint": _l("Composition and segregation indicators of your territory")},
    {"group": Group.NETWORK, "label": _l("My school"), "endpoint": "network.my_school",
     "permission": "school.own", "order": 2,
     "hint": _l("Profile, alliance, assessments and figures")},
]


# ---- templates -------------------------------------------------------------------------

def page_url(number: int) -> str:
    """This page's URL with another page number (the other arguments kept)."""
    args = {**request.args.to_dict(), **(request.view_args or {}), "page": number}
    return url_for(request.endpoint, **args)


def with_args(endpoint: str, **values: Any) -> str:
    """A URL to `endpoint` carrying this request's query arguments (page dropped)."""
    args = {k: v for k, v in request.args.to_dict().items() if k != "page" and v}
    return url_for(endpoint, **{**args, **values})


def benchmark_label(key: str) -> str:
    """A benchmark's sentence in the reader's language."""
    found = BENCHMARK_LABELS.get(key)
    return str(found) if found is not None else labels.label(key)


@bp.context_processor
def template_helpers() -> dict[str, Any]:
    return {"label": labels.label, "measure_label": labels.measure_label,
            "page_url": page_url, "with_args": with_args,
            "benchmark_label": benchmark_label,
            "Role": Role, "components": [c.value for c in Component]}


# ---- forms and buttons -----------------------------------------------------------------

Saved = tuple[str, str]  # (message to flash, URL to go to)


def form_page(form: ServiceForm, save: Callable[[dict], Saved], *, template: str,
              **context: Any) -> Response | tuple[str, int]:
    """Show `form`; on a valid POST hand its values to `save`, then redirect. Field
    errors from the service come back on the form (422)."""
    if form.validate_on_submit():
        try:
            message, target = save(form.payload())
        except (Invalid, Conflict) as exc:
            form.attach(exc)
        else:
            flash(message, "success")
            return redirect(target, 303)
    status = 422 if form.is_submitted() else 200
    return render_template(template, form=form, **context), status


def act(action: Callable[[], Saved], *, back: str) -> Response:
    """A button's POST (archive, end, delete): a refusal such as the dependants that
    block a deletion is shown on the page the button was on."""
    try:
        message, target = action()
    except (Invalid, Conflict) as exc:
        flash(exc.message, "error")
        return redirect(back, 303)
    flash(message, "success")
    return redirect(target, 303)


def new_page(form: ServiceForm, create: Callable[..., dict], *, name: str, what: str,
             **context: Any) -> Response | tuple[str, int]:
    """The creation form of a municipality, zone, school or partner: `create(access=,
    data=)`, then "<What> <its name> created." and its page."""
    def save(data: dict) -> Saved:
        item = create(access=current_access(), data=data)
        return (messages.done(what, "created", name_of(item)),
                url(f"network.{name}_detail", key=item["key"]))
    return form_page(form, save, template="network/form.html", title=messages.new_title(what),
                     cancel=url(f"network.{name}_list"), **context)


def change_page(form: ServiceForm, change: Callable[..., Any], *, key: str, what: str,
                done: str, verb: str = "saved", template: str = "network/form.html",
                **context: Any) -> Response | tuple[str, int]:
    """A form that changes item `key` (edit, end): `change(access=, key=, data=)`, then
    "<What> <verb>." and `done`, which is also where Cancel leads unless given."""
    def save(data: dict) -> Saved:
        change(access=current_access(), key=key, data=data)
        return messages.done(what, verb), done
    context.setdefault("cancel", done)
    return form_page(form, save, template=template, **context)


def delete_button(delete: Callable[..., None], *, key: str, what: str, done: str,
                  back: str) -> Response:
    """A Delete button's POST: `delete(access=, key=)`, then "<What> deleted." and `done`."""
    def run() -> Saved:
        delete(access=current_access(), key=key)
        return messages.done(what, "deleted"), done
    return act(run, back=back)


def list_args(plural: str) -> dict[str, Any]:
    """Page, per_page, archived and the list's filters from the query string."""
    return schemas.list_arguments(request.args, plural)


def key_choices(items: Iterable[dict], text: Callable[[dict], str], *,
                blank: str | None = "—") -> list[SelectChoice]:
    out = [SelectChoice("", blank)] if blank is not None else []
    return out + [SelectChoice(item["key"], text(item)) for item in items]


def name_of(item: dict) -> str:
    return item.get("name") or item["key"]


def url(endpoint: str, **values: Any) -> str:
    """A URL inside the current tenant."""
    return url_for(endpoint, slug=current_access().tenant.slug, **values)


# ---- archive, unarchive and delete buttons ---------------------------------------------

def lifecycle_routes(*, plural: str, name: str, what: str, archive: Callable[..., Any],
                     delete: Callable[..., None], permission: str = "network.edit") -> None:
    """POST /t/<slug>/<plural>/<key>/archive, /unarchive and /delete: `archive(access=,
    key=, archived=)` and `delete(access=, key=)` are the service functions."""
    detail, listing = f"network.{name}_detail", f"network.{name}_list"

    def toggle(archived: bool) -> Callable[..., Response]:
        def view(slug: str, key: str) -> Response:
            def run() -> Saved:
                archive(access=current_access(), key=key, archived=archived)
                done = "archived" if archived else "restored"
                return messages.done(what, done, key), url(detail, key=key)
            return act(run, back=url(detail, key=key))
        return view

    def remove(slug: str, key: str) -> Response:
        def run() -> Saved:
            delete(access=current_access(), key=key)
            return messages.done(what, "deleted", key), url(listing)
        return act(run, back=url(detail, key=key))

    base = f"/t/<slug>/{plural}/<key>"
    for verb, view in (("archive", toggle(True)), ("unarchive", toggle(False)),
                       ("delete", remove)):
        bp.add_url_rule(f"{base}/{verb}", endpoint=f"{name}_{verb}", methods=["POST"],
                        view_func=tenant_route(permission)(view))


def assessment_grid(assessments: Iterable[dict]) -> list[dict]:
    """Assessments as rows of (alliance, school year), latest year first, each with its
    assessment per core component."""
    rows: dict[tuple[str, int], dict] = {}
    for item in assessments:
        row = rows.setdefault((item["alliance"], item["year"]), {
            "alliance": item["alliance"], "year": item["year"],
            "partner_name": item.get("partner_name") or item.get("partner"), "cells": {}})
        row["cells"][item["component"]] = {
            **item, "of": len(BENCHMARKS.get(Stage(item["stage"]), ()))
            if item.get("stage") in Stage._value2member_map_ else 0}
    return sorted(rows.values(), key=lambda r: (-(r["year"] or 0), r["alliance"]))
