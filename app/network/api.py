"""The network's JSON API under /api/v1/tenants/<slug>/: thin routes over app.network.service.

Each resource has GET list (filters, ?page=&per_page=), GET one, POST, PATCH and DELETE;
alliances and measures can be ended; contributions export as CSV. Malformed JSON is
400, invalid input 422 with field errors, duplicates and dependants 409, unknown keys 404,
a role or scope that may not 403.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, Response, jsonify, request, url_for

from app.api.openapi import SLUG, documented, json_body
from app.network import api_schemas as docs
from app.network import schemas, service
from app.network.parsers import Boolean, Parser
from app.tenancy import current_access, tenant_route
from graph.errors import NotFound

bp = Blueprint("network", __name__)  # registered under the API blueprint by app.api

PATH_KEY_RE = re.compile(r"^[a-z0-9][a-z0-9._:-]{0,199}$")
KEY_PARAM = {"name": "key", "in": "path", "required": True, "schema": {"type": "string"}}
ERROR = {"$ref": "#/components/schemas/Error"}


def _error(description: str) -> dict[str, Any]:
    return json_body(ERROR, description)


BODY_ERRORS = {"400": _error("Malformed JSON"), "409": _error("Conflict"),
               "422": _error("Invalid input, with field errors")}
ANY_OBJECT = {"type": "object", "additionalProperties": True}


def documented_routes(blueprint: Blueprint, *, tag: str,
                      path_params: dict[str, tuple[str, dict[str, Any]]]) -> Callable:
    """The `route(rule, method, permission, summary, …)` decorator of a feature's API:
    each view is documented under `tag` and registered on `blueprint` behind `permission`.
    `path_params` maps a rule's placeholder (`<key>`) to its OpenAPI name and parameter."""
    def route(rule: str, method: str, permission: str, summary: str, *,
              body_schema: dict | None = None, query: list | None = None,
              status: str = "200") -> Callable:
        def decorator(view: Callable) -> Callable:
            doc_path, params = rule.replace("<slug>", "{slug}"), [SLUG]
            for placeholder, (name, param) in path_params.items():
                if placeholder in rule:
                    doc_path = doc_path.replace(placeholder, name)
                    params.append(param)
            responses: dict[str, Any] = {status: json_body(ANY_OBJECT) if status != "204"
                                         else {"description": "Deleted"}}
            if body_schema is not None:
                responses.update(BODY_ERRORS)
            documented(doc_path, method.lower(), summary=summary,
                       parameters=[*params, *(query or [])], body=body_schema,
                       responses=responses, tag=tag)(view)
            blueprint.add_url_rule(rule, endpoint=view.__name__, methods=[method],
                                   view_func=tenant_route(permission)(view))
            return view
        return decorator
    return route


@dataclass(frozen=True)
class Resource:
    """One collection of the API and the services behind it."""

    plural: str
    name: str
    item: dict
    fields: tuple
    view: str
    edit: str
    list_fn: Callable[..., service.Page]
    get_fn: Callable[..., dict]
    create_fn: Callable[..., Any]
    update_fn: Callable[..., dict]
    delete_fn: Callable[..., None]
    update_permission: str | None = None
    upsert: bool = False


def path_key(key: str) -> str:
    """Keys that cannot exist are simply not found."""
    if not PATH_KEY_RE.match(key):
        raise NotFound(f"No item with key {key[:80]!r}.")
    return key


def body(*, optional: bool = False) -> Any:
    """The JSON body (malformed JSON is a 400); an empty optional body is {}."""
    if optional and not request.get_data():
        return {}
    return request.get_json()


def query_parameters(plural: str) -> list[dict[str, Any]]:
    params: list[dict[str, Any]] = [
        {"name": "page", "in": "query", "schema": dict(schemas.PAGE.schema)},
        {"name": "per_page", "in": "query", "schema": dict(schemas.PER_PAGE.schema)},
    ]
    filters: dict[str, Parser] = dict(schemas.FILTERS[plural])
    if plural in schemas.ARCHIVABLE:
        filters["archived"] = Boolean()
    for name, parser in filters.items():
        params.append({"name": name, "in": "query", "schema": dict(parser.schema)})
    return params


def list_arguments(plural: str) -> dict[str, Any]:
    return schemas.list_arguments(request.args, plural)


def created(payload: dict, endpoint: str, slug: str, *, key: str | None = None) -> Response:
    """201 with `payload`, its Location the `endpoint` of `key` (default: the payload's)."""
    response = jsonify(payload)
    response.status_code = 201
    response.headers["Location"] = url_for(endpoint, slug=slug, key=key or payload["key"])
    return response


def _named(fn: Callable, name: str) -> Callable:
    fn.__name__ = fn.__qualname__ = name
    return fn


def _views(r: Resource) -> dict[str, Callable]:
    """The five view functions of a resource, by operation."""
    def list_view(slug: str):
        return jsonify(r.list_fn(access=current_access(), **list_arguments(r.plural)).to_dict())

    def get_view(slug: str, key: str):
        return jsonify(r.get_fn(access=current_access(), key=path_key(key)))

    def create_view(slug: str):
        result = r.create_fn(access=current_access(), data=body())
        if isinstance(result, tuple):  # an upsert: (item, created)
            item, was_created = result
            if not was_created:
                return jsonify(item)
            result = item
        return created(result, f"api.network.get_{r.plural}", slug)

    def update_view(slug: str, key: str):
        return jsonify(r.update_fn(access=current_access(), key=path_key(key), data=body()))

    def delete_view(slug: str, key: str):
        r.delete_fn(access=current_access(), key=path_key(key))
        return "", 204

    return {"list": list_view, "get": get_view, "create": create_view,
            "update": update_view, "delete": delete_view}


def _operations(r: Resource) -> list[tuple[str, str, str, str, dict[str, Any]]]:
    """(operation, HTTP method, permission, OpenAPI method, documentation) per route."""
    create_body, update_body = docs.bodies(r.name, r.fields)
    page = docs.page_of(r.name, r.item, docs.PAGE_EXTRAS.get(r.plural))
    upsert = " (or replace the one of that alliance, year and component)" if r.upsert else ""
    name = r.name.lower()
    return [
        ("list", "GET", r.view, {
            "summary": f"List {r.plural}", "parameters": [SLUG, *query_parameters(r.plural)],
            "responses": {"200": json_body(page), "422": _error("Invalid query")}}),
        ("create", "POST", r.edit, {
            "summary": f"Create a {name}{upsert}", "parameters": [SLUG], "body": create_body,
            "responses": {"201": json_body(r.item, "Created"), **BODY_ERRORS,
                          **({"200": json_body(r.item, "Replaced")} if r.upsert else {})}}),
        ("get", "GET", r.view, {
            "summary": f"One {name}", "parameters": [SLUG, KEY_PARAM],
            "responses": {"200": json_body(r.item)}}),
        ("update", "PATCH", r.update_permission or r.edit, {
            "summary": f"Change a {name}", "parameters": [SLUG, KEY_PARAM],
            "body": update_body, "responses": {"200": json_body(r.item), **BODY_ERRORS}}),
        ("delete", "DELETE", r.edit, {
            "summary": f"Delete a {name} nothing depends on", "parameters": [SLUG, KEY_PARAM],
            "responses": {"204": {"description": "Deleted"},
                          "409": _error("Others depend on it (named in the message)")}}),
    ]


def register(r: Resource) -> None:
    """Add the five routes of a resource to the API blueprint, documented."""
    views = _views(r)
    for operation, method, permission, doc in _operations(r):
        keyed = operation in ("get", "update", "delete")
        rule = f"/tenants/<slug>/{r.plural}" + ("/<key>" if keyed else "")
        doc_path = f"/tenants/{{slug}}/{r.plural}" + ("/{key}" if keyed else "")
        name = f"{operation}_{r.plural}"
        view = documented(doc_path, method.lower(), tag=r.plural, **doc)(
            _named(views[operation], name))
        bp.add_url_rule(rule, endpoint=name, view_func=tenant_route(permission)(view),
                        methods=[method])


RESOURCES = (
    Resource("municipalities", "Municipality", docs.MUNICIPALITY,
             schemas.MUNICIPALITY_FIELDS, "network.view", "network.edit",
             service.list_municipalities, service.get_municipality,
             service.create_municipality, service.update_municipality,
             service.delete_municipality),
    Resource("zones", "Zone", docs.ZONE, schemas.ZONE_FIELDS, "network.view", "network.edit",
             service.list_zones, service.get_zone, service.create_zone, service.update_zone,
             service.delete_zone),
    Resource("schools", "School", docs.SCHOOL, schemas.SCHOOL_FIELDS, "network.view",
             "network.edit", service.list_schools, service.get_school,
             service.create_school, service.update_school, service.delete_school,
             update_permission="network.view"),
    Resource("partners", "Partner", docs.PARTNER, schemas.PARTNER_FIELDS, "network.view",
             "network.edit", service.list_partners, service.get_partner,
             service.create_partner, service.update_partner, service.delete_partner),
    Resource("alliances", "Alliance", docs.ALLIANCE, schemas.ALLIANCE_FIELDS, "network.view",
             "network.edit", service.list_alliances, service.get_alliance,
             service.create_alliance, service.update_alliance, service.delete_alliance),
    Resource("contributions", "Contribution", docs.CONTRIBUTION, schemas.CONTRIBUTION_FIELDS,
             "contribution.view", "contribution.log", service.list_contributions,
             service.get_contribution, service.create_contribution,
             service.update_contribution, service.delete_contribution),
    Resource("measures", "Measure", docs.MEASURE, schemas.MEASURE_FIELDS, "measure.view",
             "measure.edit", service.list_measures, service.get_measure,
             service.create_measure, service.update_measure, service.delete_measure),
    Resource("assessments", "StageAssessment", docs.ASSESSMENT, schemas.ASSESSMENT_FIELDS,
             "assessment.view", "assessment.edit", service.list_assessments,
             service.get_assessment, service.upsert_assessment, service.update_assessment,
             service.delete_assessment, upsert=True),
)


@bp.route("/tenants/<slug>/alliances/<key>/end", methods=["POST"])
@tenant_route("network.edit")
@documented("/tenants/{slug}/alliances/{key}/end", "post", tag="alliances",
            summary="End an active alliance (status ended, end year)",
            parameters=[SLUG, KEY_PARAM], body=docs.ALLIANCE_END,
            responses={"200": json_body(docs.ALLIANCE), **BODY_ERRORS})
def end_alliance(slug: str, key: str):
    return jsonify(service.end_alliance(access=current_access(), key=path_key(key),
                                        data=body(optional=True)))


@bp.route("/tenants/<slug>/alliances/<key>/change-partner", methods=["POST"])
@tenant_route("network.edit")
@documented("/tenants/{slug}/alliances/{key}/change-partner", "post", tag="alliances",
            summary="End this alliance and start a new one for the school with another partner",
            parameters=[SLUG, KEY_PARAM], body=docs.CHANGE_PARTNER,
            responses={"201": json_body(docs.PARTNER_CHANGED, "Created"), **BODY_ERRORS})
def change_alliance_partner(slug: str, key: str):
    result = service.change_partner(access=current_access(), key=path_key(key), data=body())
    return created(result, "api.network.get_alliances", slug, key=result["started"]["key"])


@bp.route("/tenants/<slug>/measures/<key>/end", methods=["POST"])
@tenant_route("measure.edit")
@documented("/tenants/{slug}/measures/{key}/end", "post", tag="measures",
            summary="End a measure (default: today)", parameters=[SLUG, KEY_PARAM],
            body=docs.MEASURE_END, responses={"200": json_body(docs.MEASURE), **BODY_ERRORS})
def end_measure(slug: str, key: str):
    return jsonify(service.end_measure(access=current_access(), key=path_key(key),
                                       data=body(optional=True)))


@bp.route("/tenants/<slug>/contributions.csv")
@tenant_route("contribution.view")
@documented("/tenants/{slug}/contributions.csv", "get", tag="contributions",
            summary="Contributions as CSV (export right; partners their own)",
            parameters=[SLUG, *[p for p in query_parameters("contributions")
                                if p["name"] not in ("page", "per_page")]],
            responses={"200": {"description": "CSV, one row per contribution",
                               "content": {"text/csv": {"schema": {"type": "string"}}}},
                       "422": _error("Invalid query")})
def export_contributions(slug: str):
    args = list_arguments("contributions")
    args.pop("page"), args.pop("per_page")
    text = service.export_contributions_csv(access=current_access(), **args)
    return Response(text, mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{slug}-contributions.csv"'})


for _resource in RESOURCES:
    register(_resource)
