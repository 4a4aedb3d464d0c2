"""The permission matrix of the network API: every endpoint × every role × own scope,
foreign scope (another partner's alliance, another municipality, another school) and
foreign tenant. Allowed means a 2xx answer, denied a 403, hidden a 404.

One app, one pair of tenants and one world serve the whole module; a case that writes
gets fresh targets made for it first, so the cases never depend on one another.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask

from app.tenancy import Access
from tests.network.conftest import OTHER, OWN, Api, api_client
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
    side_school,
    two_tenants,
)

EXPORT_CONTRIBUTIONS = LOG_CONTRIBUTIONS


def _crud(plural: str, read: dict, edit: dict, *, list_query: str, create: Callable,
          patch: dict, fresh: Callable, create_prepare: Callable | None = None, one_key: str,
          patch_expect: dict | None = None,
          patch_prepare: Callable | None = None) -> list[Request]:
    base = f"/{plural}"
    return [
        Request("GET", f"{base}?{list_query}", read),
        Request("GET", f"{base}/{{{one_key}}}", read),
        Request("POST", base, edit, data=create, prepare=create_prepare),
        Request("PATCH", f"{base}/{{key}}", patch_expect or edit, data=lambda v: patch,
                prepare=patch_prepare or fresh),
        Request("DELETE", f"{base}/{{key}}", edit, prepare=fresh),
    ]


ENDPOINTS: list[Request] = [
    *_crud("municipalities", READ, EDIT, list_query="q=municipality",
           create=lambda v: {"name": "New municipality"}, patch={"name": "Renamed"},
           fresh=fresh_municipality, one_key="municipality"),
    *_crud("zones", READ, EDIT, list_query="municipality={municipality}",
           create=lambda v: {"name": "New zone", "municipality": v["municipality"]},
           patch={"name": "Renamed"}, fresh=fresh_zone, one_key="zone"),
    *_crud("schools", READ, EDIT, list_query="municipality={municipality}",
           create=lambda v: {"name": "New school", "level": "secondary", "zone": v["zone"]},
           patch={"name": "Renamed", "entry_places": 30}, fresh=fresh_school,
           one_key="school", patch_expect=SCHOOL_PROFILE, patch_prepare=side_school),
    *_crud("partners", READ, EDIT, list_query="kind=museum",
           create=lambda v: {"name": "New partner", "kind": "university"},
           patch={"name": "Renamed"}, fresh=fresh_partner, one_key="partner"),
    *_crud("alliances", READ, EDIT, list_query="partner={partner}",
           create=lambda v: {"school": v["free_school"], "partner": v["partner"],
                             "theme": "arts", "start_year": 2024},
           create_prepare=free_school, patch={"trainer": "A. Trainer"},
           fresh=fresh_alliance, one_key="alliance"),
    Request("POST", "/alliances/{key}/end", EDIT, data=lambda v: {"end_year": 2024},
            prepare=fresh_alliance),
    Request("POST", "/alliances/{key}/change-partner", EDIT,
            data=lambda v: {"partner": v["partner"], "start_year": 2024},
            prepare=fresh_alliance),
    *_crud("contributions", READ_CONTRIBUTIONS, LOG_CONTRIBUTIONS,
           list_query="alliance={alliance}",
           create=lambda v: {"alliance": v["alliance"], "date": "2024-02-01",
                             "kind": "workshop", "hours": 2},
           patch={"hours": 5}, fresh=fresh_contribution, one_key="contribution"),
    Request("GET", "/contributions.csv?alliance={alliance}", EXPORT_CONTRIBUTIONS),
    *_crud("measures", MEASURES, MEASURES, list_query="municipality={municipality}",
           create=lambda v: {"municipality": v["municipality"], "kind": "zoning_change",
                             "start": "2024-09-01", "schools": [v["school"]]},
           patch={"description": "Extended"}, fresh=fresh_measure, one_key="measure"),
    Request("POST", "/measures/{key}/end", MEASURES, data=lambda v: {"end": "2024-12-31"},
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
    tmp = Path(tmp_path_factory.mktemp("matrix"))
    with two_tenants(tmp, graph_server, home="matrix-home",
                     away="matrix-away") as (app, tenant, elsewhere, boss):
        clients = {(role, scope): api_client(app, tenant, role,
                                             member_of=elsewhere if scope == "foreign-tenant"
                                             else tenant)
                   for role in ROLES for scope in ("own", "foreign-tenant")}
        clients.update({(role, "foreign"): clients[(role, "own")] for role in ROLES})
        yield Matrix(app, boss, clients)


def test_matrix_covers_every_network_endpoint(matrix):
    """Every route of the network API appears in the matrix, and the size is as stated."""
    converted = re.compile(r"<(?:\w+:)?(\w+)>")
    routes = {(method, converted.sub(r"{\1}", rule.rule).split("/tenants/{slug}")[1])
              for rule in matrix.app.url_map.iter_rules()
              if rule.endpoint.startswith("api.network.") and "/tenants/<slug>/" in rule.rule
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
def test_permission_matrix(matrix, endpoint: Request, role: str, scope: str):
    side = OWN if scope == "own" else OTHER
    values = endpoint.prepare(matrix.boss, side) if endpoint.prepare else dict(side)
    path = endpoint.path.format(**values)
    api = matrix.clients[(role, scope)]
    kwargs = {"json": endpoint.data(values)} if endpoint.data else {}
    response = api._call(endpoint.method, path, **kwargs)
    want = expected(endpoint, role, scope)
    assert outcome(response.status_code) == want, (
        f"{endpoint.method} {path} as {role} ({scope}): {response.status_code} "
        f"{response.get_data(as_text=True)[:300]}")
    if want != ALLOW and endpoint.method == "DELETE":
        still = matrix.clients[("coordinator", "own")].get(path)
        assert still.status_code == 200, f"{path} was deleted by a refused request"
