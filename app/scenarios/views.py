"""The what-if pages: scenarios of a municipality's admissions, built, run, read and compared.

Thin routes over app.scenarios.service. Building a scenario takes two steps: choose the
market (municipality, entry year, level), then the measures on that market's schools and
zones. A refusal comes back on the form, naming the field.
"""
from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    Flask,
    Response,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
)
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from app.network.views.page_helpers import act, url
from app.scenarios import labels, service, validate
from app.tenancy import current_access, tenant_route
from graph.errors import Invalid

bp = Blueprint("scenarios", __name__)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)


@bp.context_processor
def helpers() -> dict[str, Any]:
    return {"scenario_labels": labels}


@bp.route("/t/<slug>/scenarios")
@tenant_route("scenario.view")
def scenario_list(slug: str):
    access = current_access()
    return render_template("scenarios/list.html",
                           scenarios=service.list_scenarios(access=access),
                           markets=service.list_markets(access=access),
                           edits=access.can("scenario.edit"))


@bp.route("/t/<slug>/scenarios/new", methods=["GET", "POST"])
@tenant_route("scenario.edit")
def scenario_new(slug: str):
    access = current_access()
    markets = service.list_markets(access=access)
    chosen = _market_args(request.values) or _latest(markets)
    if chosen is None:
        return render_template("scenarios/no_market.html")
    market = service.get_market(access=access, **chosen)
    errors: list[dict] = []
    if request.method == "POST":
        try:
            item = service.create_scenario(access=access, data=form_data(request.form))
        except Invalid as exc:
            errors = exc.errors or [{"field": None, "value": None, "reason": exc.message}]
            flash(exc.message, "error")
        else:
            if request.form.get("run"):
                service.run_scenario(access=access, scenario_id=item["id"])
                flash(_("Scenario “%(name)s” saved; it is running.", name=item["name"]),
                      "success")
            else:
                flash(_("Scenario “%(name)s” saved.", name=item["name"]), "success")
            return redirect(url("scenarios.scenario_detail", scenario_id=item["id"]), 303)
    return render_template("scenarios/form.html", market=market, markets=markets,
                           values=request.form, errors=errors), 422 if errors else 200


def _latest(markets: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The first municipality's latest year with applications (P3 before first of ESO)."""
    for m in markets:
        if m["years"]:
            latest = max(y["year"] for y in m["years"])
            level = min(y["level"] for y in m["years"] if y["year"] == latest)
            return {"municipality": m["key"], "year": latest, "level": level}
    return None


def _market_args(values: MultiDict) -> dict[str, Any] | None:
    """municipality, year and level of the market chosen (also as one "market" value)."""
    if values.get("market", "").count("|") == 2:
        municipality, year, level = values["market"].split("|")
    else:
        municipality, year, level = (values.get(k) for k in ("municipality", "year", "level"))
    if not (municipality and year and level):
        return None
    try:
        return {"municipality": municipality, "year": int(year), "level": level}
    except ValueError as exc:
        raise Invalid(_("Choose an entry year."),
                      errors=[{"field": "year", "value": year, "reason": _("not a year")}]) \
            from exc


def form_data(form: MultiDict) -> dict[str, Any]:
    """The service's input from the measures form."""
    data: dict[str, Any] = {k: form.get(k) for k in ("name", "description", "municipality",
                                                     "year", "level", "mechanism", "draws")}
    if form.get("reserve_group"):
        data["reserve"] = {"group": form["reserve_group"], "places": form.get("reserve_places"),
                           "schools": form.getlist("reserve_schools")}
    for field in ("zones_add", "zones_remove"):
        data[field] = [value.split("|", 1) for value in form.getlist(field) if "|" in value]
    data["places"] = {name[len("places-"):]: value for name, value in form.items()
                      if name.startswith("places-") and value.strip() not in ("", "0")}
    return data


@bp.route("/t/<slug>/scenarios/<int:scenario_id>")
@tenant_route("scenario.view")
def scenario_detail(slug: str, scenario_id: int):
    item = service.get_scenario(access=current_access(), scenario_id=scenario_id)
    if request.accept_mimetypes.best == "application/json":
        return jsonify(item)
    others = [s for s in service.list_scenarios(access=current_access(),
                                                municipality=item["municipality"])
              if s["id"] != item["id"] and s["year"] == item["year"]
              and s["level"] == item["level"] and s["has_results"]]
    return render_template("scenarios/scenario.html", item=item, others=others)


@bp.route("/t/<slug>/scenarios/<int:scenario_id>/run", methods=["POST"])
@tenant_route("scenario.edit")
def scenario_run(slug: str, scenario_id: int):
    def start() -> tuple[str, str]:
        service.run_scenario(access=current_access(), scenario_id=scenario_id)
        return (_("The scenario is running; its results appear here when it is done."),
                url("scenarios.scenario_detail", scenario_id=scenario_id))
    return act(start, back=url("scenarios.scenario_detail", scenario_id=scenario_id))


@bp.route("/t/<slug>/scenarios/<int:scenario_id>/delete", methods=["POST"])
@tenant_route("scenario.edit")
def scenario_delete(slug: str, scenario_id: int):
    def delete() -> tuple[str, str]:
        service.delete_scenario(access=current_access(), scenario_id=scenario_id)
        return _("Scenario deleted."), url("scenarios.scenario_list")
    return act(delete, back=url("scenarios.scenario_detail", scenario_id=scenario_id))


@bp.route("/t/<slug>/scenarios/compare")
@tenant_route("scenario.view")
def scenario_compare(slug: str):
    ids = validate.scenario_ids(request.args.getlist("ids"))
    return render_template("scenarios/compare.html",
                           found=service.compare(access=current_access(), ids=ids))


@bp.route("/t/<slug>/scenarios/<int:scenario_id>.pdf")
@tenant_route("scenario.view")
def scenario_pdf(slug: str, scenario_id: int):
    path, name = service.pdf_file(access=current_access(), scenario_id=scenario_id)
    return send_file(path, mimetype="application/pdf", download_name=name, max_age=0)


@bp.route("/t/<slug>/scenarios/<int:scenario_id>.csv")
@tenant_route("scenario.view")
def scenario_csv(slug: str, scenario_id: int):
    text, name = service.csv_export(access=current_access(), scenario_id=scenario_id)
    return Response(text, mimetype="text/csv",
                    headers={"Content-Disposition": f"attachment; filename={name}"})
