"""An alliance's planning tools: logic model, 7-year plans, measurable objectives, budget
lines and the rubric self-assessment. Every function takes the caller's access first and
applies app.planning.policy before it reads on or writes; every write is audited in the
same graph transaction (app.audit).

Objective statuses are not stored: they are read each time from the figures Imant already
holds (domain.objective_values), so they always agree with the indicator pages.
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from flask_babel import gettext as _

from app.extensions import db, graph
from app.indicators import activity, figures
from app.models import JobRun, JobStatus
from app.network import service as network
from app.network.parsers import error, raise_invalid, validate
from app.network.service_support import actor_email, new_key, refuse, write
from app.planning import policy
from app.planning.schemas import (
    BUDGET_FIELDS,
    LOGIC_MODEL_COMMENT_FIELDS,
    NEW_PLAN_FIELDS,
    OBJECTIVE_FIELDS,
    OBJECTIVE_VALUE_FIELDS,
    RETURN_FIELDS,
    SELF_ASSESSMENT_START_FIELDS,
)
from app.tenancy import Access
from domain import objective_values as ov
from domain.integrity import check_assessment_year
from domain.objectives import default_baseline_year, validate_baseline_override
from domain.phases import programme_phase
from domain.plan_views import by_element, by_year_and_component, overdue_actions, plan_changes
from domain.planning import plan_years, sustainability_share
from domain.rubric import component_items, get_item
from domain.stages import stage_histories, suggest_stages, time_in_stage
from graph import assessments, budget, objectives, planning, self_assessments
from graph.errors import NotFound
from graph.model import BENCHMARKS, Component, Metric, Stage, school_year_of
from jobs.kinds import ANNUAL


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _today(today: date | None) -> date:
    return today or date.today()


def _alliance(access: Access, key: str) -> dict:
    """The alliance, once the caller may read its plan."""
    alliance = network.get_alliance(access=access, key=key)
    policy.require_reads(access, alliance)
    return alliance


def _writable(access: Access, key: str) -> dict:
    alliance = network.get_alliance(access=access, key=key)
    policy.require_writes(access, alliance)
    return alliance


def _object(data: Any, fields: set[str]) -> Mapping[str, Any]:
    """A request body: an object of known fields (the CSRF token of a form aside)."""
    if not isinstance(data, Mapping):
        raise_invalid([error("(body)", None, "must be a JSON object")])
    unknown = sorted(set(data) - fields - {"csrf_token"})
    if unknown:
        raise_invalid([error(name, data[name], _("unknown field")) for name in unknown])
    return data


def _list_of_objects(name: str, value: Any) -> list:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
        raise_invalid([error(name, value, _("must be a list of objects"))])
    return value


def _whole(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise_invalid([error(name, value, _("must be a whole number"))])
    return value


def _read(fn: Any, access: Access, **params: Any) -> Any:
    return graph.read(fn, tenant=access.tenant.slug, **params)


# ---- logic model -------------------------------------------------------------------------

def get_logic_model(*, access: Access, alliance: str, revision: int | None = None) -> dict:
    """The logic model (a revision, default the latest; None before the first save) and its
    history of revisions."""
    _alliance(access, alliance)
    model = _read(planning.get_logic_model, access, alliance=alliance, revision=revision)
    if revision is not None and model is None:
        raise NotFound(_("No revision %(n)s of the logic model of %(alliance)s.", n=revision,
                         alliance=alliance))
    return {"alliance": alliance, "model": model,
            "revisions": _read(planning.list_logic_model_revisions, access, alliance=alliance)}


def save_logic_model(*, access: Access, alliance: str, data: Mapping[str, Any]) -> dict:
    """Save the next revision: {base_revision, problem, parts: {inputs: [...], ...},
    links: [{part, position, objective}], note}."""
    _writable(access, alliance)
    data = _object(data, {"base_revision", "problem", "parts", "links", "note"})
    parts = data.get("parts") or {}
    if not isinstance(parts, Mapping) or not all(
            isinstance(v, list) and all(isinstance(t, str) for t in v) for v in parts.values()):
        raise_invalid([error("parts", parts, _("must be an object of lists of texts"))])
    links = _list_of_objects("links", data.get("links"))
    base = _whole("base_revision", data.get("base_revision", 0))
    note = data.get("note")
    if note is not None and not isinstance(note, str):
        raise_invalid([error("note", note, _("must be a text"))])
    return write(planning.save_logic_model, access=access, action="logic_model.save",
                 target=f"logic_model:{alliance}", alliance=alliance, base_revision=base,
                 problem=data.get("problem"), parts=parts, links=links,
                 by=actor_email(access), at=_now(), note=note)


def comment_logic_model(*, access: Access, alliance: str, data: Mapping[str, Any]) -> dict:
    """The coordinator's comment on one revision."""
    policy.require_reviews(access)
    _alliance(access, alliance)
    values = validate(data, LOGIC_MODEL_COMMENT_FIELDS)
    return write(planning.comment_logic_model, access=access, action="logic_model.comment",
                 target=f"logic_model:{alliance}", alliance=alliance,
                 revision=values["revision"], comment=values["comment"],
                 by=actor_email(access), at=_now())


# ---- 7-year plans ------------------------------------------------------------------------

def list_plans(*, access: Access, alliance: str) -> list[dict]:
    _alliance(access, alliance)
    return _read(planning.list_plans, access, alliance=alliance)


def _stage_rows(access: Access, alliance: str) -> list[dict]:
    """Every stage assessment of the alliance (year, component, stage, benchmarks)."""
    return _read(assessments.list_assessments, access, alliance=alliance,
                 limit=10_000)["items"]


def _next_plan_met(access: Access, alliance: str) -> bool:
    """The optimization benchmark 'a new plan for the next cycle' is met in some year."""
    return any("next_plan" in (row.get("benchmarks") or [])
               for row in _stage_rows(access, alliance))


def start_plan(*, access: Access, alliance: str, data: Mapping[str, Any] | None = None) -> dict:
    """Open a 7-year plan; its first year defaults to the alliance's start year, or to the
    year after the previous plan's seven."""
    item = _writable(access, alliance)
    values = validate(data or {}, NEW_PLAN_FIELDS)
    plans = _read(planning.list_plans, access, alliance=alliance)
    first = values.get("first_year") or (plans[-1]["last_year"] + 1 if plans
                                         else item["start_year"])
    return write(planning.start_plan, access=access, action="plan.start",
                 target=f"plan:{planning.plan_key(alliance=alliance, first_year=first)}",
                 alliance=alliance, first_year=first, by=actor_email(access), at=_now(),
                 next_plan_met=_next_plan_met(access, alliance))


def _plan_alliance(plan: str) -> str:
    alliance, _colon, year = plan.rpartition(":")
    if not alliance or not year.isdigit():
        raise NotFound(_("No plan with key %(key)r.", key=plan))
    return alliance


def _last_annual_report(access: Access) -> str | None:
    """When this programme's last annual reports were written (ISO time), or None."""
    run = db.session.execute(
        db.select(JobRun).filter_by(tenant_id=access.tenant.id, kind=ANNUAL,
                                  status=JobStatus.SUCCEEDED)
        .order_by(JobRun.finished_at.desc()).limit(1)).scalar_one_or_none()
    if run is None or run.finished_at is None:
        return None
    return run.finished_at.isoformat(timespec="seconds")


def get_plan(*, access: Access, plan: str, revision: int | None = None,
             today: date | None = None) -> dict:
    """One revision of a plan (default the latest) with its views: actions by year and
    component, by element, the overdue ones, and what changed since the revision current at
    the last annual report (or, before any report, since the previous revision)."""
    alliance = _plan_alliance(plan)
    _alliance(access, alliance)
    found = _read(planning.get_plan, access, plan=plan, revision=revision)
    if found is None:
        head = next((p for p in _read(planning.list_plans, access, alliance=alliance)
                     if p["key"] == plan), None)
        if head is None or revision is not None:
            raise NotFound(_("No plan %(key)r revision %(n)s.", key=plan, n=revision) if revision
                           else _("No plan with key %(key)r.", key=plan))
        found = {"first_year": head["first_year"], "last_year": head["last_year"],
                 "revision": 0, "actions": [], "saved_by": None, "saved_at": None}
    found = {**found, "key": plan, "plan": plan}
    actions = found.get("actions") or []
    year = school_year_of(_today(today))
    reported = _last_annual_report(access)
    since = None
    if reported is not None:
        since = _read(planning.get_plan, access, plan=plan, as_of=reported)
    elif (found.get("revision") or 0) > 1:
        since = _read(planning.get_plan, access, plan=plan, revision=found["revision"] - 1)
    return {**found, "alliance": alliance,
            "years": list(plan_years(first_year=found["first_year"])),
            "grid": by_year_and_component(actions=actions,
                                          years=plan_years(first_year=found["first_year"])),
            "by_element": by_element(actions=actions),
            "overdue": overdue_actions(actions=actions, year=year),
            "changes": None if since is None else {
                "since_revision": since["revision"], "since_report": reported,
                **plan_changes(before=since.get("actions") or [], after=actions)},
            "revisions": _read(planning.list_plan_revisions, access, plan=plan)}


def save_plan(*, access: Access, plan: str, data: Mapping[str, Any]) -> dict:
    """Save the plan's next revision with all its actions: {base_revision, actions, note}."""
    _writable(access, _plan_alliance(plan))
    data = _object(data, {"base_revision", "actions", "note"})
    actions = _list_of_objects("actions", data.get("actions"))
    for n, action in enumerate(actions):
        if not isinstance(action.get("objectives") or [], list):
            raise_invalid([error(f"actions[{n}].objectives", action["objectives"],
                                 _("must be a list of objective keys"))])
    base = _whole("base_revision", data.get("base_revision", 0))
    note = data.get("note")
    if note is not None and not isinstance(note, str):
        raise_invalid([error("note", note, _("must be a text"))])
    return write(planning.save_plan, access=access, action="plan.save", target=f"plan:{plan}",
                 plan=plan, base_revision=base, actions=actions, by=actor_email(access),
                 at=_now(), note=note)


# ---- objectives --------------------------------------------------------------------------

def objective_sources(access: Access, alliance: dict, today: date | None) -> ov.YearSources:
    """What an alliance's objectives are read from (domain.objective_values)."""
    tenant = access.tenant.slug
    school_years = {row["year"]: row for row in
                    figures.school_series(tenant=tenant, school=alliance["school"])}
    by_year = activity.alliance_activity(tenant=tenant, alliance=alliance["key"])["by_year"]
    return ov.YearSources(
        current_year=school_year_of(_today(today)), threshold=access.tenant.suppression_threshold,
        school_years=school_years,
        activity={entry["year"]: entry for entry in by_year if entry["year"] is not None},
        training_share=alliance.get("training_share"),
        stages=stage_histories(assessed=_stage_rows(access, alliance["key"])))


def _read_objective(objective: dict, sources: ov.YearSources) -> dict:
    years = ov.readings(objective, sources)
    current = ov.current_reading(years, current_year=sources.current_year)
    return {**objective, "computed_baseline": ov.baseline_of(objective, sources).value,
            "readings": [r.as_dict() for r in years], "status": current.as_dict()}


def list_objectives(*, access: Access, alliance: str, today: date | None = None) -> list[dict]:
    """The alliance's objectives, each with its yearly readings and current status."""
    item = _alliance(access, alliance)
    found = _read(objectives.list_objectives, access, alliance=alliance)
    if not found:
        return []
    sources = objective_sources(access, item, today)
    return [_read_objective(o, sources) for o in found]


def objectives_if_seen(*, access: Access, alliance: dict | None) -> list[dict] | None:
    """The alliance's objectives when the caller may read its plan, else None (the school
    and alliance pages show them only then)."""
    if alliance is None or not policy.sees(access, alliance):
        return None
    return list_objectives(access=access, alliance=alliance["key"])


def programme_objectives(*, access: Access, today: date | None = None) -> list[dict]:
    """Every objective the caller may read across the programme, with its status (the
    coordinator's overview); the figures are read once per alliance."""
    access.require("plan.view")
    by_alliance: dict[str, list[dict]] = {}
    for row in _read(objectives.list_objectives, access):
        by_alliance.setdefault(row["alliance"], []).append(row)
    out = []
    for key, rows in sorted(by_alliance.items()):
        alliance = network.get_alliance(access=access, key=key)
        if not policy.in_scope(access, alliance):
            continue
        sources = objective_sources(access, alliance, today)
        out += [{**_read_objective(o, sources), "school_name": alliance.get("school_name"),
                 "partner_name": alliance.get("partner_name")} for o in rows]
    return out


def get_objective(*, access: Access, key: str, today: date | None = None) -> dict:
    found = _read(objectives.get_objective, access, key=key)
    if found is None:
        raise NotFound(_("No objective with key %(key)r.", key=key))
    item = _alliance(access, found["alliance"])
    return _read_objective(found, objective_sources(access, item, today))


def with_baseline(values: dict, alliance: dict, sources: ov.YearSources) -> dict:
    """Fill the baseline year and value Imant computes; a different typed-in baseline of a
    computed metric needs a reason (a manual metric's baseline is always typed in)."""
    values.setdefault("baseline_year", None)
    if values["baseline_year"] is None:
        values["baseline_year"] = default_baseline_year(
            alliance_start_year=alliance["start_year"])
    computed = None
    if values.get("metric") != Metric.MANUAL:
        computed = ov.baseline_of(values, sources).value
    if values.get("baseline") is None:
        values["baseline"] = computed
    elif values["metric"] != Metric.MANUAL:
        validate_baseline_override(baseline=values["baseline"],
                                   reason=values.get("baseline_reason"), computed=computed)
    return values


def _save_objective(access: Access, alliance: dict, key: str, values: dict,
                    action: str, today: date | None) -> dict:
    sources = objective_sources(access, alliance, today)
    values = with_baseline(values, alliance, sources)
    saved = write(objectives.upsert_objective, access=access, action=action,
                  target=f"objective:{key}", alliance=alliance["key"], key=key, props=values)
    return _read_objective(saved, sources)


def create_objective(*, access: Access, alliance: str, data: Mapping[str, Any],
                     today: date | None = None) -> dict:
    item = _writable(access, alliance)
    values = validate(data, OBJECTIVE_FIELDS)
    key = new_key(given=values.pop("key", None), hint=f"{alliance}-{values['metric']}",
                  prefix="objective")
    return _save_objective(access, item, key, values, "objective.create", today)


def update_objective(*, access: Access, key: str, data: Mapping[str, Any],
                     today: date | None = None) -> dict:
    """Change an objective's definition; a baseline left out is computed again."""
    current = _read(objectives.get_objective, access, key=key)
    if current is None:
        raise NotFound(_("No objective with key %(key)r.", key=key))
    item = _writable(access, current["alliance"])
    changes = validate(data, OBJECTIVE_FIELDS, partial=True)
    merged = {name: current.get(name) for name in objectives.OBJECTIVE_FIELDS}
    if "baseline" not in changes and any(name in changes for name in (
            "metric", "group", "component", "baseline_year")):
        merged["baseline"] = None  # the definition changed: read the baseline again
    merged.update(changes)
    return _save_objective(access, item, key, merged, "objective.update", today)


def set_objective_value(*, access: Access, key: str, data: Mapping[str, Any],
                        today: date | None = None) -> dict:
    """Type in (or clear) a manual objective's value for a school year."""
    current = _read(objectives.get_objective, access, key=key)
    if current is None:
        raise NotFound(_("No objective with key %(key)r.", key=key))
    item = _writable(access, current["alliance"])
    values = validate(data, OBJECTIVE_VALUE_FIELDS)
    saved = write(objectives.set_objective_value, access=access, action="objective.value",
                  target=f"objective:{key}", objective=key, year=values["year"],
                  value=values.get("value"), by=actor_email(access))
    return _read_objective(saved, objective_sources(access, item, today))


def delete_objective(*, access: Access, key: str) -> None:
    current = _read(objectives.get_objective, access, key=key)
    if current is None:
        raise NotFound(_("No objective with key %(key)r.", key=key))
    _writable(access, current["alliance"])
    write(objectives.delete_objective, access=access, action="objective.delete",
          target=f"objective:{key}", deleted=True, key=key)


# ---- budget ------------------------------------------------------------------------------

def list_budget(*, access: Access, alliance: str, today: date | None = None) -> dict:
    """The alliance's budget lines and, for the sustainability benchmark, the share of next
    school year's planned budget that is secured."""
    _alliance(access, alliance)
    lines = _read(budget.list_budget_lines, access, alliance=alliance)
    share = sustainability_share(lines=lines, year=school_year_of(_today(today)) + 1)
    return {"lines": lines, "next_year": {"year": share.year, "planned": share.planned,
                                          "secured": share.secured, "share": share.share,
                                          "reason": share.reason}}


def get_budget_line(*, access: Access, key: str) -> dict:
    found = _read(budget.get_budget_line, access, key=key)
    if found is None:
        raise NotFound(_("No budget line with key %(key)r.", key=key))
    _alliance(access, found["alliance"])
    return found


def _budget_props(values: dict) -> dict:
    values.setdefault("secured", 0.0)
    values.setdefault("spent", 0.0)
    values.setdefault("overspend", False)
    return values


def create_budget_line(*, access: Access, alliance: str, data: Mapping[str, Any]) -> dict:
    _writable(access, alliance)
    values = _budget_props(validate(data, BUDGET_FIELDS))
    key = new_key(given=values.pop("key", None),
                  hint=f"{alliance}-{values['year']}-{values['source']}", prefix="budget")
    return write(budget.upsert_budget_line, access=access, action="budget_line.create",
                 target=f"budget_line:{key}", alliance=alliance, key=key, props=values)


def update_budget_line(*, access: Access, key: str, data: Mapping[str, Any]) -> dict:
    current = _read(budget.get_budget_line, access, key=key)
    if current is None:
        raise NotFound(_("No budget line with key %(key)r.", key=key))
    _writable(access, current["alliance"])
    changes = validate(data, BUDGET_FIELDS, partial=True)
    merged = {name: current.get(name) for name in budget.BUDGET_FIELDS}
    merged.update(changes)
    return write(budget.upsert_budget_line, access=access, action="budget_line.update",
                 target=f"budget_line:{key}", alliance=current["alliance"], key=key,
                 props=_budget_props({k: v for k, v in merged.items() if v is not None}))


def delete_budget_line(*, access: Access, key: str) -> None:
    current = _read(budget.get_budget_line, access, key=key)
    if current is None:
        raise NotFound(_("No budget line with key %(key)r.", key=key))
    _writable(access, current["alliance"])
    write(budget.delete_budget_line, access=access, action="budget_line.delete",
          target=f"budget_line:{key}", deleted=True, key=key)


# ---- timeframes and phases ---------------------------------------------------------------

def timeframes(*, access: Access, alliance: str, today: date | None = None) -> dict:
    """The programme phase of the alliance this school year (phase lengths are programme
    settings) and, per core component, the years in its accepted stage against the
    framework's typical durations."""
    item = _alliance(access, alliance)
    year = school_year_of(_today(today))
    lengths = access.tenant.phase_lengths
    # the alliance's start year is its first training year; year zero comes before it
    year_zero = item["start_year"] - lengths["advice_years"]
    phase = programme_phase(year_zero=year_zero, year=year, **lengths)
    histories = stage_histories(assessed=_stage_rows(access, alliance))
    stages = {}
    for component in Component:
        reading = time_in_stage(history=histories.get(component.value, {}), year=year)
        stages[component.value] = None if reading is None else {
            "stage": reading.stage.value, "since": reading.since, "years": reading.years,
            "typical_max": reading.typical_max, "overstay": reading.overstay}
    return {"year": year, "lengths": lengths, "phase": {
        "phase": phase.phase.value, "programme_year": phase.programme_year,
        "year_in_phase": phase.year_in_phase, "phase_years": phase.phase_years,
        "last_accompaniment_year": phase.last_accompaniment_year,
        "past_accompaniment": phase.past_accompaniment}, "stages": stages}


def hand_overs(*, access: Access, alliances: list[dict],
               today: date | None = None) -> list[dict]:
    """Active alliances in their last accompaniment year or past it (the coordinator plans
    the hand-over), with the phase they are in."""
    access.require("plan.view")
    year, lengths = school_year_of(_today(today)), access.tenant.phase_lengths
    out = []
    for a in alliances:
        if a.get("status") != "active" or not isinstance(a.get("start_year"), int):
            continue
        phase = programme_phase(year_zero=a["start_year"] - lengths["advice_years"],
                                year=year, **lengths)
        if phase.last_accompaniment_year or phase.past_accompaniment:
            out.append({**a, "last_accompaniment_year": phase.last_accompaniment_year,
                        "past_accompaniment": phase.past_accompaniment})
    return out


# ---- self-assessments --------------------------------------------------------------------

RUBRIC = {component.value: component_items(component=component) for component in Component}


def list_self_assessments(*, access: Access, alliance: str) -> list[dict]:
    _alliance(access, alliance)
    return _read(self_assessments.list_self_assessments, access, alliance=alliance)


def _suggestions(item: dict) -> dict[str, dict]:
    ratings = {r["item"]: r["rating"] for r in item.get("ratings") or []}
    suggested = suggest_stages(ratings=ratings, benchmarks=item.get("benchmarks") or [])
    return {component: {"stage": s.stage.value, "cells": [
        {"stage": cell.stage.value, "items": cell.items, "in_place": cell.in_place,
         "partly": cell.partly, "not_yet": cell.not_yet, "reached": cell.reached,
         "benchmarks_met": cell.benchmarks_met} for cell in s.cells]}
        for component, s in suggested.items()}


def get_self_assessment(*, access: Access, key: str) -> dict:
    """One revision with its ratings and the stage Imant suggests per component."""
    found = _read(self_assessments.get_self_assessment, access, key=key)
    if found is None:
        raise NotFound(_("No self-assessment with key %(key)r.", key=key))
    alliance = _alliance(access, found["alliance"])
    return {**found, "school": alliance["school"], "suggested": _suggestions(found)}


def start_self_assessment(*, access: Access, alliance: str, data: Mapping[str, Any],
                          today: date | None = None) -> dict:
    """Open a draft for a school year (the next revision when one exists); the year lies from
    the alliance's planning year to its end, and not in the future."""
    item = network.get_alliance(access=access, key=alliance)
    policy.require_self_assesses(access, item)
    year = validate(data, SELF_ASSESSMENT_START_FIELDS)["year"]
    refuse(check_assessment_year(year=year, alliance=item, today=_today(today)))
    return write(self_assessments.start_self_assessment, access=access,
                 action="self_assessment.start", target=f"self_assessment:{alliance}:{year}",
                 alliance=alliance, year=year, by=actor_email(access), at=_now())


def _component_of(item: Any) -> str | None:
    found = get_item(item) if isinstance(item, str) else None
    return None if found is None else found.component.value


def _own(access: Access, key: str) -> dict:
    found = _read(self_assessments.get_self_assessment, access, key=key)
    if found is None:
        raise NotFound(_("No self-assessment with key %(key)r.", key=key))
    return network.get_alliance(access=access, key=found["alliance"])


def save_self_assessment(*, access: Access, key: str, data: Mapping[str, Any]) -> dict:
    """Rate rubric items on a draft: {ratings: [{item, rating, evidence, link}],
    benchmarks: [keys met]}; an item's component is read from the rubric."""
    policy.require_self_assesses(access, _own(access, key))
    data = _object(data, {"ratings", "benchmarks"})
    ratings = _list_of_objects("ratings", data.get("ratings"))
    benchmarks = data.get("benchmarks")
    if benchmarks is not None and not (isinstance(benchmarks, list)
                                       and all(isinstance(b, str) for b in benchmarks)):
        raise_invalid([error("benchmarks", benchmarks, _("must be a list of benchmark keys"))])
    ratings = [{**r, "component": r.get("component") or _component_of(r.get("item"))}
               for r in ratings]
    if benchmarks is not None and not isinstance(benchmarks, list):
        raise_invalid([error("benchmarks", benchmarks, _("must be a list of benchmark keys"))])
    return write(self_assessments.save_draft, access=access, action="self_assessment.save",
                 target=f"self_assessment:{key}", key=key, ratings=ratings,
                 benchmarks=benchmarks)


def submit_self_assessment(*, access: Access, key: str) -> dict:
    policy.require_self_assesses(access, _own(access, key))
    return write(self_assessments.submit_self_assessment, access=access,
                 action="self_assessment.submit", target=f"self_assessment:{key}", key=key,
                 by=actor_email(access), at=_now())


def return_self_assessment(*, access: Access, key: str, data: Mapping[str, Any]) -> dict:
    policy.require_reviews(access)
    _own(access, key)
    comment = validate(data, RETURN_FIELDS)["comment"]
    return write(self_assessments.return_self_assessment, access=access,
                 action="self_assessment.return", target=f"self_assessment:{key}", key=key,
                 by=actor_email(access), at=_now(), comment=comment)


def accept_self_assessment(*, access: Access, key: str, data: Mapping[str, Any]) -> dict:
    """Accept with a stage per component: {stages: {component: stage}, comment}; a
    component left out takes the stage Imant suggests. The year's stages are set from it."""
    policy.require_reviews(access)
    _own(access, key)
    data = _object(data, {"stages", "comment"})
    given = data.get("stages") or {}
    if not isinstance(given, Mapping):
        raise_invalid([error("stages", given, _("must be an object: component → stage"))])
    found = _read(self_assessments.get_self_assessment, access, key=key)
    suggested = _suggestions(found)
    stages = {component: given.get(component) or suggested[component]["stage"]
              for component in suggested}
    stages.update({k: v for k, v in given.items() if k not in stages})
    comment = data.get("comment")
    return write(self_assessments.accept_self_assessment, access=access,
                 action="self_assessment.accept", target=f"self_assessment:{key}", key=key,
                 by=actor_email(access), at=_now(), stages=stages,
                 comment=comment.strip() if isinstance(comment, str) and comment.strip()
                 else None)


def awaiting_review(*, access: Access) -> list[dict]:
    """Submitted self-assessments across the programme, oldest first (the review queue)."""
    policy.require_reviews(access)
    found = _read(self_assessments.list_self_assessments, access)
    return sorted((row for row in found if row["status"] == "submitted"),
                  key=lambda row: row.get("submitted_at") or "")


BENCHMARK_STAGES = {key: stage.value for stage, keys in BENCHMARKS.items() for key in keys}
STAGES = [stage.value for stage in Stage]
