"""The permission matrix of the network API: every endpoint × every role × own scope,
foreign scope (another partner's alliance, another municipality, another school) and
foreign tenant. Allowed means a 2xx answer, denied a 403, hidden a 404.

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

from app import create_app
from app.extensions import db, graph
from app.network import service
from app.platform import create_tenant
from app.tenancy import Access
from graph.queries import system
from tests.conftest import make_config, sql_settings
from tests.network.conftest import OTHER, OWN, Api, api_client, build_world

ROLES = ("coordinator", "partner", "municipality", "school", "evaluator")
SCOPES = ("own", "foreign", "foreign-tenant")
ALLOW, DENY, HIDE = "allow", "deny", "hidden"
_serial = itertools.count(1)

# expected outcome per role for (own scope, foreign scope); foreign tenant is always hidden
READ_NETWORK = {"coordinator": "AA", "partner": "AA", "municipality": "AA", "school": "AA",
                "evaluator": "DD"}
EDIT_NETWORK = {"coordinator": "AA", "partner": "DD", "municipality": "DD", "school": "DD",
                "evaluator": "DD"}
SCHOOL_PROFILE = {**EDIT_NETWORK, "school": "AD"}
READ_CONTRIBUTIONS = {"coordinator": "AA", "partner": "AD", "municipality": "DD",
                      "school": "AD", "evaluator": "DD"}
LOG_CONTRIBUTIONS = {**EDIT_NETWORK, "partner": "AD"}
EXPORT_CONTRIBUTIONS = LOG_CONTRIBUTIONS
MEASURES = {**EDIT_NETWORK, "municipality": "AD"}
READ_ASSESSMENTS = {"coordinator": "AA", "partner": "AD", "municipality": "AD",
                    "school": "AD", "evaluator": "DD"}
EDIT_ASSESSMENTS = {**EDIT_NETWORK, "school": "AD"}


@dataclass(frozen=True)
class Endpoint:
    """A request template; `prepare(boss, side)` makes fresh targets and returns the values
    the path and body are filled with."""

    method: str
    path: str
    expect: dict[str, str]
    body: Callable[[dict], Any] | None = None
    prepare: Callable[[Access, dict], dict] | None = field(default=None, compare=False)

    @property
    def name(self) -> str:
        return f"{self.method} {self.path}"


# ---- fresh targets, made by the coordinator, on one side (OWN or OTHER) -----------------

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
    """A new active alliance with the side's partner, for a new school on that side
    (so the side's scoped users own it exactly as they own the side's alliance)."""
    school = fresh_school(boss, side)["key"]
    key = service.create_alliance(access=boss, data={
        "school": school, "partner": side["partner"], "theme": "robotics",
        "start_year": 2022})["key"]
    return {**side, "key": key, "school": school}


def side_school(boss: Access, side: dict) -> dict:
    """The side's own school: a school team may change only that one."""
    return {**side, "key": side["school"]}


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
        "alliance": side["alliance"], "year": 1990 + _n() % 100, "component": "diversity_equity",
        "stage": "planning"})
    return {**side, "key": item["key"]}


def new_year(boss: Access, side: dict) -> dict:
    return {**side, "year": 1990 + _n() % 100}


def _crud(plural: str, read: dict, edit: dict, *, list_query: str, create: Callable,
          patch: dict, fresh: Callable, create_prepare: Callable | None = None, one_key: str,
          patch_expect: dict | None = None,
          patch_prepare: Callable | None = None) -> list[Endpoint]:
    base = f"/{plural}"
    return [
        Endpoint("GET", f"{base}?{list_query}", read),
        Endpoint("GET", f"{base}/{{{one_key}}}", read),
        Endpoint("POST", base, edit, body=create, prepare=create_prepare),
        Endpoint("PATCH", f"{base}/{{key}}", patch_expect or edit, body=lambda v: patch,
                 prepare=patch_prepare or fresh),
        Endpoint("DELETE", f"{base}/{{key}}", edit, prepare=fresh),
    ]


ENDPOINTS: list[Endpoint] = [
    *_crud("municipalities", READ_NETWORK, EDIT_NETWORK, list_query="q=municipality",
           create=lambda v: {"name": "New municipality"}, patch={"name": "Renamed"},
           fresh=fresh_municipality, one_key="municipality"),
    *_crud("zones", READ_NETWORK, EDIT_NETWORK, list_query="municipality={municipality}",
           create=lambda v: {"name": "New zone", "municipality": v["municipality"]},
           patch={"name": "Renamed"}, fresh=fresh_zone, one_key="zone"),
    *_crud("schools", READ_NETWORK, EDIT_NETWORK, list_query="municipality={municipality}",
           create=lambda v: {"name": "New school", "level": "secondary", "zone": v["zone"]},
           patch={"name": "Renamed", "entry_places": 30}, fresh=fresh_school,
           one_key="school", patch_expect=SCHOOL_PROFILE, patch_prepare=side_school),
    *_crud("partners", READ_NETWORK, EDIT_NETWORK, list_query="kind=museum",
           create=lambda v: {"name": "New partner", "kind": "university"},
           patch={"name": "Renamed"}, fresh=fresh_partner, one_key="partner"),
    *_crud("alliances", READ_NETWORK, EDIT_NETWORK, list_query="partner={partner}",
           create=lambda v: {"school": v["free_school"], "partner": v["partner"],
                             "theme": "arts", "start_year": 2024},
           create_prepare=free_school, patch={"trainer": "A. Trainer"},
           fresh=fresh_alliance, one_key="alliance"),
    Endpoint("POST", "/alliances/{key}/end", EDIT_NETWORK, body=lambda v: {"end_year": 2024},
             prepare=fresh_alliance),
    Endpoint("POST", "/alliances/{key}/change-partner", EDIT_NETWORK,
             body=lambda v: {"partner": v["partner"], "start_year": 2024},
             prepare=fresh_alliance),
    *_crud("contributions", READ_CONTRIBUTIONS, LOG_CONTRIBUTIONS,
           list_query="alliance={alliance}",
           create=lambda v: {"alliance": v["alliance"], "date": "2024-02-01",
                             "kind": "workshop", "hours": 2},
           patch={"hours": 5}, fresh=fresh_contribution, one_key="contribution"),
    Endpoint("GET", "/contributions.csv?alliance={alliance}", EXPORT_CONTRIBUTIONS),
    *_crud("measures", MEASURES, MEASURES, list_query="municipality={municipality}",
           create=lambda v: {"municipality": v["municipality"], "kind": "zoning_change",
                             "start": "2024-09-01", "schools": [v["school"]]},
           patch={"description": "Extended"}, fresh=fresh_measure, one_key="measure"),
    Endpoint("POST", "/measures/{key}/end", MEASURES, body=lambda v: {"end": "2024-12-31"},
             prepare=fresh_measure),
    *_crud("assessments", READ_ASSESSMENTS, EDIT_ASSESSMENTS,
           list_query="alliance={alliance}",
           create=lambda v: {"alliance": v["alliance"], "year": v["year"],
                             "component": "partnerships", "stage": "planning",
                             "benchmarks": ["funding"]},
           create_prepare=new_year, patch={"stage": "early_implementation"},
           fresh=fresh_assessment, one_key="assessment"),
]

CASES = [(endpoint, role, scope) for endpoint in ENDPOINTS for role in ROLES for scope in SCOPES]
MATRIX_SIZE = len(CASES)


def expected(endpoint: Endpoint, role: str, scope: str) -> str:
    if scope == "foreign-tenant":
        return HIDE
    letter = endpoint.expect[role][0 if scope == "own" else 1]
    return {"A": ALLOW, "D": DENY}[letter]


def outcome(status: int) -> str:
    if 200 <= status < 300:
        return ALLOW
    return {403: DENY, 404: HIDE}.get(status, f"status {status}")


@dataclass
class Matrix:
    app: Flask
    boss: Access
    clients: dict[tuple[str, str], Api]


@pytest.fixture(scope="module")
def matrix(tmp_path_factory: pytest.TempPathFactory, graph_server: dict) -> Iterator[Matrix]:
    tmp = tmp_path_factory.mktemp("matrix")
    app = create_app(make_config(Path(tmp), graph_server, sql_settings("sqlite", None, tmp)))
    with app.app_context():
        db.create_all()
        tenant = create_tenant(slug="matrix-home", name="Home", start_year=2020)
        elsewhere = create_tenant(slug="matrix-away", name="Away", start_year=2020)
        boss = build_world(tenant)
        build_world(elsewhere)
        clients = {(role, scope): api_client(app, tenant, role,
                                             member_of=elsewhere if scope == "foreign-tenant"
                                             else tenant)
                   for role in ROLES for scope in ("own", "foreign-tenant")}
        clients.update({(role, "foreign"): clients[(role, "own")] for role in ROLES})
        yield Matrix(app, boss, clients)
        for slug in (tenant.slug, elsewhere.slug):
            graph.write(lambda tx, slug=slug: tx.run(system.DELETE_TENANT,
                                                     tenant=slug).consume())
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


def test_matrix_covers_every_network_endpoint(matrix):
    """Every route of the network API appears in the matrix, and the size is as stated."""
    converted = re.compile(r"<(?:\w+:)?(\w+)>")
    routes = {(method, converted.sub(r"{\1}", rule.rule).split("/tenants/{slug}")[1])
              for rule in matrix.app.url_map.iter_rules()
              if rule.endpoint.startswith("api.") and "/tenants/<slug>/" in rule.rule
              and rule.rule.split("/")[5].split(".")[0] in {
                  "municipalities", "zones", "schools", "partners", "alliances",
                  "contributions", "measures", "assessments"}
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    covered = {(e.method, re.sub(r"\{\w+\}", "{key}", e.path.split("?")[0])) for e in ENDPOINTS}
    assert {(m, re.sub(r"\{\w+\}", "{key}", p)) for m, p in routes} == covered
    assert MATRIX_SIZE == len(ENDPOINTS) * len(ROLES) * len(SCOPES) == 44 * 5 * 3
    print(f"\nnetwork permission matrix: {len(ENDPOINTS)} endpoints x {len(ROLES)} roles x "
          f"{len(SCOPES)} scopes = {MATRIX_SIZE} cases")


@pytest.mark.parametrize(("endpoint", "role", "scope"), CASES,
                         ids=[f"{e.name}|{r}|{s}" for e, r, s in CASES])
def test_permission_matrix(matrix, endpoint: Endpoint, role: str, scope: str):
    side = OWN if scope == "own" else OTHER
    values = endpoint.prepare(matrix.boss, side) if endpoint.prepare else dict(side)
    path = endpoint.path.format(**values)
    api = matrix.clients[(role, scope)]
    kwargs = {"json": endpoint.body(values)} if endpoint.body else {}
    response = api._call(endpoint.method, path, **kwargs)
    want = expected(endpoint, role, scope)
    assert outcome(response.status_code) == want, (
        f"{endpoint.method} {path} as {role} ({scope}): {response.status_code} "
        f"{response.get_data(as_text=True)[:300]}")
    if want != ALLOW and endpoint.method == "DELETE":
        still = matrix.clients[("coordinator", "own")].get(path)
        assert still.status_code == 200, f"{path} was deleted by a refused request"
