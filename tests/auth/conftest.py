"""Fixtures of the administration tests: a programme with a partner and a municipality in
its network, and its coordinator's access."""
from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from app.models import Role, Tenant, User
from app.network import service as network
from app.tenancy import Access
from tests.conftest import make_user

PARTNER, MUNICIPALITY = "p-museum", "m-town"
LINK_RE = re.compile(r'id="link"[^>]*value="([^"]+)"')


@pytest.fixture
def boss(tenant: Tenant) -> User:
    """The programme's coordinator."""
    return make_user(tenant=tenant, role="coordinator")


@pytest.fixture
def access(tenant: Tenant, boss: User) -> Access:
    return Access(tenant, Role.COORDINATOR, None, boss.id)


@pytest.fixture
def network_entities(access: Access) -> Access:
    network.create_partner(access=access, data={"key": PARTNER, "name": "Museum",
                                                "kind": "museum"})
    network.create_municipality(access=access, data={"key": MUNICIPALITY, "name": "Town"})
    return access


def sign_in(client: FlaskClient, user: User) -> FlaskClient:
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
    return client


def link_token(html: str) -> str:
    match = LINK_RE.search(html)
    assert match, "no link on the page"
    return match.group(1).rstrip("/").rsplit("/", 1)[1]
