"""Who may see what: login, tenants, roles, CSRF, rate limits, tokens, cookies, logout."""
from __future__ import annotations

import re

import pytest

from app import create_app
from app.auth.service import create_token
from app.extensions import db
from app.models import AuditEvent, User
from config import ConfigError, ProductionConfig
from tests.conftest import PASSWORD, csrf_token, make_user

pytestmark = pytest.mark.both_sql
WRONG = "Wrong email or password."


def log_in(client, email: str, password: str, **kwargs):
    token = csrf_token(client, "/login")
    return client.post("/login", data={"email": email, "password": password,
                                       "csrf_token": token}, **kwargs)


def test_anonymous_pages_redirect_to_login(client, tenant):
    response = client.get(f"/t/{tenant.slug}/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")
    assert f"/t/{tenant.slug}/" in response.headers["Location"]
    assert client.get("/").status_code == 302


def test_anonymous_api_answers_401_json(client, tenant):
    for path in ("/api/v1/tenants", f"/api/v1/tenants/{tenant.slug}", "/api/v1/me"):
        response = client.get(path)
        assert response.status_code == 401, path
        assert response.get_json()["error"] == "Unauthorized"


def test_login_then_back_to_the_page_asked_for(client, tenant):
    user = make_user(tenant=tenant, role="coordinator")
    response = log_in(client, user.email, PASSWORD, query_string={"next": f"/t/{tenant.slug}/"})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/t/{tenant.slug}/"
    page = client.get(f"/t/{tenant.slug}/")
    assert page.status_code == 200
    assert f"<h1>{tenant.name}</h1>" in page.get_data(as_text=True)


@pytest.mark.parametrize("target", ["//evil.example/", "/\\evil.example", "https://evil.example/",
                                    "/\t/evil.example"])
def test_login_never_redirects_off_site(client, tenant, target):
    user = make_user(tenant=tenant, role="coordinator")
    response = log_in(client, user.email, PASSWORD, query_string={"next": target})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_member_of_one_tenant_gets_404_for_another(client, tenant, other_tenant, login_as):
    login_as("coordinator")
    assert client.get(f"/t/{tenant.slug}/").status_code == 200
    hidden = client.get(f"/t/{other_tenant.slug}/")
    missing = client.get("/t/no-such-programme/")
    assert hidden.status_code == missing.status_code == 404
    assert other_tenant.name not in hidden.get_data(as_text=True)
    api = client.get(f"/api/v1/tenants/{other_tenant.slug}")
    assert api.status_code == 404
    assert api.get_json()["error"] == "Not Found"
    assert client.get(f"/t/{other_tenant.slug}/users").status_code == 404
    listed = client.get("/api/v1/tenants").get_json()
    assert [t["slug"] for t in listed] == [tenant.slug]


def test_platform_admin_may_enter_every_tenant(client, tenant, other_tenant):
    admin = make_user(tenant=None, role=None, platform_admin=True)
    with client.session_transaction() as session:
        session["_user_id"] = str(admin.id)
    assert client.get(f"/t/{other_tenant.slug}/users").status_code == 200


@pytest.mark.parametrize("role", ["partner", "municipality", "school", "evaluator"])
def test_a_role_without_the_permission_gets_403(client, tenant, login_as, role):
    login_as(role)
    assert client.get(f"/t/{tenant.slug}/").status_code == 200
    response = client.get(f"/t/{tenant.slug}/users")
    assert response.status_code == 403
    assert "may not do this" in response.get_data(as_text=True)


def test_the_coordinator_sees_the_users_of_the_programme(client, tenant, login_as):
    me = login_as("coordinator")
    school = make_user(tenant=tenant, role="school", scope_key="s-01")
    response = client.get(f"/t/{tenant.slug}/users")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert me.email in html and school.email in html and "s-01" in html
    home = client.get(f"/t/{tenant.slug}/").get_data(as_text=True)
    assert f'href="/t/{tenant.slug}/users"' in home


def test_wrong_password_gets_one_generic_answer(client, tenant):
    user = make_user(tenant=tenant, role="coordinator")
    wrong = log_in(client, user.email, "not-the-password")
    unknown = log_in(client, "nobody@test.example", "not-the-password")
    assert wrong.status_code == unknown.status_code == 401
    bodies = [r.get_data(as_text=True) for r in (wrong, unknown)]
    assert all(WRONG in body for body in bodies)

    def neutral(body: str, email: str) -> str:
        return re.sub(r'name="csrf_token"[^>]*>', "", body).replace(email, "EMAIL")
    assert neutral(bodies[0], user.email) == neutral(bodies[1], "nobody@test.example")


def test_an_inactive_user_cannot_log_in_and_loses_the_session(client, tenant, login_as):
    user = login_as("coordinator")
    assert client.get(f"/t/{tenant.slug}/").status_code == 200
    user.active = False
    db.session.commit()
    assert client.get(f"/t/{tenant.slug}/").status_code == 302
    response = log_in(client, user.email, PASSWORD)
    assert response.status_code == 401
    assert WRONG in response.get_data(as_text=True)


def test_post_without_csrf_token_is_rejected(client, tenant):
    user = make_user(tenant=tenant, role="coordinator")
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 400
    assert "CSRF" in response.get_data(as_text=True)
    bad = client.post("/login", data={"email": user.email, "password": PASSWORD,
                                      "csrf_token": "forged"})
    assert bad.status_code == 400
    assert client.get(f"/t/{tenant.slug}/").status_code == 302  # still not logged in


def _limit(app) -> int:
    return int(app.config["LOGIN_RATE_LIMIT"].split()[0])


def test_brute_force_is_limited_per_address(app, client, tenant):
    user = make_user(tenant=tenant, role="coordinator")
    for i in range(_limit(app)):
        assert log_in(client, f"guess{i}@test.example", "guess").status_code == 401
    blocked = log_in(client, user.email, PASSWORD)
    assert blocked.status_code == 429
    assert "Too Many Requests" in blocked.get_data(as_text=True)


def test_brute_force_is_limited_per_email_across_addresses(app, client, tenant):
    user = make_user(tenant=tenant, role="coordinator")
    for i in range(_limit(app)):
        response = log_in(client, user.email, "guess",
                          environ_base={"REMOTE_ADDR": f"10.0.0.{i + 1}"})
        assert response.status_code == 401
    blocked = log_in(client, user.email, PASSWORD, environ_base={"REMOTE_ADDR": "10.0.1.1"})
    assert blocked.status_code == 429


def test_each_app_starts_with_fresh_rate_limits(app, client, tenant, tmp_path, graph_server,
                                                sql_backend, pg_schema):
    """Limits reached in one app (one test) never carry over to the next one."""
    from tests.conftest import make_config, sql_settings
    email = make_user(tenant=tenant, role="coordinator").email
    for _ in range(_limit(app)):
        log_in(client, email, "guess")
    assert log_in(client, email, PASSWORD).status_code == 429
    fresh = create_app(make_config(tmp_path, graph_server,
                                   sql_settings(sql_backend, pg_schema, tmp_path)))
    with fresh.app_context():
        assert log_in(fresh.test_client(), email, PASSWORD).status_code == 302
        db.session.remove()
        db.engine.dispose()


def test_bearer_token_authenticates_the_api(client, tenant):
    user = make_user(tenant=tenant, role="evaluator")
    token = create_token(user=user, name="test")
    assert token.startswith("imt_")
    headers = {"Authorization": f"Bearer {token}"}
    listed = client.get("/api/v1/tenants", headers=headers)
    assert listed.status_code == 200
    assert [t["slug"] for t in listed.get_json()] == [tenant.slug]
    one = client.get(f"/api/v1/tenants/{tenant.slug}", headers=headers)
    assert one.get_json()["role"] == "evaluator"
    assert client.get("/api/v1/tenants",
                      headers={"Authorization": "Bearer imt_wrong"}).status_code == 401
    assert client.get(f"/t/{tenant.slug}/", headers=headers).status_code == 302  # API only
    assert "Set-Cookie" not in listed.headers  # a token client gets no session


def test_a_revoked_token_or_inactive_user_is_refused(client, tenant):
    from app.models import ApiToken
    user = make_user(tenant=tenant, role="coordinator")
    headers = {"Authorization": f"Bearer {create_token(user=user)}"}
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    user.active = False
    db.session.commit()
    assert client.get("/api/v1/me", headers=headers).status_code == 401
    user.active = True
    db.session.execute(db.update(ApiToken).values(revoked=True))
    db.session.commit()
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_session_cookie_is_httponly_and_samesite(client, tenant):
    user = make_user(tenant=tenant, role="coordinator")
    response = log_in(client, user.email, PASSWORD)
    cookies = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("session=")]
    assert cookies, response.headers
    assert "HttpOnly" in cookies[-1]
    assert "SameSite=Lax" in cookies[-1]


def test_production_refuses_to_start_without_secret_key_and_sets_secure_cookies(
        app, graph_server, tmp_path):
    from tests.conftest import make_config
    settings = make_config(tmp_path, graph_server, {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'prod.sqlite3'}"}).__dict__
    base = {k: v for k, v in settings.items() if k.isupper()}
    keyless = type("Keyless", (ProductionConfig,), {**base, "SECRET_KEY": None})
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app(keyless)
    keyed = type("Keyed", (ProductionConfig,), {**base, "SECRET_KEY": "s" * 40})
    prod = create_app(keyed)
    assert prod.config["SESSION_COOKIE_SECURE"] is True
    assert prod.config["SESSION_COOKIE_HTTPONLY"] is True


def test_password_change(client, tenant, app):
    user = make_user(tenant=tenant, role="school", scope_key="s-01")
    assert log_in(client, user.email, PASSWORD).status_code == 302
    token = csrf_token(client, "/account/password")
    wrong = client.post("/account/password", data={
        "current": "not-it", "new": "a-new-password-1", "confirm": "a-new-password-1",
        "csrf_token": token})
    assert wrong.status_code == 200
    assert "The current password is wrong." in wrong.get_data(as_text=True)
    differ = client.post("/account/password", data={
        "current": PASSWORD, "new": "a-new-password-1", "confirm": "another-one-22",
        "csrf_token": token})
    assert "The passwords differ." in differ.get_data(as_text=True)
    done = client.post("/account/password", data={
        "current": PASSWORD, "new": "a-new-password-1", "confirm": "a-new-password-1",
        "csrf_token": token}, follow_redirects=True)
    assert "Your password has been changed." in done.get_data(as_text=True)
    db.session.expire_all()
    fresh = db.session.get(User, user.id)
    assert fresh.check_password("a-new-password-1") and not fresh.check_password(PASSWORD)
    assert db.session.execute(db.select(AuditEvent).filter_by(
        action="user.password", user_id=user.id)).scalar_one()


def test_logout_needs_post_with_csrf(client, tenant, login_as):
    login_as("coordinator")
    home = f"/t/{tenant.slug}/"
    assert client.get("/logout").status_code == 405
    assert client.post("/logout").status_code == 400
    assert client.get(home).status_code == 200  # still logged in
    token = csrf_token(client, home)
    response = client.post("/logout", data={"csrf_token": token})
    assert response.status_code == 302
    assert response.headers["Location"] == "/login"
    assert client.get(home).status_code == 302


def test_every_tenant_route_declares_a_known_permission(app):
    from app.tenancy import PERMISSIONS
    known = set().union(*PERMISSIONS.values())
    checked = 0
    for rule in app.url_map.iter_rules():
        view = app.view_functions[rule.endpoint]
        if "slug" in rule.arguments and rule.rule.startswith(("/t/", "/api/v1/tenants/")):
            assert getattr(view, "permission", None) in known, \
                f"{rule.rule} is not guarded by tenant_route(<known permission>)"
            checked += 1
    assert checked >= 3
