"""Fixtures for the network's pages: the two-of-everything world of tests/network, and
logged-in test clients per role."""
from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.models import Role, Tenant
from app.tenancy import Access
from tests.conftest import make_user
from tests.network.conftest import OTHER, OWN, SCOPE_OF, build_world

__all__ = ["OTHER", "OWN", "build_world", "page_client"]


def page_client(app: Flask, tenant: Tenant, role: str, scope_key: str | None = None, *,
                member_of: Tenant | None = None) -> FlaskClient:
    """A browser-like client logged in as a new user with `role` in `member_of`
    (default: `tenant`), bound to the own side's entity when the role is scoped."""
    if Role(role).scoped and scope_key is None:
        scope_key = OWN[SCOPE_OF[role]]
    user = make_user(tenant=member_of or tenant, role=role, scope_key=scope_key)
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = str(user.id)
        session["_fresh"] = True
    return client


@pytest.fixture
def world(tenant: Tenant) -> Access:
    return build_world(tenant)


@pytest.fixture
def as_user(app: Flask, tenant: Tenant) -> Callable[..., FlaskClient]:
    def make(role: str, scope_key: str | None = None) -> FlaskClient:
        return page_client(app, tenant, role, scope_key)
    return make
