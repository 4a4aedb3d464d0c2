"""Sessions that end (issue 10, failure 3): a per-user session generation checked on every
request, so logout and a password change end the other sessions and a cookie captured
before logout stops working; deactivation stops sessions and tokens at the next request."""
from __future__ import annotations

import pytest

from app.auth.service import create_token
from app.extensions import db
from app.models import AuditEvent, User
from tests.conftest import PASSWORD, csrf_token, make_user


def log_in(client, user: User) -> None:
    response = client.post("/login", data={"email": user.email, "password": PASSWORD,
                                           "csrf_token": csrf_token(client)})
    assert response.status_code == 302, response.get_data(as_text=True)


def copy_session(source, target) -> None:
    """What an attacker holding a copy of the cookie would send."""
    target.set_cookie("session", source.get_cookie("session").value)


def logged_in(client, tenant) -> bool:
    return client.get(f"/t/{tenant.slug}/").status_code == 200


@pytest.fixture
def member(tenant) -> User:
    return make_user(tenant=tenant, role="coordinator")


def test_a_cookie_captured_before_logout_stops_working_after_it(app, client, tenant, member):
    log_in(client, member)
    thief = app.test_client()
    copy_session(client, thief)
    assert logged_in(thief, tenant)
    client.post("/logout", data={"csrf_token": csrf_token(client, f"/t/{tenant.slug}/")})
    assert not logged_in(client, tenant)
    response = thief.get(f"/t/{tenant.slug}/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_password_change_ends_the_other_sessions_and_tokens(app, client, tenant, member):
    log_in(client, member)
    other = app.test_client()
    log_in(other, member)
    token = create_token(user=member)
    bearer = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/me", headers=bearer).status_code == 200
    response = client.post("/account/password", data={
        "csrf_token": csrf_token(client, "/account/password"), "current": PASSWORD,
        "new": "a-brand-new-password", "confirm": "a-brand-new-password"})
    assert response.status_code == 302
    assert logged_in(client, tenant), "the session that changed the password goes on"
    assert not logged_in(other, tenant)
    assert app.test_client().get("/api/v1/me", headers=bearer).status_code == 401


def test_logging_in_again_after_logout_works(app, client, tenant, member):
    log_in(client, member)
    client.post("/logout", data={"csrf_token": csrf_token(client, f"/t/{tenant.slug}/")})
    log_in(client, member)
    assert logged_in(client, tenant)


def test_deactivate_user_command_stops_sessions_and_tokens(app, client, runner, tenant,
                                                           member):
    log_in(client, member)
    bearer = {"Authorization": f"Bearer {create_token(user=member)}"}
    result = runner.invoke(args=["deactivate-user", "--email", member.email],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert f"{member.email} is deactivated" in result.output
    assert not logged_in(client, tenant)
    assert app.test_client().get("/api/v1/me", headers=bearer).status_code == 401
    assert db.session.execute(db.select(AuditEvent).filter_by(
        action="user.deactivate", target=member.email)).scalar_one()
    unknown = runner.invoke(args=["deactivate-user", "--email", "nobody@x.example"])
    assert unknown.exit_code == 1 and "No user with email" in unknown.output


def test_a_coordinator_deactivates_a_member(app, client, tenant, login_as):
    boss = login_as("coordinator")
    victim = make_user(tenant=tenant, role="partner", scope_key="p-1")
    victim_client = app.test_client()
    log_in(victim_client, victim)
    bearer = {"Authorization": f"Bearer {create_token(user=victim)}"}
    page = client.get(f"/t/{tenant.slug}/users").get_data(as_text=True)
    assert f"/t/{tenant.slug}/users/{victim.id}/deactivate" in page
    response = client.post(f"/t/{tenant.slug}/users/{victim.id}/deactivate",
                           data={"csrf_token": csrf_token(client, f"/t/{tenant.slug}/users")})
    assert response.status_code == 302
    assert not logged_in(victim_client, tenant)
    assert app.test_client().get("/api/v1/me", headers=bearer).status_code == 401
    event = db.session.execute(db.select(AuditEvent).filter_by(
        action="user.deactivate", target=victim.email)).scalar_one()
    assert (event.tenant_id, event.user_id) == (tenant.id, boss.id)


def test_a_coordinator_may_not_deactivate_someone_of_another_programme(
        client, tenant, other_tenant, login_as):
    login_as("coordinator")
    shared = make_user(tenant=tenant, role="evaluator")
    from app.auth.service import grant
    grant(user=shared, tenant=other_tenant, role="evaluator")
    stranger = make_user(tenant=other_tenant, role="evaluator")
    token = csrf_token(client, f"/t/{tenant.slug}/users")
    refused = client.post(f"/t/{tenant.slug}/users/{shared.id}/deactivate",
                          data={"csrf_token": token})
    assert refused.status_code == 403
    assert client.post(f"/t/{tenant.slug}/users/{stranger.id}/deactivate",
                       data={"csrf_token": token}).status_code == 404
    db.session.refresh(shared)
    db.session.refresh(stranger)
    assert shared.active and stranger.active


def test_only_coordinators_deactivate(client, tenant, login_as):
    login_as("partner")
    victim = make_user(tenant=tenant, role="evaluator")
    response = client.post(f"/t/{tenant.slug}/users/{victim.id}/deactivate",
                           data={"csrf_token": csrf_token(client, f"/t/{tenant.slug}/")})
    assert response.status_code == 403
    db.session.refresh(victim)
    assert victim.active
