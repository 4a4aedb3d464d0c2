"""The planning JSON API under /api/v1/tenants/<slug>/: thin routes over app.planning.service.

Per alliance: its logic model (GET, POST a revision, POST a coordinator's comment), 7-year
plans (list, start; GET one with its views, POST a revision), objectives with their yearly
readings (list, create; GET, PATCH, DELETE one; POST a manual value), budget lines with the
sustainability share, timeframes and phases, and rubric self-assessments (start, save the
draft, submit, return, accept; the coordinator's review queue). Invalid input is 422 with
field errors, a stale revision or an open assessment 409, a role or scope that may not 403.
"""
from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, request

from app.api.openapi import schema
from app.network.api import ANY_OBJECT, KEY_PARAM, body, documented_routes, path_key
from app.network.parsers import Integer, parse_args, request_schema
from app.planning import schemas, service
from app.tenancy import current_access

bp = Blueprint("planning", __name__)  # registered under the API blueprint by app.api

OBJECT = schema("PlanningItem", {**ANY_OBJECT, "description": "As the service returns it"})
LIST = {"type": "array", "items": OBJECT}
REVISION = {"name": "revision", "in": "query", "schema": {"type": "integer", "minimum": 1}}
OBJECTIVE = schema("ObjectiveCreate", request_schema(schemas.OBJECTIVE_FIELDS))
OBJECTIVE_UPDATE = schema("ObjectiveUpdate",
                          request_schema(schemas.OBJECTIVE_FIELDS, partial=True))
BUDGET = schema("BudgetLineCreate", request_schema(schemas.BUDGET_FIELDS))
BUDGET_UPDATE = schema("BudgetLineUpdate", request_schema(schemas.BUDGET_FIELDS, partial=True))
LOGIC_MODEL = schema("LogicModelRevision", {
    "type": "object", "additionalProperties": False, "required": ["problem"], "properties": {
        "base_revision": {"type": "integer", "description": "The revision edited (0: none)"},
        "problem": {"type": "string"},
        "parts": {"type": "object", "description": "inputs, activities, outputs, "
                  "short_outcomes, medium_outcomes, long_outcomes: lists of texts",
                  "additionalProperties": {"type": "array", "items": {"type": "string"}}},
        "links": {"type": "array", "items": {"type": "object", "properties": {
            "part": {"type": "string"}, "position": {"type": "integer"},
            "objective": {"type": "string"}}}},
        "note": {"type": "string", "nullable": True}}})
PLAN_REVISION = schema("PlanRevision", {
    "type": "object", "additionalProperties": False, "properties": {
        "base_revision": {"type": "integer"}, "note": {"type": "string", "nullable": True},
        "actions": {"type": "array", "items": {**ANY_OBJECT, "description": "action, title, "
                    "component, elements, stage, first_year, last_year, owner, status, "
                    "drop_reason, budget_planned, budget_spent, objectives"}}}})
DRAFT = schema("SelfAssessmentDraft", {
    "type": "object", "additionalProperties": False, "properties": {
        "ratings": {"type": "array", "items": {"type": "object", "properties": {
            "item": {"type": "string"}, "rating": {"type": "string",
                                                   "enum": ["not_yet", "partly", "in_place"]},
            "evidence": {"type": "string", "nullable": True},
            "link": {"type": "string", "nullable": True}}}},
        "benchmarks": {"type": "array", "items": {"type": "string"}}}})
ACCEPT = schema("SelfAssessmentAccept", {
    "type": "object", "additionalProperties": False, "properties": {
        "stages": {"type": "object", "additionalProperties": {"type": "string"},
                   "description": "Component → stage; left out: the suggested stage"},
        "comment": {"type": "string", "nullable": True}}})


route = documented_routes(bp, tag="planning", path_params={"<key>": ("{key}", KEY_PARAM)})


def _revision() -> int | None:
    return parse_args(request.args, {"revision": Integer(1, 100_000)},
                      what="query").get("revision")


def _created(payload: Any):
    return jsonify(payload), 201


A = "/tenants/<slug>/alliances/<key>"


@route(f"{A}/logic-model", "GET", "plan.view", "The alliance's logic model and its history",
       query=[REVISION])
def get_logic_model(slug: str, key: str):
    return jsonify(service.get_logic_model(access=current_access(), alliance=path_key(key),
                                           revision=_revision()))


@route(f"{A}/logic-model", "POST", "plan.edit", "Save the logic model's next revision",
       body_schema=LOGIC_MODEL, status="201")
def save_logic_model(slug: str, key: str):
    return _created(service.save_logic_model(access=current_access(), alliance=path_key(key),
                                             data=body()))


@route(f"{A}/logic-model/comments", "POST", "plan.review",
       "Comment on a revision (coordinators)", status="201",
       body_schema=schema("LogicModelComment",
                          request_schema(schemas.LOGIC_MODEL_COMMENT_FIELDS)))
def comment_logic_model(slug: str, key: str):
    return _created(service.comment_logic_model(access=current_access(),
                                                alliance=path_key(key), data=body()))


@route(f"{A}/plans", "GET", "plan.view", "The alliance's 7-year plans")
def list_plans(slug: str, key: str):
    return jsonify(service.list_plans(access=current_access(), alliance=path_key(key)))


@route(f"{A}/plans", "POST", "plan.edit", "Start a 7-year plan", status="201",
       body_schema=schema("PlanStart", request_schema(schemas.NEW_PLAN_FIELDS)))
def start_plan(slug: str, key: str):
    return _created(service.start_plan(access=current_access(), alliance=path_key(key),
                                       data=body(optional=True)))


@route("/tenants/<slug>/plans/<key>", "GET", "plan.view",
       "A plan revision with its views: by year and component, by element, overdue actions, "
       "changes since the last annual report", query=[REVISION])
def get_plan(slug: str, key: str):
    return jsonify(service.get_plan(access=current_access(), plan=path_key(key),
                                    revision=_revision()))


@route("/tenants/<slug>/plans/<key>/revisions", "POST", "plan.edit",
       "Save the plan's next revision with all its actions", body_schema=PLAN_REVISION,
       status="201")
def save_plan(slug: str, key: str):
    return _created(service.save_plan(access=current_access(), plan=path_key(key),
                                      data=body()))


@route(f"{A}/objectives", "GET", "plan.view",
       "The alliance's objectives with yearly readings and current status")
def list_objectives(slug: str, key: str):
    return jsonify(service.list_objectives(access=current_access(), alliance=path_key(key)))


@route(f"{A}/objectives", "POST", "plan.edit", "Add an objective", body_schema=OBJECTIVE,
       status="201")
def create_objective(slug: str, key: str):
    return _created(service.create_objective(access=current_access(), alliance=path_key(key),
                                             data=body()))


@route("/tenants/<slug>/objectives/<key>", "GET", "plan.view", "One objective")
def get_objective(slug: str, key: str):
    return jsonify(service.get_objective(access=current_access(), key=path_key(key)))


@route("/tenants/<slug>/objectives/<key>", "PATCH", "plan.edit", "Change an objective",
       body_schema=OBJECTIVE_UPDATE)
def update_objective(slug: str, key: str):
    return jsonify(service.update_objective(access=current_access(), key=path_key(key),
                                            data=body()))


@route("/tenants/<slug>/objectives/<key>", "DELETE", "plan.edit",
       "Delete an objective no outcome or action points to", status="204")
def delete_objective(slug: str, key: str):
    service.delete_objective(access=current_access(), key=path_key(key))
    return "", 204


@route("/tenants/<slug>/objectives/<key>/values", "POST", "plan.edit",
       "Type in (or clear) a manual objective's value for a school year",
       body_schema=schema("ObjectiveValue", request_schema(schemas.OBJECTIVE_VALUE_FIELDS)))
def set_objective_value(slug: str, key: str):
    return jsonify(service.set_objective_value(access=current_access(), key=path_key(key),
                                               data=body()))


@route(f"{A}/budget", "GET", "plan.view",
       "Budget lines and the share of next year's budget secured")
def list_budget(slug: str, key: str):
    return jsonify(service.list_budget(access=current_access(), alliance=path_key(key)))


@route(f"{A}/budget-lines", "POST", "plan.edit", "Add a budget line", body_schema=BUDGET,
       status="201")
def create_budget_line(slug: str, key: str):
    return _created(service.create_budget_line(access=current_access(),
                                               alliance=path_key(key), data=body()))


@route("/tenants/<slug>/budget-lines/<key>", "GET", "plan.view", "One budget line")
def get_budget_line(slug: str, key: str):
    return jsonify(service.get_budget_line(access=current_access(), key=path_key(key)))


@route("/tenants/<slug>/budget-lines/<key>", "PATCH", "plan.edit", "Change a budget line",
       body_schema=BUDGET_UPDATE)
def update_budget_line(slug: str, key: str):
    return jsonify(service.update_budget_line(access=current_access(), key=path_key(key),
                                              data=body()))


@route("/tenants/<slug>/budget-lines/<key>", "DELETE", "plan.edit", "Delete a budget line",
       status="204")
def delete_budget_line(slug: str, key: str):
    service.delete_budget_line(access=current_access(), key=path_key(key))
    return "", 204


@route(f"{A}/timeframes", "GET", "plan.view",
       "Programme phase and time in stage per core component")
def timeframes(slug: str, key: str):
    return jsonify(service.timeframes(access=current_access(), alliance=path_key(key)))


@route(f"{A}/self-assessments", "GET", "plan.view", "Every self-assessment revision")
def list_self_assessments(slug: str, key: str):
    return jsonify(service.list_self_assessments(access=current_access(),
                                                 alliance=path_key(key)))


@route(f"{A}/self-assessments", "POST", "assessment.edit",
       "Start a self-assessment for a school year (the next revision if one exists)",
       status="201", body_schema=schema("SelfAssessmentStart", request_schema(
           schemas.SELF_ASSESSMENT_START_FIELDS)))
def start_self_assessment(slug: str, key: str):
    return _created(service.start_self_assessment(access=current_access(),
                                                  alliance=path_key(key), data=body()))


@route("/tenants/<slug>/review-queue", "GET", "plan.review",
       "Submitted self-assessments, oldest first (coordinators)")
def awaiting_review(slug: str):
    return jsonify(service.awaiting_review(access=current_access()))


@route("/tenants/<slug>/self-assessments/<key>", "GET", "plan.view",
       "One self-assessment with its ratings and the suggested stage per component")
def get_self_assessment(slug: str, key: str):
    return jsonify(service.get_self_assessment(access=current_access(), key=path_key(key)))


@route("/tenants/<slug>/self-assessments/<key>", "PATCH", "assessment.edit",
       "Rate rubric items and mark benchmarks on a draft", body_schema=DRAFT)
def save_self_assessment(slug: str, key: str):
    return jsonify(service.save_self_assessment(access=current_access(), key=path_key(key),
                                                data=body()))


@route("/tenants/<slug>/self-assessments/<key>/submit", "POST", "assessment.edit",
       "Submit a draft to the coordinator")
def submit_self_assessment(slug: str, key: str):
    return jsonify(service.submit_self_assessment(access=current_access(), key=path_key(key)))


@route("/tenants/<slug>/self-assessments/<key>/return", "POST", "plan.review",
       "Return a submitted assessment with a comment (coordinators)",
       body_schema=schema("SelfAssessmentReturn", request_schema(schemas.RETURN_FIELDS)))
def return_self_assessment(slug: str, key: str):
    return jsonify(service.return_self_assessment(access=current_access(), key=path_key(key),
                                                  data=body()))


@route("/tenants/<slug>/self-assessments/<key>/accept", "POST", "plan.review",
       "Accept a submitted assessment: it sets the year's stage per component",
       body_schema=ACCEPT)
def accept_self_assessment(slug: str, key: str):
    return jsonify(service.accept_self_assessment(access=current_access(), key=path_key(key),
                                                  data=body(optional=True)))
