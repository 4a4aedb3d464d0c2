"""The planning pages: per alliance one planning page (phase, objectives, plan, logic model,
budget, self-assessments), the pages that edit each, and the rubric page where the school
team rates all five core components at once and the coordinator returns or accepts it.
Thin routes over app.planning.service: every refusal it raises comes back on the page,
naming the field (`actions[2].last_year`)."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from flask import Blueprint, Flask, flash, redirect, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from app import labels
from app.models import Role
from app.network import service as network
from app.network.parsers import FormInput
from app.network.views.page_helpers import act, benchmark_label, change_page, form_page, url
from app.planning import policy, service
from app.planning.forms import METRIC_LABELS, BudgetLineForm, ObjectiveForm
from app.tenancy import current_access, tenant_route
from domain.integrity import assessment_years
from graph.errors import Conflict, Invalid
from graph.model import (
    BENCHMARKS,
    OUTCOME_PARTS,
    ActionStatus,
    Component,
    Element,
    LogicModelPart,
    Owner,
    Rating,
    Stage,
    school_year_of,
)

bp = Blueprint("planning", __name__)

PART_LABELS = {
    LogicModelPart.INPUTS: _l("Inputs and resources"), LogicModelPart.ACTIVITIES: _l("Activities"),
    LogicModelPart.OUTPUTS: _l("Outputs"), LogicModelPart.SHORT_OUTCOMES: _l("Short-term outcomes"),
    LogicModelPart.MEDIUM_OUTCOMES: _l("Medium-term outcomes"),
    LogicModelPart.LONG_OUTCOMES: _l("Long-term outcomes")}
BLANK_ROWS = 3


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)


@bp.context_processor
def helpers() -> dict[str, Any]:
    return {"label": labels.label,
            "metric_label": lambda metric: str(METRIC_LABELS.get(metric, "")),
            "part_label": lambda part: str(PART_LABELS[LogicModelPart(part)]),
            "benchmark_label": benchmark_label,
            "components": [c.value for c in Component], "elements": [e.value for e in Element],
            "stages": [s.value for s in Stage], "owners": [o.value for o in Owner],
            "action_statuses": [s.value for s in ActionStatus],
            "ratings": [r.value for r in Rating], "parts": [p.value for p in LogicModelPart],
            "outcome_parts": [p.value for p in OUTCOME_PARTS],
            "benchmarks_by_stage": {s.value: keys for s, keys in BENCHMARKS.items()},
            "Role": Role}


def _refused(exc: Invalid | Conflict) -> list[str]:
    """Each field error as one line: field, reason and the value given."""
    lines = [_("%(field)s: %(reason)s (got %(value)r)", field=e.get("field"),
               reason=e.get("reason"), value=e["value"])
             if e.get("value") not in (None, "") else f"{e.get('field')}: {e.get('reason')}"
             for e in exc.errors]
    return lines or [exc.message]


def _after(fn: Callable[[], str], *, back: str) -> Response:
    """Run a button's change; its message is flashed and the page shown again."""
    def run() -> tuple[str, str]:
        return fn(), back
    return act(run, back=back)


# ---- the planning page -------------------------------------------------------------------

@bp.route("/t/<slug>/alliances/<key>/planning")
@tenant_route("plan.view")
def alliance_planning(slug: str, key: str):
    access = current_access()
    alliance = network.get_alliance(access=access, key=key)
    policy.require_reads(access, alliance)
    plans = service.list_plans(access=access, alliance=key)
    plan = service.get_plan(access=access, plan=plans[-1]["key"]) if plans else None
    year = school_year_of(date.today())
    first, last = assessment_years(alliance, today=date.today())
    return render_template(
        "planning/alliance.html", alliance=alliance, year=year, plans=plans, plan=plan,
        objectives=service.list_objectives(access=access, alliance=key),
        budget=service.list_budget(access=access, alliance=key),
        logic=service.get_logic_model(access=access, alliance=key),
        timeframes=service.timeframes(access=access, alliance=key),
        assessments=service.list_self_assessments(access=access, alliance=key),
        assess_years=list(range(last, (first if first is not None else last) - 1, -1)),
        writes=policy.may_write(access, alliance),
        self_assesses=policy.may_self_assess(access, alliance),
        reviews=policy.may_review(access))


def _planning(key: str) -> str:
    return url("planning.alliance_planning", key=key)


# ---- objectives and budget lines ---------------------------------------------------------

@bp.route("/t/<slug>/alliances/<key>/objectives/new", methods=["GET", "POST"])
@tenant_route("plan.edit")
def objective_new(slug: str, key: str):
    access = current_access()
    alliance = network.get_alliance(access=access, key=key)
    policy.require_writes(access, alliance)

    def save(data: dict):
        made = service.create_objective(access=access, alliance=key, data=data)
        return _("Objective “%(title)s” added.", title=made["title"]), _planning(key)
    return form_page(ObjectiveForm(), save, template="network/form.html",
                     title=_("New objective"), cancel=_planning(key),
                     lead=_("Imant reads the objective's value each year from the figures "
                            "it holds, and its status against a straight line from the "
                            "baseline to the target."))


@bp.route("/t/<slug>/objectives/<key>/edit", methods=["GET", "POST"])
@tenant_route("plan.edit")
def objective_edit(slug: str, key: str):
    item = service.get_objective(access=current_access(), key=key)
    return change_page(ObjectiveForm.for_edit(item), service.update_objective, key=key,
                       what=_("Objective"), done=_planning(item["alliance"]),
                       title=_("Edit objective"),
                       delete_url=url("planning.objective_delete", key=key))


@bp.route("/t/<slug>/objectives/<key>/delete", methods=["POST"])
@tenant_route("plan.edit")
def objective_delete(slug: str, key: str):
    item = service.get_objective(access=current_access(), key=key)

    def run() -> str:
        service.delete_objective(access=current_access(), key=key)
        return _("Objective deleted.")
    return _after(run, back=_planning(item["alliance"]))


@bp.route("/t/<slug>/objectives/<key>/value", methods=["POST"])
@tenant_route("plan.edit")
def objective_value(slug: str, key: str):
    item = service.get_objective(access=current_access(), key=key)

    def run() -> str:
        service.set_objective_value(access=current_access(), key=key, data=FormInput(
            year=request.form.get("year", ""), value=request.form.get("value", "")))
        return _("Value saved.")
    return _after(run, back=_planning(item["alliance"]))


@bp.route("/t/<slug>/alliances/<key>/budget/new", methods=["GET", "POST"])
@tenant_route("plan.edit")
def budget_new(slug: str, key: str):
    access = current_access()
    alliance = network.get_alliance(access=access, key=key)
    policy.require_writes(access, alliance)

    def save(data: dict):
        service.create_budget_line(access=access, alliance=key, data=data)
        return _("Budget line added."), _planning(key)
    form = BudgetLineForm(data={"year": school_year_of(date.today()) + 1})
    return form_page(form, save, template="network/form.html", title=_("New budget line"),
                     cancel=_planning(key))


@bp.route("/t/<slug>/budget-lines/<key>/edit", methods=["GET", "POST"])
@tenant_route("plan.edit")
def budget_edit(slug: str, key: str):
    line = service.get_budget_line(access=current_access(), key=key)
    return change_page(BudgetLineForm.for_edit(line), service.update_budget_line, key=key,
                       what=_("Budget line"), done=_planning(line["alliance"]),
                       title=_("Edit budget line"),
                       delete_url=url("planning.budget_delete", key=key))


@bp.route("/t/<slug>/budget-lines/<key>/delete", methods=["POST"])
@tenant_route("plan.edit")
def budget_delete(slug: str, key: str):
    line = service.get_budget_line(access=current_access(), key=key)

    def run() -> str:
        service.delete_budget_line(access=current_access(), key=key)
        return _("Budget line deleted.")
    return _after(run, back=_planning(line["alliance"]))


# ---- logic model -------------------------------------------------------------------------

def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


@bp.route("/t/<slug>/alliances/<key>/logic-model")
@tenant_route("plan.view")
def logic_model(slug: str, key: str):
    access = current_access()
    alliance = network.get_alliance(access=access, key=key)
    revision = request.args.get("revision", type=int)
    read = service.get_logic_model(access=access, alliance=key, revision=revision)
    return render_template("planning/logic_model.html", alliance=alliance, read=read,
                           model=read["model"], writes=policy.may_write(access, alliance),
                           reviews=policy.may_review(access),
                           objectives={o["key"]: o for o in service.list_objectives(
                               access=access, alliance=key)})


@bp.route("/t/<slug>/alliances/<key>/logic-model/edit", methods=["GET", "POST"])
@tenant_route("plan.edit")
def logic_model_edit(slug: str, key: str):
    access = current_access()
    alliance = network.get_alliance(access=access, key=key)
    policy.require_writes(access, alliance)
    read = service.get_logic_model(access=access, alliance=key)
    model = read["model"] or {}
    objectives = service.list_objectives(access=access, alliance=key)
    errors: list[str] = []
    form: MultiDict = request.form if request.method == "POST" else MultiDict()
    if request.method == "POST":
        parts = {part.value: _lines(form.get(f"part-{part.value}")) for part in LogicModelPart}
        links = [{"part": part, "position": int(position), "objective": objective}
                 for name in form if name.startswith("link-")
                 for part, _sep, position in [name[5:].rpartition("-")]
                 if position.isdigit() for objective in form.getlist(name)]
        try:
            saved = service.save_logic_model(access=access, alliance=key, data={
                "base_revision": int(form.get("base_revision") or 0),
                "problem": form.get("problem", ""), "parts": parts, "links": links,
                "note": form.get("note") or None})
        except (Invalid, Conflict) as exc:
            errors = _refused(exc)
        else:
            flash(_("Logic model saved as revision %(n)s.", n=saved["revision"]), "success")
            return redirect(url("planning.logic_model", key=key), 303)
    return render_template("planning/logic_model_edit.html", alliance=alliance, model=model,
                           form=form, errors=errors, objectives=objectives,
                           base=model.get("revision", 0)), 422 if errors else 200


@bp.route("/t/<slug>/alliances/<key>/logic-model/comment", methods=["POST"])
@tenant_route("plan.review")
def logic_model_comment(slug: str, key: str):
    def run() -> str:
        service.comment_logic_model(access=current_access(), alliance=key, data=FormInput(
            revision=request.form.get("revision", ""), comment=request.form.get("comment", "")))
        return _("Comment saved.")
    return _after(run, back=url("planning.logic_model", key=key))


# ---- plans -------------------------------------------------------------------------------

@bp.route("/t/<slug>/alliances/<key>/plans", methods=["POST"])
@tenant_route("plan.edit")
def plan_start(slug: str, key: str):
    def run() -> tuple[str, str]:
        plan = service.start_plan(access=current_access(), alliance=key, data=FormInput(
            {"first_year": request.form.get("first_year", "")}))
        return (_("Plan %(first)s–%(last)s started.", first=plan["first_year"],
                  last=plan["last_year"]), url("planning.plan_edit", key=plan["key"]))
    return act(run, back=_planning(key))


@bp.route("/t/<slug>/plans/<key>")
@tenant_route("plan.view")
def plan_detail(slug: str, key: str):
    access = current_access()
    plan = service.get_plan(access=access, plan=key,
                            revision=request.args.get("revision", type=int))
    alliance = network.get_alliance(access=access, key=plan["alliance"])
    return render_template("planning/plan.html", plan=plan, alliance=alliance,
                           writes=policy.may_write(access, alliance),
                           year=school_year_of(date.today()))


def _number(value: str | None) -> Any:
    """A whole number or an amount as typed (the service names what is wrong)."""
    text = (value or "").strip().replace(",", ".")
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        return text
    return int(number) if number.is_integer() and "." not in text else number


def _action_rows(form: MultiDict) -> list[dict]:
    """The plan's actions from the edit form's rows; a row without a title is left out."""
    rows = []
    for n in sorted({int(name.split("-")[1]) for name in form
                     if name.startswith("a-") and name.split("-")[1].isdigit()}):
        def get(field: str, n: int = n) -> str:
            return form.get(f"a-{n}-{field}", "").strip()
        if not get("title"):
            continue
        row = {"action": get("action") or f"action-{n + 1}", "title": get("title"),
               "component": get("component"), "elements": form.getlist(f"a-{n}-elements"),
               "stage": get("stage"), "first_year": _number(get("first_year")),
               "last_year": _number(get("last_year")), "owner": get("owner"),
               "status": get("status"), "drop_reason": get("drop_reason") or None,
               "budget_planned": _number(get("budget_planned")) or 0,
               "budget_spent": _number(get("budget_spent")) or 0,
               "objectives": form.getlist(f"a-{n}-objectives")}
        rows.append(row)
    return rows


@bp.route("/t/<slug>/plans/<key>/edit", methods=["GET", "POST"])
@tenant_route("plan.edit")
def plan_edit(slug: str, key: str):
    access = current_access()
    plan = service.get_plan(access=access, plan=key)
    alliance = network.get_alliance(access=access, key=plan["alliance"])
    policy.require_writes(access, alliance)
    errors: list[str] = []
    actions = plan.get("actions") or []
    if request.method == "POST":
        actions = _action_rows(request.form)
        try:
            saved = service.save_plan(access=access, plan=key, data={
                "base_revision": int(request.form.get("base_revision") or 0),
                "actions": actions, "note": request.form.get("note") or None})
        except (Invalid, Conflict) as exc:
            errors = _refused(exc)
        else:
            flash(_("Plan saved as revision %(n)s.", n=saved["revision"]), "success")
            return redirect(url("planning.plan_detail", key=key), 303)
    return render_template(
        "planning/plan_edit.html", plan=plan, alliance=alliance, errors=errors,
        rows=[*actions, *({} for _ in range(BLANK_ROWS))],
        objectives=service.list_objectives(access=access, alliance=plan["alliance"]),
        base=request.form.get("base_revision") if request.method == "POST"
        else plan.get("revision") or 0), 422 if errors else 200


# ---- self-assessment: the rubric page ----------------------------------------------------

@bp.route("/t/<slug>/alliances/<key>/self-assessments", methods=["POST"])
@tenant_route("assessment.edit")
def self_assessment_start(slug: str, key: str):
    def run() -> tuple[str, str]:
        made = service.start_self_assessment(access=current_access(), alliance=key,
                                             data=FormInput(year=request.form.get("year", "")))
        return (_("Self-assessment for %(year)s opened (revision %(n)s).", year=made["year"],
                  n=made["revision"]), url("planning.self_assessment", key=made["key"]))
    return act(run, back=_planning(key))


def _posted_ratings(form: MultiDict) -> list[dict]:
    out = []
    for name in form:
        if name.startswith("rating-") and form.get(name):
            item = name[len("rating-"):]
            out.append({"item": item, "rating": form.get(name),
                        "evidence": form.get(f"evidence-{item}", "").strip() or None,
                        "link": form.get(f"link-{item}", "").strip() or None})
    return out


@bp.route("/t/<slug>/self-assessments/<key>", methods=["GET", "POST"])
@tenant_route("plan.view")
def self_assessment(slug: str, key: str):
    access = current_access()
    errors: list[str] = []
    if request.method == "POST":
        try:
            service.save_self_assessment(access=access, key=key, data={
                "ratings": _posted_ratings(request.form),
                "benchmarks": request.form.getlist("benchmark")})
            if request.form.get("do") == "submit":
                service.submit_self_assessment(access=access, key=key)
        except (Invalid, Conflict) as exc:
            errors = _refused(exc)
        else:
            flash(_("Submitted to the coordinator.") if request.form.get("do") == "submit"
                  else _("Draft saved."), "success")
            return redirect(url("planning.self_assessment", key=key), 303)
    item = service.get_self_assessment(access=access, key=key)
    alliance = network.get_alliance(access=access, key=item["alliance"])
    return render_template(
        "planning/rubric.html", item=item, alliance=alliance, errors=errors,
        rubric=service.RUBRIC, given={r["item"]: r for r in item["ratings"]},
        edits=item["status"] == "draft" and policy.may_self_assess(access, alliance),
        reviews=item["status"] == "submitted" and policy.may_review(access),
        history=service.list_self_assessments(access=access, alliance=item["alliance"])
    ), 422 if errors else 200


@bp.route("/t/<slug>/self-assessments/<key>/return", methods=["POST"])
@tenant_route("plan.review")
def self_assessment_return(slug: str, key: str):
    def run() -> str:
        service.return_self_assessment(access=current_access(), key=key,
                                       data=FormInput(comment=request.form.get("comment", "")))
        return _("Returned to the school team.")
    return _after(run, back=url("planning.self_assessment", key=key))


@bp.route("/t/<slug>/self-assessments/<key>/accept", methods=["POST"])
@tenant_route("plan.review")
def self_assessment_accept(slug: str, key: str):
    def run() -> str:
        stages = {c.value: request.form.get(f"stage-{c.value}") for c in Component
                  if request.form.get(f"stage-{c.value}")}
        service.accept_self_assessment(access=current_access(), key=key, data={
            "stages": stages, "comment": request.form.get("comment") or None})
        return _("Accepted: the stages of the year are set.")
    return _after(run, back=url("planning.self_assessment", key=key))
