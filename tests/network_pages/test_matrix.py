"""The permission matrix of the network's pages: every page route (GET and form POST) ×
every role × own scope, foreign scope (another partner's alliance, another
municipality's measure, another school) and foreign tenant. Allowed means a 2xx answer
or a redirect (303 after a form), denied a 403, hidden a 404.

One app, one pair of tenants and one world serve the whole module; a case that writes
gets fresh targets made for it first, so the cases never depend on one another.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.tenancy import Access
from tests.conftest import csrf_token
from tests.network.matrix import (
    ALLOW,
    DENY,
    EDIT,
    EDIT_ASSESSMENTS,
    HIDE,
    LOG_CONTRIBUTIONS,
    MEASURES,
    READ,
    READ_ASSESSMENTS,
    READ_CONTRIBUTIONS,
    ROLES,
    SCHOOL_PROFILE,
    SCOPES,
    Request,
    expected,
    free_school,
    fresh_alliance,
    fresh_assessment,
    fresh_contribution,
    fresh_measure,
    fresh_municipality,
    fresh_partner,
    fresh_school,
    fresh_zone,
    new_year,
    number,
    side_school,
    two_tenants,
)
from tests.network_pages.conftest import OTHER, OWN, page_client

NOBODY = dict.fromkeys(ROLES, "DD")
OWN_PAGE = {role: {**NOBODY, role: "AA"} for role in ("partner", "municipality", "school")}


def the_side(boss: Access, side: dict) -> dict:
    return dict(side)


# ---- the routes -------------------------------------------------------------------------

def _entity(plural: str, one: str, *, new_form: Callable, edit_form: Callable,
            fresh: Callable, read: dict = READ, edit: dict = EDIT,
            new_prepare: Callable | None = None,
            edit_expect: dict | None = None, edit_prepare: Callable | None = None,
            lifecycle: tuple[str, ...] = ("archive", "unarchive", "delete")) -> list[Request]:
    base = f"/{plural}"
    return [
        Request("GET", f"{base}?q=a", read),
        Request("GET", f"{base}/{{{one}}}", read),
        Request("GET", f"{base}/new", edit),
        Request("POST", f"{base}/new", edit, data=new_form, prepare=new_prepare or the_side),
        Request("GET", f"{base}/{{key}}/edit", edit_expect or edit,
                prepare=edit_prepare or fresh),
        Request("POST", f"{base}/{{key}}/edit", edit_expect or edit, data=edit_form,
                prepare=edit_prepare or fresh),
        *(Request("POST", f"{base}/{{key}}/{verb}", edit, prepare=fresh) for verb in lifecycle),
    ]


def _school_edit_form(v: dict) -> dict:
    return {"name": f"Renamed {number()}", "code": "08000", "level": "primary",
            "zone": v["zone"], "entry_places": "30"}


ALLIANCE_EDIT = {"theme": "arts", "start_year": "2022", "trainer": "A. Trainer",
                 "advisory_hours": "15", "training_share": "0.9"}
CONTRIBUTION = {"date": "2024-02-01", "kind": "workshop", "hours": "2", "teachers": "3",
                "students": "0", "families": "0", "description": "Workshop"}
MEASURE = {"kind": "zoning_change", "start": "2024-09-01", "end": "", "description": "x"}

ROUTES: list[Request] = [
    Request("GET", "/overview", EDIT),
    *_entity("municipalities", "municipality", fresh=fresh_municipality,
             new_form=lambda v: {"name": "New municipality", "code": "0801"},
             edit_form=lambda v: {"name": "Renamed", "code": "0802"}),
    *_entity("zones", "zone", fresh=fresh_zone,
             new_form=lambda v: {"name": "New zone", "municipality": v["municipality"]},
             edit_form=lambda v: {"name": "Renamed", "municipality": v["municipality"]}),
    *_entity("schools", "school", fresh=fresh_school,
             new_form=lambda v: {"name": "New school", "level": "secondary",
                                 "zone": v["zone"]},
             edit_form=_school_edit_form, edit_expect=SCHOOL_PROFILE,
             edit_prepare=side_school),
    *_entity("partners", "partner", fresh=fresh_partner,
             new_form=lambda v: {"name": "New partner", "kind": "university"},
             edit_form=lambda v: {"name": "Renamed", "kind": "museum"}),
    *_entity("alliances", "alliance", fresh=fresh_alliance,
             new_form=lambda v: {"school": v["free_school"], "partner": v["partner"],
                                 "theme": "arts", "start_year": "2024"},
             new_prepare=free_school, edit_form=lambda v: ALLIANCE_EDIT),
    Request("GET", "/alliances/{key}/end", EDIT, prepare=fresh_alliance),
    Request("POST", "/alliances/{key}/end", EDIT, data=lambda v: {"end_year": "2024"},
            prepare=fresh_alliance),
    Request("GET", "/alliances/{key}/change-partner", EDIT, prepare=fresh_alliance),
    Request("POST", "/alliances/{key}/change-partner", EDIT,
            data=lambda v: {"partner": v["partner"], "start_year": "2024"},
            prepare=fresh_alliance),
    Request("GET", "/contributions?alliance={alliance}", READ_CONTRIBUTIONS),
    Request("GET", "/contributions.csv?alliance={alliance}", LOG_CONTRIBUTIONS),
    Request("GET", "/contributions/new?alliance={alliance}", LOG_CONTRIBUTIONS),
    Request("POST", "/contributions/new", LOG_CONTRIBUTIONS,
            data=lambda v: {"alliance": v["alliance"], **CONTRIBUTION}),
    Request("GET", "/contributions/{contribution}/edit", LOG_CONTRIBUTIONS),
    Request("POST", "/contributions/{key}/edit", LOG_CONTRIBUTIONS,
            data=lambda v: CONTRIBUTION, prepare=fresh_contribution),
    Request("POST", "/contributions/{key}/delete", LOG_CONTRIBUTIONS,
            prepare=fresh_contribution),
    Request("GET", "/measures?municipality={municipality}", MEASURES),
    Request("GET", "/measures/{measure}", MEASURES),
    Request("GET", "/measures/new?municipality={municipality}", MEASURES),
    Request("POST", "/measures/new", MEASURES,
            data=lambda v: {"municipality": v["municipality"], "schools": [v["school"]],
                          **MEASURE}),
    Request("GET", "/measures/{measure}/edit", MEASURES),
    Request("POST", "/measures/{key}/edit", MEASURES,
            data=lambda v: {"schools": [v["school"]], **MEASURE}, prepare=fresh_measure),
    Request("GET", "/measures/{measure}/end", MEASURES),
    Request("POST", "/measures/{key}/end", MEASURES, data=lambda v: {"end": "2024-12-31"},
            prepare=fresh_measure),
    Request("POST", "/measures/{key}/delete", MEASURES, prepare=fresh_measure),
    Request("GET", "/assessments?alliance={alliance}", READ_ASSESSMENTS),
    Request("GET", "/assessments/new?alliance={alliance}", EDIT_ASSESSMENTS),
    Request("POST", "/assessments/new", EDIT_ASSESSMENTS, prepare=new_year,
            data=lambda v: {"alliance": v["alliance"], "year": str(v["year"]),
                          "component": "partnerships", "stage": "planning",
                          "benchmarks": ["funding", "logic_model"]}),
    Request("GET", "/assessments/{assessment}/edit", EDIT_ASSESSMENTS),
    Request("POST", "/assessments/{key}/edit", EDIT_ASSESSMENTS, prepare=fresh_assessment,
            data=lambda v: {"stage": "early_implementation", "benchmarks": ["shared_vision"]}),
    Request("POST", "/assessments/{key}/delete", EDIT_ASSESSMENTS, prepare=fresh_assessment),
    Request("GET", "/audit", EDIT),
    Request("GET", "/check", EDIT),
    Request("GET", "/network?municipality={municipality}", READ),
    Request("GET", "/network.json?municipality={municipality}", READ),
    Request("GET", "/my/alliances", OWN_PAGE["partner"]),
    Request("GET", "/my/contributions", OWN_PAGE["partner"]),
    Request("GET", "/my/municipality", OWN_PAGE["municipality"]),
    Request("GET", "/my/territory", OWN_PAGE["municipality"]),
    Request("GET", "/my/school", OWN_PAGE["school"]),
]

CASES = [(route, role, scope) for route in ROUTES for role in ROLES for scope in SCOPES]
MATRIX_SIZE = len(CASES)


def outcome(status: int, location: str) -> str:
    if 200 <= status < 300 or (status in (302, 303) and "/login" not in location):
        return ALLOW
    return {403: DENY, 404: HIDE}.get(status, f"status {status}")


@dataclass
class Matrix:
    app: Flask
    boss: Access
    slug: str
    clients: dict[tuple[str, str], tuple[FlaskClient, str]]  # client and its CSRF token


@pytest.fixture(scope="module")
def matrix(tmp_path_factory: pytest.TempPathFactory, graph_server: dict) -> Iterator[Matrix]:
    tmp = Path(tmp_path_factory.mktemp("page-matrix"))
    with two_tenants(tmp, graph_server, home="pages-home",
                     away="pages-away") as (app, tenant, elsewhere, boss):
        clients = {}
        for role in ROLES:
            for scope, member_of in (("own", tenant), ("foreign-tenant", elsewhere)):
                client = page_client(app, tenant, role, member_of=member_of)
                with app.app_context():  # a context of its own: `g` is not shared
                    clients[(role, scope)] = (client, csrf_token(client, "/"))
            clients[(role, "foreign")] = clients[(role, "own")]
        yield Matrix(app, boss, tenant.slug, clients)


def test_matrix_covers_every_network_page(matrix):
    """Every page route of the network blueprint (each method) is in the matrix."""
    converted = re.compile(r"<(?:\w+:)?(\w+)>")
    routes = {(method, converted.sub("{key}", rule.rule).split("/t/{key}")[1])
              for rule in matrix.app.url_map.iter_rules() if rule.endpoint.startswith("network.")
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    covered = {(r.method, re.sub(r"\{\w+\}", "{key}", r.path.split("?")[0])) for r in ROUTES}
    assert routes == covered
    assert len({(r.name, role, s) for r, role, s in CASES}) == MATRIX_SIZE == len(ROUTES) * 15
    print(f"\nnetwork pages permission matrix: {len(ROUTES)} routes x {len(ROLES)} roles x "
          f"{len(SCOPES)} scopes = {MATRIX_SIZE} cases")


def _request(matrix: Matrix, route: Request, role: str, scope: str) -> tuple[Any, str]:
    side = OWN if scope == "own" else OTHER
    values = route.prepare(matrix.boss, side) if route.prepare else dict(side)
    path = f"/t/{matrix.slug}" + route.path.format(**values)
    client, token = matrix.clients[(role, scope)]
    with matrix.app.app_context():
        if route.method == "GET":
            return client.get(path), path
        return client.post(path, data={"csrf_token": token, **route.data(values)}
                           if route.data else {"csrf_token": token}), path


@pytest.mark.parametrize(("route", "role", "scope"), CASES,
                         ids=[f"{r.name}|{role}|{s}" for r, role, s in CASES])
def test_page_permission_matrix(matrix, route: Request, role: str, scope: str):
    response, path = _request(matrix, route, role, scope)
    want = expected(route, role, scope)
    got = outcome(response.status_code, response.headers.get("Location", ""))
    assert got == want, (f"{route.method} {path} as {role} ({scope}): {response.status_code} "
                         f"{response.get_data(as_text=True)[:400]}")
    if want == ALLOW and route.method == "POST":
        assert response.status_code == 303, "a form post that worked redirects (303)"
