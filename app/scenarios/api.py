"""The what-if JSON API under /api/v1/tenants/<slug>/scenarios: thin routes over
app.scenarios.service.

List the markets with applications, list and create scenarios, read one (its last run and
its results as disclosure control publishes them), queue a run, compare several of one
market, export one as CSV, delete one. Invalid input is 422 naming the field, another
municipality's scenario 404, a role that may not 403.
"""
from __future__ import annotations

from flask import Blueprint, Response, jsonify, request, send_file

from app.api.openapi import schema
from app.network.api import body, documented_routes
from app.scenarios import service, validate
from app.tenancy import current_access

bp = Blueprint("scenarios", __name__)  # registered under the API blueprint by app.api

ID = {"name": "scenario_id", "in": "path", "required": True, "schema": {"type": "integer"}}
PAIRS = {"type": "array", "items": {"type": "array", "items": {"type": "string"},
                                    "minItems": 2, "maxItems": 2},
         "description": "[school key, zone key] pairs"}
SCENARIO = schema("ScenarioCreate", {
    "type": "object", "required": ["name", "municipality", "year", "level"],
    "additionalProperties": False, "properties": {
        "name": {"type": "string"}, "description": {"type": "string", "nullable": True},
        "municipality": {"type": "string", "description": "The municipality's key"},
        "year": {"type": "integer", "description": "Entry year (school year's first year)"},
        "level": {"type": "string", "enum": ["primary", "secondary"],
                  "description": "primary: P3; secondary: first of ESO"},
        "mechanism": {"type": "string", "enum": ["boston", "deferred_acceptance"]},
        "draws": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 100},
        "seed": {"type": "integer", "minimum": 0, "default": 0},
        "reserve": {"type": "object", "properties": {
            "group": {"type": "string", "enum": ["nese", "disadvantaged"]},
            "places": {"type": "integer", "minimum": 1, "maximum": 30},
            "schools": {"type": "array", "items": {"type": "string"},
                        "description": "School keys; none: every school"}}},
        "zones_add": PAIRS, "zones_remove": PAIRS,
        "places": {"type": "object", "additionalProperties": {"type": "integer"},
                   "description": "School key → change of places (negative: fewer)"}}})


route = documented_routes(bp, tag="scenarios",
                          path_params={"<int:scenario_id>": ("{scenario_id}", ID)})


S = "/tenants/<slug>/scenarios"


@route(f"{S}/markets", "GET", "scenario.view",
       "Municipalities the caller may simulate, with the years and levels that have "
       "applications")
def list_scenario_markets(slug: str):
    return jsonify(service.list_markets(access=current_access()))


@route(S, "GET", "scenario.view", "Scenarios, newest first (a municipality user's own)")
def list_scenarios(slug: str):
    return jsonify(service.list_scenarios(access=current_access(),
                                          municipality=request.args.get("municipality")))


@route(S, "POST", "scenario.edit", "Save a scenario (run it with POST …/runs)",
       body_schema=SCENARIO, status="201")
def create_scenario(slug: str):
    return jsonify(service.create_scenario(access=current_access(), data=body())), 201


@route(f"{S}/compare", "GET", "scenario.view",
       "Scenarios of one market side by side with the baseline and its calibration",
       query=[{"name": "ids", "in": "query", "required": True, "explode": True,
               "schema": {"type": "array", "items": {"type": "integer"}}}])
def compare_scenarios(slug: str):
    ids = validate.scenario_ids(request.args.getlist("ids"))
    return jsonify(service.compare(access=current_access(), ids=ids))


@route(f"{S}/<int:scenario_id>", "GET", "scenario.view",
       "A scenario, its last run and its published results")
def get_scenario(slug: str, scenario_id: int):
    return jsonify(service.get_scenario(access=current_access(), scenario_id=scenario_id))


@route(f"{S}/<int:scenario_id>/runs", "POST", "scenario.edit",
       "Queue the scenario's run for the worker (the active one if queued already)",
       status="202")
def run_scenario(slug: str, scenario_id: int):
    return jsonify(service.run_scenario(access=current_access(), scenario_id=scenario_id)), 202


@route(f"{S}/<int:scenario_id>/csv", "GET", "scenario.view",
       "The scenario's published results as CSV (409 before its first run)")
def scenario_csv(slug: str, scenario_id: int):
    text, name = service.csv_export(access=current_access(), scenario_id=scenario_id)
    return Response(text, mimetype="text/csv",
                    headers={"Content-Disposition": f"attachment; filename={name}"})


@route(f"{S}/<int:scenario_id>/pdf", "GET", "scenario.view",
       "The one-page PDF of the scenario's last run (404 before its first run)")
def scenario_pdf(slug: str, scenario_id: int):
    path, name = service.pdf_file(access=current_access(), scenario_id=scenario_id)
    return send_file(path, mimetype="application/pdf", download_name=name, max_age=0)


@route(f"{S}/<int:scenario_id>", "DELETE", "scenario.edit", "Delete a scenario",
       status="204")
def delete_scenario(slug: str, scenario_id: int):
    service.delete_scenario(access=current_access(), scenario_id=scenario_id)
    return "", 204
