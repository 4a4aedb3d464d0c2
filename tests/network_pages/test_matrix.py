"""The permission matrix of the network's pages: every page route (GET and form POST) ×
every role × own scope, foreign scope (another partner's alliance, another
municipality's measure, another school) and foreign tenant. Allowed means a 2xx answer
or a redirect (303 after a form), denied a 403, hidden a 404.

One app, one pair of tenants and one world serve the whole module; a case that writes
gets fresh targets made for it first, so the cases never depend on one another.
"""
from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app import create_app
from app.extensions import db, graph
from app.network import service
from app.platform import create_tenant
from app.tenancy import Access
from graph.queries import system
from tests.conftest import csrf_token, make_config, sql_settings
from tests.network_pages.conftest import OTHER, OWN, build_world, page_client

ROLES = ("coordinator", "partner", "municipality", "school", "evaluator")
SCOPES = ("own", "foreign", "foreign-tenant")
ALLOW, DENY, HIDE = "allow", "deny", "hidden"
_serial = itertools.count(1)

# expected outcome per role for (own scope, foreign scope); a foreign tenant is always hidden
READ = {"coordinator": "AA", "partner": "AA", "municipality": "AA", "school": "AA",
        "evaluator": "DD"}
EDIT = {"coordinator": "AA", "partner": "DD", "municipality": "DD", "school": "DD",
        "evaluator": "DD"}
SCHOOL_PROFILE = {**EDIT, "school": "AD"}
READ_CONTRIBUTIONS = {**EDIT, "partner": "AD", "school": "AD"}
LOG_CONTRIBUTIONS = {**EDIT, "partner": "AD"}
MEASURES = {**EDIT, "municipality": "AD"}
READ_ASSESSMENTS = {**EDIT, "partner": "AD", "municipality": "AD", "school": "AD"}
EDIT_ASSESSMENTS = {**EDIT, "school": "AD"}
NOBODY = dict.fromkeys(ROLES, "DD")
OWN_PAGE = {role: {**NOBODY, role: "AA"} for role in ("partner", "municipality", "school")}


@dataclass(frozen=True)
class Route:
    """A request template; `prepare(boss, side)` makes fresh targets and returns the values
    the path and form are filled with."""

    method: str
    path: str
    expect: dict[str, str]
    form: Callable[[dict], dict] | None = None
    prepare: Callable[[Access, dict], dict] | None = field(default=None, compare=False)

    @property
    def name(self) -> str:
        return f"{self.method} {self.path}"


# ---- fresh targets, made by the coordinator on one side (OWN or OTHER) ------------------

def _n() -> int:
    return next(_serial)


def fresh_municipality(boss: Access, side: dict) -> dict:
    return {**side, "key": service.create_municipality(
        access=boss, data={"name": f"Municipality {_n()}"})["key"]}


def fresh_zone(boss: Access, side: dict) -> dict:
    return {**side, "key": service.create_zone(access=boss, data={
        "name": f"Zone {_n()}", "municipality": side["municipality"]})["key"]}


def fresh_school(boss: Access, side: dict) -> dict:
    return {**side, "key": service.create_school(access=boss, data={
        "name": f"School {_n()}", "level": "primary", "zone": side["zone"]})["key"]}


def fresh_partner(boss: Access, side: dict) -> dict:
    return {**side, "key": service.create_partner(access=boss, data={
        "name": f"Partner {_n()}", "kind": "company"})["key"]}


def fresh_alliance(boss: Access, side: dict) -> dict:
    """A new active alliance of the side's partner with a new school on that side."""
    school = fresh_school(boss, side)["key"]
    key = service.create_alliance(access=boss, data={
        "school": school, "partner": side["partner"], "theme": "robotics",
        "start_year": 2022})["key"]
    return {**side, "key": key, "free_school": school}


def free_school(boss: Access, side: dict) -> dict:
    return {**side, "free_school": fresh_school(boss, side)["key"]}


def fresh_contribution(boss: Access, side: dict) -> dict:
    return {**side, "key": service.create_contribution(access=boss, data={
        "alliance": side["alliance"], "date": "2024-01-15", "kind": "event"})["key"]}


def fresh_measure(boss: Access, side: dict) -> dict:
    return {**side, "key": service.create_measure(access=boss, data={
        "municipality": side["municipality"], "kind": "other", "start": "2024-01-01",
        "schools": [side["school"]]})["key"]}


def fresh_assessment(boss: Access, side: dict) -> dict:
    item, _ = service.upsert_assessment(access=boss, data={
        "alliance": side["alliance"], "year": 1990 + _n() % 100,
        "component": "diversity_equity", "stage": "planning"})
    return {**side, "key": item["key"]}


def new_year(boss: Access, side: dict) -> dict:
    return {**side, "year": 1990 + _n() % 100}


def the_side(boss: Access, side: dict) -> dict:
    return dict(side)


# ---- the routes -------------------------------------------------------------------------

def _entity(plural: str, one: str, *, new_form: Callable, edit_form: Callable,
            fresh: Callable, read: dict = READ, edit: dict = EDIT,
            new_prepare: Callable | None = None,
            edit_expect: dict | None = None, edit_prepare: Callable | None = None,
            lifecycle: tuple[str, ...] = ("archive", "unarchive", "delete")) -> list[Route]:
    base = f"/{plural}"
    return [
        Route("GET", f"{base}?q=a", read),
        Route("GET", f"{base}/{{{one}}}", read),
        Route("GET", f"{base}/new", edit),
        Route("POST", f"{base}/new", edit, form=new_form, prepare=new_prepare or the_side),
        Route("GET", f"{base}/{{key}}/edit", edit_expect or edit,
              prepare=edit_prepare or fresh),
        Route("POST", f"{base}/{{key}}/edit", edit_expect or edit, form=edit_form,
              prepare=edit_prepare or fresh),
        *(Route("POST", f"{base}/{{key}}/{verb}", edit, prepare=fresh) for verb in lifecycle),
    ]


def _school_edit_form(v: dict) -> dict:
    return {"name": f"Renamed {_n()}", "code": "08000", "level": "primary",
            "zone": v["zone"], "entry_places": "30"}


ALLIANCE_EDIT = {"theme": "arts", "start_year": "2022", "trainer": "A. Trainer",
                 "advisory_hours": "15", "training_share": "0.9"}
CONTRIBUTION = {"date": "2024-02-01", "kind": "workshop", "hours": "2", "teachers": "3",
                "students": "0", "families": "0", "description": "Workshop"}
MEASURE = {"kind": "zoning_change", "start": "2024-09-01", "end": "", "description": "x"}

ROUTES: list[Route] = [
    Route("GET", "/overview", EDIT),
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
             edit_prepare=lambda boss, side: {**side, "key": side["school"]}),
    *_entity("partners", "partner", fresh=fresh_partner,
             new_form=lambda v: {"name": "New partner", "kind": "university"},
             edit_form=lambda v: {"name": "Renamed", "kind": "museum"}),
    *_entity("alliances", "alliance", fresh=fresh_alliance,
             new_form=lambda v: {"school": v["free_school"], "partner": v["partner"],
                                 "theme": "arts", "start_year": "2024"},
             new_prepare=free_school, edit_form=lambda v: ALLIANCE_EDIT),
    Route("GET", "/alliances/{key}/end", EDIT, prepare=fresh_alliance),
    Route("POST", "/alliances/{key}/end", EDIT, form=lambda v: {"end_year": "2024"},
          prepare=fresh_alliance),
    Route("GET", "/alliances/{key}/change-partner", EDIT, prepare=fresh_alliance),
    Route("POST", "/alliances/{key}/change-partner", EDIT,
          form=lambda v: {"partner": v["partner"], "start_year": "2024"},
          prepare=fresh_alliance),
    Route("GET", "/contributions?alliance={alliance}", READ_CONTRIBUTIONS),
    Route("GET", "/contributions.csv?alliance={alliance}", LOG_CONTRIBUTIONS),
    Route("GET", "/contributions/new?alliance={alliance}", LOG_CONTRIBUTIONS),
    Route("POST", "/contributions/new", LOG_CONTRIBUTIONS,
          form=lambda v: {"alliance": v["alliance"], **CONTRIBUTION}),
    Route("GET", "/contributions/{contribution}/edit", LOG_CONTRIBUTIONS),
    Route("POST", "/contributions/{key}/edit", LOG_CONTRIBUTIONS,
          form=lambda v: CONTRIBUTION, prepare=fresh_contribution),
    Route("POST", "/contributions/{key}/delete", LOG_CONTRIBUTIONS,
          prepare=fresh_contribution),
    Route("GET", "/measures?municipality={municipality}", MEASURES),
    Route("GET", "/measures/{measure}", MEASURES),
    Route("GET", "/measures/new?municipality={municipality}", MEASURES),
    Route("POST", "/measures/new", MEASURES,
          form=lambda v: {"municipality": v["municipality"], "schools": [v["school"]],
                          **MEASURE}),
    Route("GET", "/measures/{measure}/edit", MEASURES),
    Route("POST", "/measures/{key}/edit", MEASURES,
          form=lambda v: {"schools": [v["school"]], **MEASURE}, prepare=fresh_measure),
    Route("GET", "/measures/{measure}/end", MEASURES),
    Route("POST", "/measures/{key}/end", MEASURES, form=lambda v: {"end": "2024-12-31"},
          prepare=fresh_measure),
    Route("POST", "/measures/{key}/delete", MEASURES, prepare=fresh_measure),
    Route("GET", "/assessments?alliance={alliance}", READ_ASSESSMENTS),
    Route("GET", "/assessments/new?alliance={alliance}", EDIT_ASSESSMENTS),
    Route("POST", "/assessments/new", EDIT_ASSESSMENTS, prepare=new_year,
          form=lambda v: {"alliance": v["alliance"], "year": str(v["year"]),
                          "component": "partnerships", "stage": "planning",
                          "benchmarks": ["funding", "logic_model"]}),
    Route("GET", "/assessments/{assessment}/edit", EDIT_ASSESSMENTS),
    Route("POST", "/assessments/{key}/edit", EDIT_ASSESSMENTS, prepare=fresh_assessment,
          form=lambda v: {"stage": "early_implementation", "benchmarks": ["shared_vision"]}),
    Route("POST", "/assessments/{key}/delete", EDIT_ASSESSMENTS, prepare=fresh_assessment),
    Route("GET", "/audit", EDIT),
    Route("GET", "/network?municipality={municipality}", READ),
    Route("GET", "/network.json?municipality={municipality}", READ),
    Route("GET", "/my/alliances", OWN_PAGE["partner"]),
    Route("GET", "/my/contributions", OWN_PAGE["partner"]),
    Route("GET", "/my/municipality", OWN_PAGE["municipality"]),
    Route("GET", "/my/territory", OWN_PAGE["municipality"]),
    Route("GET", "/my/school", OWN_PAGE["school"]),
]

CASES = [(route, role, scope) for route in ROUTES for role in ROLES for scope in SCOPES]
MATRIX_SIZE = len(CASES)


def expected(route: Route, role: str, scope: str) -> str:
    if scope == "foreign-tenant":
        return HIDE
    return {"A": ALLOW, "D": DENY}[route.expect[role][0 if scope == "own" else 1]]


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
    tmp = tmp_path_factory.mktemp("page-matrix")
    app = create_app(make_config(Path(tmp), graph_server, sql_settings("sqlite", None, tmp)))
    with app.app_context():
        db.create_all()
        tenant = create_tenant(slug="pages-home", name="Home", start_year=2020)
        elsewhere = create_tenant(slug="pages-away", name="Away", start_year=2020)
        boss = build_world(tenant)
        build_world(elsewhere)
        clients = {}
        for role in ROLES:
            for scope, member_of in (("own", tenant), ("foreign-tenant", elsewhere)):
                client = page_client(app, tenant, role, member_of=member_of)
                with app.app_context():  # a context of its own: `g` is not shared
                    clients[(role, scope)] = (client, csrf_token(client, "/"))
            clients[(role, "foreign")] = clients[(role, "own")]
        yield Matrix(app, boss, tenant.slug, clients)
        for slug in (tenant.slug, elsewhere.slug):
            graph.write(lambda tx, slug=slug: tx.run(system.DELETE_TENANT,
                                                     tenant=slug).consume())
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


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


def _request(matrix: Matrix, route: Route, role: str, scope: str) -> tuple[Any, str]:
    side = OWN if scope == "own" else OTHER
    values = route.prepare(matrix.boss, side) if route.prepare else dict(side)
    path = f"/t/{matrix.slug}" + route.path.format(**values)
    client, token = matrix.clients[(role, scope)]
    with matrix.app.app_context():
        if route.method == "GET":
            return client.get(path), path
        return client.post(path, data={"csrf_token": token, **route.form(values)}
                           if route.form else {"csrf_token": token}), path


@pytest.mark.parametrize(("route", "role", "scope"), CASES,
                         ids=[f"{r.name}|{role}|{s}" for r, role, s in CASES])
def test_page_permission_matrix(matrix, route: Route, role: str, scope: str):
    response, path = _request(matrix, route, role, scope)
    want = expected(route, role, scope)
    got = outcome(response.status_code, response.headers.get("Location", ""))
    assert got == want, (f"{route.method} {path} as {role} ({scope}): {response.status_code} "
                         f"{response.get_data(as_text=True)[:400]}")
    if want == ALLOW and route.method == "POST":
        assert response.status_code == 303, "a form post that worked redirects (303)"
