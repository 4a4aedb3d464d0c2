"""Tokens that end (issue 10, failure 3): an expiry (90 days by default, configurable),
shown when created and in the lists; users list and revoke their own, coordinators any
of their programme's members; `imant revoke-token`. Every change is audited."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.auth.service import create_token
from app.extensions import db
from app.models import ApiToken, AuditEvent, User
from app.models.accounts import hash_token
from tests.conftest import csrf_token, make_user


def token_row(clear: str) -> ApiToken:
    return db.session.execute(
        db.select(ApiToken).filter_by(token_hash=hash_token(clear))).scalar_one()


def works(app, clear: str) -> bool:
    response = app.test_client().get("/api/v1/me", headers={"Authorization": f"Bearer {clear}"})
    return response.status_code == 200


def audited(action: str, target_start: str) -> list[AuditEvent]:
    return [e for e in db.session.execute(db.select(AuditEvent).filter_by(action=action))
            .scalars() if e.target.startswith(target_start)]


def as_utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)  # SQLite drops the zone


def test_a_token_expires_after_90_days_by_default(app, tenant):
    clear = create_token(user=make_user(tenant=tenant, role="evaluator"))
    expires = as_utc(token_row(clear).expires_at)
    assert abs(expires - (datetime.now(UTC) + timedelta(days=90))) < timedelta(minutes=5)


def test_the_lifetime_is_configurable(app, tenant):
    app.config["TOKEN_LIFETIME_DAYS"] = 7
    clear = create_token(user=make_user(tenant=tenant, role="evaluator"))
    expires = as_utc(token_row(clear).expires_at)
    assert abs(expires - (datetime.now(UTC) + timedelta(days=7))) < timedelta(minutes=5)


def test_an_expired_token_is_refused(app, tenant):
    clear = create_token(user=make_user(tenant=tenant, role="evaluator"))
    assert works(app, clear)
    token_row(clear).expires_at = datetime.now(UTC) - timedelta(seconds=1)
    db.session.commit()
    assert not works(app, clear)


def test_the_command_prints_the_expiry(runner, tenant):
    user = make_user(tenant=tenant, role="evaluator")
    result = runner.invoke(args=["create-token", "--email", user.email, "--days", "30"],
                           catch_exceptions=False)
    clear, expiry = result.output.strip().splitlines()
    day = (datetime.now(UTC) + timedelta(days=30)).date().isoformat()
    assert expiry == f"expires {day} (in 30 days)"
    assert as_utc(token_row(clear).expires_at).date().isoformat() == day


def test_users_list_and_revoke_their_own_tokens_in_the_api(app, tenant):
    user, other = (make_user(tenant=tenant, role="evaluator") for _ in range(2))
    mine, spare = create_token(user=user, name="laptop"), create_token(user=user, name="ci")
    theirs = create_token(user=other)
    client = app.test_client()
    bearer = {"Authorization": f"Bearer {mine}"}
    listed = client.get("/api/v1/me/tokens", headers=bearer).get_json()
    assert sorted(t["name"] for t in listed) == ["ci", "laptop"]
    assert {"id", "name", "prefix", "created_at", "last_used_at", "expires_at",
            "revoked"} == set(listed[0])
    spare_id = token_row(spare).id
    assert client.delete(f"/api/v1/me/tokens/{spare_id}", headers=bearer).status_code == 204
    assert not works(app, spare) and works(app, mine)
    theirs_id = token_row(theirs).id
    assert client.delete(f"/api/v1/me/tokens/{theirs_id}", headers=bearer).status_code == 404
    assert works(app, theirs)
    assert len(audited("token.revoke", user.email)) == 1


def test_the_token_page_lists_expiry_and_revokes(app, client, tenant, login_as):
    user = login_as("evaluator")
    clear = create_token(user=user, name="laptop")
    row = token_row(clear)
    page = client.get("/account/tokens").get_data(as_text=True)
    assert "laptop" in page and row.prefix in page
    assert as_utc(row.expires_at).date().isoformat() in page
    response = client.post(f"/account/tokens/{row.id}/revoke",
                           data={"csrf_token": csrf_token(client, "/account/tokens")})
    assert response.status_code == 302
    assert not works(app, clear)
    assert "revoked" in client.get("/account/tokens").get_data(as_text=True)


def test_a_coordinator_lists_and_revokes_the_programmes_tokens(app, tenant, other_tenant):
    boss = make_user(tenant=tenant, role="coordinator")
    bearer = {"Authorization": f"Bearer {create_token(user=boss)}"}
    member_token = create_token(user=make_user(tenant=tenant, role="partner", scope_key="p"))
    outsider_token = create_token(user=make_user(tenant=other_tenant, role="evaluator"))
    client = app.test_client()
    base = f"/api/v1/tenants/{tenant.slug}/tokens"
    listed = client.get(base, headers=bearer).get_json()
    assert token_row(member_token).prefix in {t["prefix"] for t in listed}
    assert token_row(outsider_token).prefix not in {t["prefix"] for t in listed}
    assert all("email" in t and "expires_at" in t for t in listed)
    assert client.delete(f"{base}/{token_row(outsider_token).id}",
                         headers=bearer).status_code == 404
    assert client.delete(f"{base}/{token_row(member_token).id}",
                         headers=bearer).status_code == 204
    assert not works(app, member_token) and works(app, outsider_token)
    [event] = audited("token.revoke", "")
    assert (event.tenant_id, event.user_id) == (tenant.id, boss.id)


def test_only_coordinators_revoke_others_tokens(app, tenant):
    partner = make_user(tenant=tenant, role="partner", scope_key="p")
    bearer = {"Authorization": f"Bearer {create_token(user=partner)}"}
    victim = create_token(user=make_user(tenant=tenant, role="evaluator"))
    client = app.test_client()
    assert client.get(f"/api/v1/tenants/{tenant.slug}/tokens",
                      headers=bearer).status_code == 403
    assert client.delete(f"/api/v1/tenants/{tenant.slug}/tokens/{token_row(victim).id}",
                         headers=bearer).status_code == 403
    assert works(app, victim)


def test_the_users_page_revokes_a_members_token(app, client, tenant, login_as):
    login_as("coordinator")
    clear = create_token(user=make_user(tenant=tenant, role="evaluator"), name="sync")
    row = token_row(clear)
    page = client.get(f"/t/{tenant.slug}/users").get_data(as_text=True)
    assert row.prefix in page and as_utc(row.expires_at).date().isoformat() in page
    response = client.post(f"/t/{tenant.slug}/users/tokens/{row.id}/revoke",
                           data={"csrf_token": csrf_token(client, f"/t/{tenant.slug}/users")})
    assert response.status_code == 302
    assert not works(app, clear)


@pytest.mark.parametrize("how", ["prefix", "email"])
def test_revoke_token_command(app, runner, tenant, how):
    user = make_user(tenant=tenant, role="evaluator")
    clear = create_token(user=user)
    value = token_row(clear).prefix if how == "prefix" else user.email
    result = runner.invoke(args=["revoke-token", f"--{how}", value], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "revoked 1 token" in result.output
    assert not works(app, clear)
    assert len(audited("token.revoke", user.email)) == 1
    again = runner.invoke(args=["revoke-token", "--prefix", "imt_nothing"])
    assert again.exit_code == 1 and "No active token" in again.output


@pytest.mark.both_sql
def test_the_migration_gives_existing_tokens_the_default_lifetime(app, sql_backend):
    import flask_migrate
    import sqlalchemy as sa
    db.session.remove()
    db.drop_all()
    try:
        flask_migrate.upgrade(revision="46c3403a3b7f")
        created = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)
        with db.engine.begin() as conn:
            conn.execute(sa.text(
                "INSERT INTO user_account (id, email, name, password_hash, active, "
                "is_platform_admin, created_at) VALUES (1, 'a@x.example', '', 'h', :t, :f, :c)"),
                {"t": True, "f": False, "c": created})
            conn.execute(sa.text(
                "INSERT INTO api_token (id, user_id, name, prefix, token_hash, created_at, "
                "revoked) VALUES (1, 1, 'old', 'imt_old', 'hash', :c, :f)"),
                {"c": created, "f": False})
        flask_migrate.upgrade()
        token, user = db.session.get(ApiToken, 1), db.session.get(User, 1)
        assert as_utc(token.expires_at) == created + timedelta(days=90)
        assert user.session_generation == 0
    finally:
        db.session.remove()
        with db.engine.begin() as conn:
            conn.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))


def test_a_token_s_last_use_is_written_at_most_once_a_minute(app, tenant, monkeypatch):
    """Every API request used to write the token's last use (a SQL write per read)."""
    from sqlalchemy import event

    user = make_user(tenant=tenant, role="evaluator")
    clear = create_token(user=user)
    client = app.test_client()
    bearer = {"Authorization": f"Bearer {clear}"}
    writes: list[str] = []

    def count(conn, cursor, statement, *args):
        if statement.lstrip().upper().startswith("UPDATE API_TOKEN"):
            writes.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        for _ in range(3):
            assert client.get("/api/v1/me/tokens", headers=bearer).status_code == 200
        first = token_row(clear).last_used_at
        assert first is not None and len(writes) == 1
        db.session.execute(db.update(ApiToken).where(ApiToken.id == token_row(clear).id)
                           .values(last_used_at=datetime.now(UTC) - timedelta(minutes=2)))
        db.session.commit()
        writes.clear()
        assert client.get("/api/v1/me/tokens", headers=bearer).status_code == 200
        assert len(writes) == 1
        db.session.expire_all()
        assert as_utc(token_row(clear).last_used_at) > datetime.now(UTC) - timedelta(minutes=1)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
