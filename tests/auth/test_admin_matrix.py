"""The permission matrix of the account and administration pages: every route of the
auth blueprint x every role (and a platform admin, and nobody logged in) x the own
programme and a foreign one. Allowed is a 2xx answer or a redirect that is not to the login
page, denied a 403, hidden a 404, login a redirect to the login page."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app import create_app
from app.auth import service_invitations
from app.auth.service import create_token
from app.extensions import db
from app.models import ApiToken, Role, Tenant
from app.platform import create_tenant
from app.tenancy import Access
from tests.auth.conftest import sign_in
from tests.conftest import IsolatedClient, csrf_token, make_config, make_user, sql_settings

ROLES = ("coordinator", "partner", "municipality", "school", "evaluator", "admin",
         "anonymous")
SCOPES = ("own", "foreign-tenant")
ALLOW, DENY, HIDE, LOGIN = "allow", "deny", "hidden", "login"
# expected outcome per role in the own programme; a foreign programme hides tenant routes
USERS = {"coordinator": ALLOW, "partner": DENY, "municipality": DENY, "school": DENY,
         "evaluator": DENY, "admin": ALLOW, "anonymous": LOGIN}
PLATFORM = {**{r: DENY for r in ROLES}, "admin": ALLOW, "anonymous": LOGIN}
ACCOUNT = {**{r: ALLOW for r in ROLES}, "anonymous": LOGIN}
# a link's holder need not be logged in; logged in, they must be the one invited
INVITE_LINK = {**{r: DENY for r in ROLES}, "anonymous": ALLOW}
RESET_LINK = {r: ALLOW for r in ROLES}
LOGOUT = {r: LOGIN for r in ROLES}  # done (or never logged in): on to the login page
LOGIN_PAGE = {**{r: ALLOW for r in ROLES}}


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    expect: dict[str, str]
    tenant: bool = True  # a programme's route: hidden from a foreign programme's members
    data: dict | None = None
    prepare: Callable[[Flask, Tenant], dict] | None = None


@dataclass
class World:
    app: Flask
    tenant: Tenant
    boss: Access
    clients: dict[tuple[str, str], tuple[FlaskClient, str]]


def member(app: Flask, tenant: Tenant) -> dict:
    return {"user_id": make_user(tenant=tenant, role="evaluator").id}


def token(app: Flask, tenant: Tenant) -> dict:
    user = make_user(tenant=tenant, role="evaluator")
    create_token(user=user)
    return {"token_id": db.session.execute(db.select(ApiToken.id).filter_by(
        user_id=user.id)).scalar_one()}


def programme(app: Flask, tenant: Tenant) -> dict:
    return {"slug": create_tenant(slug=f"p{make_user(tenant=None, role=None).id}x",
                                  name="P", start_year=2024).slug}


def pending(app: Flask, tenant: Tenant) -> dict:
    link, _clear = service_invitations.create_invitation(
        access=Access(tenant, Role.COORDINATOR, None, None),
        email=f"w{make_user(tenant=None, role=None).id}@x.org", role="evaluator")
    return {"invitation_id": link.id}


def _link(kind: str) -> Callable[[Flask, Tenant], dict]:
    def make(app: Flask, tenant: Tenant) -> dict:
        boss = Access(tenant, Role.COORDINATOR, None, None)
        if kind == "invite":
            _l, clear = service_invitations.create_invitation(
                access=boss, email=f"i{make_user(tenant=None, role=None).id}@x.org",
                role="evaluator")
        else:
            _l, clear = service_invitations.create_reset_link(
                access=boss, user_id=member(app, tenant)["user_id"])
        return {"token": clear}
    return make


T = "/t/{slug}/users"
ROUTES: list[Route] = [
    Route("GET", T, USERS),
    Route("POST", f"{T}/invite", USERS, data={"email": "new@x.org", "role": "evaluator"}),
    Route("POST", f"{T}/invitations/{{invitation_id}}/cancel", USERS, prepare=pending),
    Route("POST", f"{T}/{{user_id}}/membership", USERS, data={"role": "evaluator"},
          prepare=member),
    Route("POST", f"{T}/{{user_id}}/revoke", USERS, prepare=member),
    Route("POST", f"{T}/{{user_id}}/reset", USERS, prepare=member),
    Route("POST", f"{T}/{{user_id}}/deactivate", USERS, prepare=member),
    Route("POST", f"{T}/tokens/{{token_id}}/revoke", USERS, prepare=token),
    Route("GET", "/admin/programmes", PLATFORM, tenant=False),
    Route("POST", "/admin/programmes", PLATFORM, tenant=False,
          data={"slug": "made-here", "name": "Made", "start_year": "2024"}),
    Route("POST", "/admin/programmes/{slug}/archive", PLATFORM, tenant=False,
          prepare=programme),
    Route("POST", "/admin/programmes/{slug}/unarchive", PLATFORM, tenant=False,
          prepare=programme),
    Route("GET", "/account/tokens", ACCOUNT, tenant=False),
    Route("POST", "/account/tokens", ACCOUNT, tenant=False, data={"name": "matrix"}),
    Route("POST", "/account/tokens/{token_id}/revoke", ACCOUNT, tenant=False),
    Route("POST", "/account/language", ACCOUNT, tenant=False, data={"language": "ca"}),
    Route("GET", "/account/password", ACCOUNT, tenant=False),
    Route("POST", "/account/password", ACCOUNT, tenant=False),
    Route("GET", "/invite/{token}", INVITE_LINK, tenant=False, prepare=_link("invite")),
    Route("POST", "/invite/{token}", INVITE_LINK, tenant=False, prepare=_link("invite"),
          data={"new": "a-long-password", "confirm": "a-long-password"}),
    Route("GET", "/reset/{token}", RESET_LINK, tenant=False, prepare=_link("reset")),
    Route("POST", "/reset/{token}", RESET_LINK, tenant=False, prepare=_link("reset"),
          data={"new": "a-long-password", "confirm": "a-long-password"}),
    Route("GET", "/login", LOGIN_PAGE, tenant=False),
    Route("POST", "/login", LOGIN_PAGE, tenant=False),
    Route("POST", "/logout", LOGOUT, tenant=False),  # last: it ends the sessions
]
CASES = [(route, role, scope) for route in ROUTES for role in ROLES for scope in SCOPES
         if route.tenant or scope == "own"]


def expected(route: Route, role: str, scope: str) -> str:
    if scope == "foreign-tenant" and role not in ("admin", "anonymous"):
        return HIDE
    return route.expect[role]


def outcome(status: int, location: str) -> str:
    if status in (302, 303) and "/login" in location:
        return LOGIN
    if 200 <= status < 300 or status in (302, 303):
        return ALLOW
    return {403: DENY, 404: HIDE}.get(status, f"status {status}")


def _client(app: Flask, tenant: Tenant, role: str) -> FlaskClient:
    client = app.test_client()
    if role == "anonymous":
        return client
    if role == "admin":
        return sign_in(client, make_user(tenant=None, role=None, platform_admin=True))
    scope = f"{role}-key" if Role(role).scoped else None
    return sign_in(client, make_user(tenant=tenant, role=role, scope_key=scope))


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory, graph_server: dict) -> Iterator[World]:
    tmp = Path(tmp_path_factory.mktemp("admin-matrix"))
    app = create_app(make_config(tmp, graph_server, {
        **sql_settings("sqlite", None, tmp), "LOGIN_RATE_LIMIT": "10000 per minute"}))
    app.test_client_class = IsolatedClient  # each request its own `g`, as in production
    with app.app_context():
        db.create_all()
        home = create_tenant(slug="admin-home", name="Home", start_year=2020)
        away = create_tenant(slug="admin-away", name="Away", start_year=2020)
        clients = {}
        for role in ROLES:
            for scope, member_of in (("own", home), ("foreign-tenant", away)):
                client = _client(app, member_of, role)
                clients[(role, scope)] = (client, csrf_token(client, "/login"))
        yield World(app, home, Access(home, Role.COORDINATOR, None, None), clients)
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


def test_matrix_covers_every_page_of_the_accounts(world):
    converted = re.compile(r"<(?:\w+:)?(\w+)>")
    routes = {(method, converted.sub("{key}", rule.rule))
              for rule in world.app.url_map.iter_rules() if rule.endpoint.startswith("auth.")
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    assert routes == {(r.method, re.sub(r"\{\w+\}", "{key}", r.path)) for r in ROUTES}
    print(f"\naccount pages permission matrix: {len(CASES)} cases")


@pytest.mark.parametrize(("route", "role", "scope"), CASES,
                         ids=[f"{r.method} {r.path}|{role}|{s}" for r, role, s in CASES])
def test_account_page_matrix(world, route: Route, role: str, scope: str):
    client, csrf = world.clients[(role, scope)]
    with world.app.app_context():
        values = {"slug": world.tenant.slug}
        if route.prepare:
            tenant = db.session.execute(db.select(Tenant).filter_by(
                slug=world.tenant.slug)).scalar_one()  # this context's session
            values |= route.prepare(world.app, tenant)
        if "{token_id}" in route.path and not route.prepare:
            values["token_id"] = 10**9  # someone's own token: none, so 404 for the owner
        path = route.path.format(**values)
        response = (client.get(path) if route.method == "GET" else client.post(
            path, data={"csrf_token": csrf, **(route.data or {})}))
    want = expected(route, role, scope)
    if route.path == "/account/tokens/{token_id}/revoke" and want == ALLOW:
        want = HIDE  # the owner has no token with that id: the route answers, it is not hidden
    got = outcome(response.status_code, response.headers.get("Location", ""))
    assert got == want, (f"{route.method} {path} as {role} ({scope}): {response.status_code} "
                         f"{response.get_data(as_text=True).split('<main>')[-1][:400]}")
