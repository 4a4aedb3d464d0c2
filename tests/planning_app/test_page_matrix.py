"""The permission matrix of the planning pages: every page route (GET and form POST) x every
role x own scope, foreign scope and foreign tenant, with the expectations of the planning
API (tests/planning_app/test_permissions.py). Allowed is a 2xx answer or a redirect that is
not to the login page, denied a 403, hidden a 404."""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import csrf_token
from tests.network.matrix import ROLES, SCOPES, Request, expected, two_tenants
from tests.network_pages.conftest import OTHER, OWN, page_client
from tests.network_pages.test_matrix import Matrix, outcome
from tests.planning_app.test_permissions import (
    MANUAL,
    READ_PLAN,
    REVIEW,
    SELF_ASSESS,
    WRITE_PLAN,
    budget_line,
    draft,
    free_year,
    latest_logic_model,
    next_plan_year,
    objective,
    plan,
    saved_logic_model,
    submitted,
)

A = "/alliances/{alliance}"
OBJECTIVE_FORM = {k: str(v) for k, v in MANUAL.items()}
BUDGET_FORM = {"year": "2024", "source": "school", "planned": "100"}
ROUTES: list[Request] = [
    Request("GET", f"{A}/planning", READ_PLAN),
    Request("GET", f"{A}/objectives/new", WRITE_PLAN),
    Request("POST", f"{A}/objectives/new", WRITE_PLAN, data=lambda v: OBJECTIVE_FORM),
    Request("GET", "/objectives/{key}/edit", WRITE_PLAN, prepare=objective),
    Request("POST", "/objectives/{key}/edit", WRITE_PLAN, prepare=objective,
            data=lambda v: {**OBJECTIVE_FORM, "target": "45"}),
    Request("POST", "/objectives/{key}/delete", WRITE_PLAN, prepare=objective),
    Request("POST", "/objectives/{key}/value", WRITE_PLAN, prepare=objective,
            data=lambda v: {"year": "2023", "value": "20"}),
    Request("GET", f"{A}/budget/new", WRITE_PLAN),
    Request("POST", f"{A}/budget/new", WRITE_PLAN, data=lambda v: BUDGET_FORM),
    Request("GET", "/budget-lines/{key}/edit", WRITE_PLAN, prepare=budget_line),
    Request("POST", "/budget-lines/{key}/edit", WRITE_PLAN, prepare=budget_line,
            data=lambda v: {**BUDGET_FORM, "secured": "50"}),
    Request("POST", "/budget-lines/{key}/delete", WRITE_PLAN, prepare=budget_line),
    Request("GET", f"{A}/logic-model", READ_PLAN),
    Request("GET", f"{A}/logic-model/edit", WRITE_PLAN),
    Request("POST", f"{A}/logic-model/edit", WRITE_PLAN, prepare=latest_logic_model,
            data=lambda v: {"base_revision": str(v["base"]), "problem": "A problem",
                            "part-activities": "Training\nOpen days"}),
    Request("POST", f"{A}/logic-model/comment", REVIEW, prepare=saved_logic_model,
            data=lambda v: {"revision": str(v["revision"]), "comment": "Add outputs"}),
    Request("POST", f"{A}/plans", WRITE_PLAN, prepare=next_plan_year,
            data=lambda v: {"first_year": str(v["first_year"])}),
    Request("GET", "/plans/{key}", READ_PLAN, prepare=plan),
    Request("GET", "/plans/{key}/edit", WRITE_PLAN, prepare=plan),
    Request("POST", "/plans/{key}/edit", WRITE_PLAN, prepare=plan,
            data=lambda v: {"base_revision": str(v["base"])}),
    Request("POST", f"{A}/self-assessments", SELF_ASSESS, prepare=free_year,
            data=lambda v: {"year": str(v["year"])}),
    Request("GET", "/self-assessments/{key}", READ_PLAN, prepare=draft),
    Request("POST", "/self-assessments/{key}", SELF_ASSESS, prepare=draft,
            data=lambda v: {"rating-pa-1-1": "partly", "do": "save"}),
    Request("POST", "/self-assessments/{key}/return", REVIEW, prepare=submitted,
            data=lambda v: {"comment": "More evidence"}),
    Request("POST", "/self-assessments/{key}/accept", REVIEW, prepare=submitted),
]
CASES = [(route, role, scope) for route in ROUTES for role in ROLES for scope in SCOPES]


@pytest.fixture(scope="module")
def matrix(tmp_path_factory: pytest.TempPathFactory, graph_server: dict) -> Iterator[Matrix]:
    tmp = Path(tmp_path_factory.mktemp("planning-page-matrix"))
    with two_tenants(tmp, graph_server, home="plan-pages-home",
                     away="plan-pages-away") as (app, tenant, elsewhere, boss):
        clients = {}
        for role in ROLES:
            for scope, member_of in (("own", tenant), ("foreign-tenant", elsewhere)):
                client = page_client(app, tenant, role, member_of=member_of)
                with app.app_context():
                    clients[(role, scope)] = (client, csrf_token(client, "/"))
            clients[(role, "foreign")] = clients[(role, "own")]
        yield Matrix(app, boss, tenant.slug, clients)


def test_matrix_covers_every_planning_page(matrix):
    converted = re.compile(r"<(?:\w+:)?(\w+)>")
    routes = {(method, converted.sub("{key}", rule.rule).split("/t/{key}")[1])
              for rule in matrix.app.url_map.iter_rules()
              if rule.endpoint.startswith("planning.")
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    assert routes == {(r.method, re.sub(r"\{\w+\}", "{key}", r.path)) for r in ROUTES}
    print(f"\nplanning pages permission matrix: {len(ROUTES)} routes x {len(ROLES)} roles x "
          f"{len(SCOPES)} scopes = {len(CASES)} cases")


@pytest.mark.parametrize(("route", "role", "scope"), CASES,
                         ids=[f"{r.name}|{role}|{s}" for r, role, s in CASES])
def test_planning_page_matrix(matrix, route: Request, role: str, scope: str):
    side = OWN if scope == "own" else OTHER
    values = route.prepare(matrix.boss, side) if route.prepare else dict(side)
    path = f"/t/{matrix.slug}" + route.path.format(**values)
    client, token = matrix.clients[(role, scope)]
    with matrix.app.app_context():
        response = (client.get(path) if route.method == "GET" else client.post(
            path, data={"csrf_token": token, **(route.data(values) if route.data else {})}))
    want = expected(route, role, scope)
    got = outcome(response.status_code, response.headers.get("Location", ""))
    assert got == want, (f"{route.method} {path} as {role} ({scope}): {response.status_code} "
                         f"{response.get_data(as_text=True)[:400]}")
