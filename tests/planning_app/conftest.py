"""Planning service fixtures: the network tests' two-sided world and its accesses."""
from __future__ import annotations

from collections.abc import Callable

import pytest

from app.models import Tenant
from app.tenancy import Access
from tests.network.conftest import access_for, build_world


@pytest.fixture
def world(tenant: Tenant) -> Access:
    return build_world(tenant)


@pytest.fixture
def as_role(tenant: Tenant) -> Callable[..., Access]:
    def make(role: str, scope_key: str | None = None) -> Access:
        return access_for(tenant, role, scope_key)
    return make


@pytest.fixture
def as_user(app, tenant: Tenant):
    """A logged-in page client per role, bound to the own side's entity when scoped."""
    from tests.network_pages.conftest import page_client

    def make(role: str, scope_key: str | None = None):
        return page_client(app, tenant, role, scope_key)
    return make
