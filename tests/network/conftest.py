"""Network fixtures: a small two-of-everything world, accesses and bearer-token clients."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.auth.service import create_token
from app.models import Role, Tenant
from app.network import service
from app.tenancy import Access
from tests.conftest import make_user

# The world every network test can rely on: "own" is what the scoped test users are
# bound to, "other" belongs to someone else in the same tenant.
OWN = {"municipality": "m-own", "zone": "z-own", "school": "s-own", "partner": "p-own",
       "alliance": "a-own", "contribution": "c-own", "measure": "ms-own",
       "assessment": "a-own:2023:partnerships"}
OTHER = {"municipality": "m-other", "zone": "z-other", "school": "s-other",
         "partner": "p-other", "alliance": "a-other", "contribution": "c-other",
         "measure": "ms-other", "assessment": "a-other:2023:partnerships"}
SCOPE_OF = {"partner": "partner", "municipality": "municipality", "school": "school"}


def access_for(tenant: Tenant, role: str, scope_key: str | None = None) -> Access:
    """A real user with this role in `tenant`, as the services see them."""
    if Role(role).scoped and scope_key is None:
        scope_key = OWN[SCOPE_OF[role]]
    user = make_user(tenant=tenant, role=role, scope_key=scope_key)
    return Access(tenant, Role(role), scope_key, user.id)


def build_world(tenant: Tenant) -> Access:
    """Two municipalities, zones, schools, partners, alliances, contributions, measures and
    assessments; returns the coordinator access that made them."""
    boss = access_for(tenant, "coordinator")
    for side, n in ((OWN, 1), (OTHER, 2)):
        service.create_municipality(access=boss, data={
            "key": side["municipality"], "name": f"Municipality {n}", "code": f"0800{n}"})
        service.create_zone(access=boss, data={
            "key": side["zone"], "name": f"Zone {n}", "municipality": side["municipality"]})
        service.create_school(access=boss, data={
            "key": side["school"], "name": f"School {n}", "code": f"0801{n}",
            "level": "primary", "zone": side["zone"], "entry_places": 25 * n})
        service.create_partner(access=boss, data={
            "key": side["partner"], "name": f"Partner {n}", "kind": "museum"})
        service.create_alliance(access=boss, data={
            "key": side["alliance"], "school": side["school"], "partner": side["partner"],
            "theme": "marine science", "start_year": 2022, "advisory_hours": 15,
            "training_share": 0.85})
        service.create_contribution(access=boss, data={
            "key": side["contribution"], "alliance": side["alliance"], "date": "2023-10-05",
            "kind": "training", "hours": 3, "teachers": 12})
        service.create_measure(access=boss, data={
            "key": side["measure"], "municipality": side["municipality"],
            "kind": "place_reservation", "start": "2023-01-01", "schools": [side["school"]]})
        service.upsert_assessment(access=boss, data={
            "alliance": side["alliance"], "year": 2023, "component": "partnerships",
            "stage": "planning", "benchmarks": ["funding"]})
    return boss


@pytest.fixture
def world(tenant: Tenant) -> Access:
    return build_world(tenant)


@pytest.fixture
def as_role(tenant: Tenant) -> Callable[..., Access]:
    def make(role: str, scope_key: str | None = None) -> Access:
        return access_for(tenant, role, scope_key)
    return make


@dataclass
class Api:
    """A bearer-token client for one user, with the tenant's API prefix."""

    client: FlaskClient
    token: str
    prefix: str

    def _call(self, method: str, path: str, **kwargs):
        """One request in its own app context: the test's context is left alone, and `g`
        (where Flask-Login caches the user) is never shared between two clients."""
        headers = {"Authorization": f"Bearer {self.token}", **kwargs.pop("headers", {})}
        url = path if path.startswith("/api/") else self.prefix + path
        with self.client.application.app_context():
            return self.client.open(url, method=method, headers=headers, **kwargs)

    def get(self, path: str, **kw):
        return self._call("GET", path, **kw)

    def post(self, path: str, **kw):
        return self._call("POST", path, **kw)

    def patch(self, path: str, **kw):
        return self._call("PATCH", path, **kw)

    def delete(self, path: str, **kw):
        return self._call("DELETE", path, **kw)


def api_client(app: Flask, tenant: Tenant, role: str, scope_key: str | None = None, *,
               member_of: Tenant | None = None) -> Api:
    """A token client for a user with `role` in `member_of` (default: `tenant`), aimed at
    `tenant`'s API."""
    if Role(role).scoped and scope_key is None:
        scope_key = OWN[SCOPE_OF[role]]
    user = make_user(tenant=member_of or tenant, role=role, scope_key=scope_key)
    return Api(app.test_client(), create_token(user=user, name="tests"),
               f"/api/v1/tenants/{tenant.slug}")


@pytest.fixture
def api_as(app: Flask, tenant: Tenant) -> Callable[..., Api]:
    def make(role: str, scope_key: str | None = None) -> Api:
        return api_client(app, tenant, role, scope_key)
    return make
