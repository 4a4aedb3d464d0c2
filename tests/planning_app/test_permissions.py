"""The permission matrix of the planning API: every endpoint × every role × own scope,
foreign scope (another partner's, school's or municipality's alliance) and foreign tenant.
Allowed is a 2xx answer, denied a 403, hidden a 404. Expected: the school team and the
partner write their own alliance's plan, the school team self-assesses, the coordinator
reviews, the municipality reads its schools' plans, the evaluator none of it (they read the
evaluation bundle).

One app, one pair of tenants and one world serve the module; a case that writes gets fresh
targets made for it first, so the cases never depend on one another.
"""
from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.planning import service
from tests.network.conftest import OTHER, OWN, api_client
from tests.network.matrix import (
    ALLOW,
    EDIT,
    EDIT_ASSESSMENTS,
    READ_ASSESSMENTS,
    ROLES,
    SCOPES,
    Request,
    expected,
    two_tenants,
)
from tests.network.test_permissions import Matrix, outcome

READ_PLAN = READ_ASSESSMENTS                          # coordinator; own partner, town, school
WRITE_PLAN = {**EDIT, "partner": "AD", "school": "AD"}
SELF_ASSESS = EDIT_ASSESSMENTS                        # coordinator; own school team
REVIEW = EDIT                                         # coordinators only
_years = itertools.cycle(range(2021, 2026))


def latest_logic_model(boss, side: dict) -> dict:
    read = service.get_logic_model(access=boss, alliance=side["alliance"])
    return {**side, "base": read["model"]["revision"] if read["model"] else 0}


def saved_logic_model(boss, side: dict) -> dict:
    base = latest_logic_model(boss, side)["base"]
    saved = service.save_logic_model(access=boss, alliance=side["alliance"], data={
        "base_revision": base, "problem": "The zone's families avoid the school."})
    return {**side, "revision": saved["revision"]}


def plan(boss, side: dict) -> dict:
    plans = service.list_plans(access=boss, alliance=side["alliance"])
    found = plans[-1] if plans else service.start_plan(access=boss, alliance=side["alliance"])
    return {**side, "key": found["key"],
            "base": service.get_plan(access=boss, plan=found["key"])["revision"]}


def next_plan_year(boss, side: dict) -> dict:
    plans = service.list_plans(access=boss, alliance=side["alliance"])
    return {**side, "first_year": plans[-1]["last_year"] + 1 if plans else 2022}


def objective(boss, side: dict) -> dict:
    return {**side, "key": service.create_objective(access=boss, alliance=side["alliance"],
                                                    data=MANUAL)["key"]}


def budget_line(boss, side: dict) -> dict:
    return {**side, "key": service.create_budget_line(access=boss, alliance=side["alliance"],
                                                      data={"year": 2024, "source": "school",
                                                            "planned": 100})["key"]}


def _closed_year(boss, side: dict) -> int:
    """A school year whose latest self-assessment is not open (returned when it was)."""
    year = next(_years)
    for row in reversed(service.list_self_assessments(access=boss, alliance=side["alliance"])):
        if row["year"] != year:
            continue
        if row["status"] == "draft":
            service.submit_self_assessment(access=boss, key=row["key"])
        if row["status"] in ("draft", "submitted"):
            service.return_self_assessment(access=boss, key=row["key"],
                                           data={"comment": "reopened by the matrix"})
        break
    return year


def free_year(boss, side: dict) -> dict:
    return {**side, "year": _closed_year(boss, side)}


def draft(boss, side: dict) -> dict:
    made = service.start_self_assessment(access=boss, alliance=side["alliance"],
                                         data={"year": _closed_year(boss, side)})
    return {**side, "key": made["key"]}


def submitted(boss, side: dict) -> dict:
    values = draft(boss, side)
    service.submit_self_assessment(access=boss, key=values["key"])
    return values


MANUAL = {"title": "Families at open days", "metric": "manual", "unit": "families",
          "baseline": 10, "target": 40, "direction": "increase", "target_year": 2025}
A = "/alliances/{alliance}"
ENDPOINTS: list[Request] = [
    Request("GET", f"{A}/logic-model", READ_PLAN),
    Request("POST", f"{A}/logic-model", WRITE_PLAN, prepare=latest_logic_model,
            data=lambda v: {"base_revision": v["base"], "problem": "A problem",
                            "parts": {"activities": ["Training"]}}),
    Request("POST", f"{A}/logic-model/comments", REVIEW, prepare=saved_logic_model,
            data=lambda v: {"revision": v["revision"], "comment": "Add outputs"}),
    Request("GET", f"{A}/plans", READ_PLAN),
    Request("POST", f"{A}/plans", WRITE_PLAN, prepare=next_plan_year,
            data=lambda v: {"first_year": v["first_year"]}),
    Request("GET", "/plans/{key}", READ_PLAN, prepare=plan),
    Request("POST", "/plans/{key}/revisions", WRITE_PLAN, prepare=plan,
            data=lambda v: {"base_revision": v["base"], "actions": []}),
    Request("GET", f"{A}/objectives", READ_PLAN),
    Request("POST", f"{A}/objectives", WRITE_PLAN, data=lambda v: MANUAL),
    Request("GET", "/objectives/{key}", READ_PLAN, prepare=objective),
    Request("PATCH", "/objectives/{key}", WRITE_PLAN, prepare=objective,
            data=lambda v: {"target": 50}),
    Request("DELETE", "/objectives/{key}", WRITE_PLAN, prepare=objective),
    Request("POST", "/objectives/{key}/values", WRITE_PLAN, prepare=objective,
            data=lambda v: {"year": 2023, "value": 20}),
    Request("GET", f"{A}/budget", READ_PLAN),
    Request("POST", f"{A}/budget-lines", WRITE_PLAN,
            data=lambda v: {"year": 2024, "source": "partner_in_kind", "planned": 500}),
    Request("GET", "/budget-lines/{key}", READ_PLAN, prepare=budget_line),
    Request("PATCH", "/budget-lines/{key}", WRITE_PLAN, prepare=budget_line,
            data=lambda v: {"secured": 50}),
    Request("DELETE", "/budget-lines/{key}", WRITE_PLAN, prepare=budget_line),
    Request("GET", f"{A}/timeframes", READ_PLAN),
    Request("GET", f"{A}/self-assessments", READ_PLAN),
    Request("POST", f"{A}/self-assessments", SELF_ASSESS, prepare=free_year,
            data=lambda v: {"year": v["year"]}),
    Request("GET", "/review-queue", REVIEW),
    Request("GET", "/self-assessments/{key}", READ_PLAN, prepare=draft),
    Request("PATCH", "/self-assessments/{key}", SELF_ASSESS, prepare=draft,
            data=lambda v: {"ratings": [{"item": "pa-1-1", "rating": "partly"}]}),
    Request("POST", "/self-assessments/{key}/submit", SELF_ASSESS, prepare=draft),
    Request("POST", "/self-assessments/{key}/return", REVIEW, prepare=submitted,
            data=lambda v: {"comment": "More evidence"}),
    Request("POST", "/self-assessments/{key}/accept", REVIEW, prepare=submitted,
            data=lambda v: {}),
]
CASES = [(endpoint, role, scope) for endpoint in ENDPOINTS for role in ROLES for scope in SCOPES]


@pytest.fixture(scope="module")
def matrix(tmp_path_factory: pytest.TempPathFactory, graph_server: dict) -> Iterator[Matrix]:
    tmp = Path(tmp_path_factory.mktemp("planning-matrix"))
    with two_tenants(tmp, graph_server, home="plan-home",
                     away="plan-away") as (app, tenant, elsewhere, boss):
        clients = {(role, scope): api_client(app, tenant, role,
                                             member_of=elsewhere if scope == "foreign-tenant"
                                             else tenant)
                   for role in ROLES for scope in ("own", "foreign-tenant")}
        clients.update({(role, "foreign"): clients[(role, "own")] for role in ROLES})
        yield Matrix(app, boss, clients)


def test_matrix_covers_every_planning_endpoint(matrix):
    converted = re.compile(r"<(?:\w+:)?(\w+)>")
    routes = {(method, re.sub(r"\{\w+\}", "{key}", converted.sub(
        r"{\1}", rule.rule).split("/tenants/{slug}")[1]))
        for rule in matrix.app.url_map.iter_rules() if rule.endpoint.startswith("api.planning.")
        for method in rule.methods - {"HEAD", "OPTIONS"}}
    covered = {(e.method, re.sub(r"\{\w+\}", "{key}", e.path)) for e in ENDPOINTS}
    assert routes == covered
    print(f"\nplanning permission matrix: {len(ENDPOINTS)} endpoints x {len(ROLES)} roles x "
          f"{len(SCOPES)} scopes = {len(CASES)} cases")


@pytest.mark.parametrize(("endpoint", "role", "scope"), CASES,
                         ids=[f"{e.name}|{r}|{s}" for e, r, s in CASES])
def test_planning_permission_matrix(matrix, endpoint: Request, role: str, scope: str):
    side = OWN if scope == "own" else OTHER
    values = endpoint.prepare(matrix.boss, side) if endpoint.prepare else dict(side)
    path = endpoint.path.format(**values)
    kwargs = {"json": endpoint.data(values)} if endpoint.data else {}
    response = matrix.clients[(role, scope)]._call(endpoint.method, path, **kwargs)
    want = expected(endpoint, role, scope)
    assert outcome(response.status_code) == want, (
        f"{endpoint.method} {path} as {role} ({scope}): {response.status_code} "
        f"{response.get_data(as_text=True)[:300]}")
    if want != ALLOW and endpoint.method != "GET":
        still = matrix.clients[("coordinator", "own")].get(path) if (
            endpoint.method == "DELETE") else None
        assert still is None or still.status_code == 200, f"{path} changed on a refusal"


def test_every_planning_route_is_in_the_openapi_document(matrix):
    with matrix.app.test_client() as client:
        paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    converted = re.compile(r"<(?:\w+:)?(\w+)>")
    routes = [(converted.sub(r"{\1}", rule.rule).removeprefix("/api/v1"), method.lower())
              for rule in matrix.app.url_map.iter_rules()
              if rule.endpoint.startswith("api.planning.")
              for method in rule.methods - {"HEAD", "OPTIONS"}]
    assert len(routes) == len(ENDPOINTS)
    for path, method in routes:
        operation = paths[path][method]
        assert operation["summary"] and operation["tags"] == ["planning"], (path, method)
        assert {"200", "201", "204"} & set(operation["responses"]), (path, method)
        assert {"401", "403", "404"} <= set(operation["responses"]), (path, method)
