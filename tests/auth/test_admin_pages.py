"""Administration in the browser, through the pages: a coordinator invites (the link is
shown, not mailed), a new user joins by it in a fresh client, an existing one logs in and
accepts; used, expired and tampered links get a clear page; role changes, revocation and
reset links take effect at the next request; a platform admin creates and archives
programmes; users create their own API tokens."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.extensions import db
from app.models import ApiToken, AuditEvent, Invitation, Tenant, User
from app.models.accounts import hash_token
from app.platform import create_programme
from graph.errors import Invalid
from tests.auth.conftest import PARTNER, link_token, sign_in
from tests.conftest import PASSWORD, csrf_token, make_user

pytestmark = pytest.mark.both_sql


def invite(client, slug: str, **form) -> object:
    token = csrf_token(client, f"/t/{slug}/users")
    return client.post(f"/t/{slug}/users/invite", data={"csrf_token": token, **form})


def join(client, token: str, password: str = "a-long-password", confirm: str | None = None):
    csrf = csrf_token(client, f"/invite/{token}")
    return client.post(f"/invite/{token}", data={"csrf_token": csrf, "new": password,
                                                 "confirm": confirm or password})


def test_the_invitation_link_is_shown_and_a_new_user_joins_with_it(app, tenant, boss,
                                                                   network_entities):
    coordinator = sign_in(app.test_client(), boss)
    page = invite(coordinator, tenant.slug, email="nora@x.org", role="partner",
                  scope_key=PARTNER)
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "send this link yourself" in html
    token = link_token(html)
    assert "nora@x.org" in coordinator.get(f"/t/{tenant.slug}/users").get_data(as_text=True)

    newcomer = app.test_client()  # another browser, logged out
    form = newcomer.get(f"/invite/{token}")
    assert form.status_code == 200 and "nora@x.org" in form.get_data(as_text=True)
    assert join(newcomer, token, "short").status_code == 200  # the form again, with errors
    assert db.session.execute(db.select(User).filter_by(email="nora@x.org")).first() is None
    done = join(newcomer, token)
    assert done.status_code == 302 and done.headers["Location"] == f"/t/{tenant.slug}/"
    home = newcomer.get(f"/t/{tenant.slug}/")
    assert home.status_code == 200 and "partner" in home.get_data(as_text=True)
    again = app.test_client().get(f"/invite/{token}")
    assert again.status_code == 410 and "already been used" in again.get_data(as_text=True)


def test_the_invite_form_names_the_wrong_field(app, tenant, boss, network_entities):
    coordinator = sign_in(app.test_client(), boss)
    page = invite(coordinator, tenant.slug, email="a@x.org", role="partner",
                  scope_key="p-nowhere")
    html = page.get_data(as_text=True)
    assert page.status_code == 422
    assert "This programme has no partner with key &#39;p-nowhere&#39;" in html
    assert db.session.execute(db.select(Invitation)).first() is None


def test_expired_and_tampered_links_get_a_clear_page(app, tenant, boss):
    coordinator = sign_in(app.test_client(), boss)
    token = link_token(invite(coordinator, tenant.slug, email="late@x.org",
                              role="evaluator").get_data(as_text=True))
    tampered = app.test_client().get(f"/invite/{token[:-2]}xy")
    assert tampered.status_code == 404 and "not valid" in tampered.get_data(as_text=True)
    link = db.session.execute(db.select(Invitation).filter_by(
        token_hash=hash_token(token))).scalar_one()
    link.expires_at = datetime.now(UTC) - timedelta(minutes=1)
    db.session.commit()
    expired = app.test_client().get(f"/invite/{token}")
    assert expired.status_code == 410 and "expired" in expired.get_data(as_text=True)


def test_an_existing_user_logs_in_then_accepts(app, tenant, other_tenant, boss):
    someone = make_user(tenant=other_tenant, role="evaluator")
    coordinator = sign_in(app.test_client(), boss)
    token = link_token(invite(coordinator, tenant.slug, email=someone.email,
                              role="evaluator").get_data(as_text=True))
    visitor = app.test_client()
    page = visitor.get(f"/invite/{token}").get_data(as_text=True)
    assert "log in" in page.lower() and f"/login?next=/invite/{token}" in page
    assert visitor.get(f"/t/{tenant.slug}/").status_code == 302  # not logged in
    sign_in(visitor, someone)
    assert visitor.get(f"/t/{tenant.slug}/").status_code == 404  # not yet a member
    csrf = csrf_token(visitor, f"/invite/{token}")
    accepted = visitor.post(f"/invite/{token}", data={"csrf_token": csrf})
    assert accepted.status_code == 302
    assert visitor.get(f"/t/{tenant.slug}/").status_code == 200
    assert visitor.get(f"/t/{other_tenant.slug}/").status_code == 200


def test_someone_else_logged_in_cannot_use_the_invitation(app, tenant, boss):
    coordinator = sign_in(app.test_client(), boss)
    token = link_token(invite(coordinator, tenant.slug, email="meant@x.org",
                              role="evaluator").get_data(as_text=True))
    stranger = sign_in(app.test_client(), make_user(tenant=None, role=None))
    page = stranger.get(f"/invite/{token}")
    assert page.status_code == 403 and "meant@x.org" in page.get_data(as_text=True)


def test_a_coordinator_cannot_manage_another_programmes_members(app, tenant, other_tenant,
                                                                 boss):
    outsider = make_user(tenant=other_tenant, role="evaluator")
    coordinator = sign_in(app.test_client(), boss)
    token = csrf_token(coordinator, f"/t/{tenant.slug}/users")
    for path in (f"/t/{other_tenant.slug}/users/invite",
                 f"/t/{tenant.slug}/users/{outsider.id}/revoke",
                 f"/t/{tenant.slug}/users/{outsider.id}/reset",
                 f"/t/{other_tenant.slug}/users/{outsider.id}/revoke"):
        response = coordinator.post(path, data={"csrf_token": token, "email": "a@x.org",
                                                "role": "evaluator"})
        assert response.status_code == 404, path
    assert outsider.membership_in(other_tenant) is not None


def test_a_role_change_and_a_revocation_take_effect_at_the_next_request(app, tenant, boss):
    member = make_user(tenant=tenant, role="coordinator")
    theirs = sign_in(app.test_client(), member)
    assert theirs.get(f"/t/{tenant.slug}/users").status_code == 200
    coordinator = sign_in(app.test_client(), boss)
    token = csrf_token(coordinator, f"/t/{tenant.slug}/users")
    changed = coordinator.post(f"/t/{tenant.slug}/users/{member.id}/membership",
                               data={"csrf_token": token, "role": "evaluator"})
    assert changed.status_code == 302
    assert theirs.get(f"/t/{tenant.slug}/users").status_code == 403
    assert theirs.get(f"/t/{tenant.slug}/").status_code == 200
    wrong = coordinator.post(f"/t/{tenant.slug}/users/{member.id}/membership",
                             data={"csrf_token": token, "role": "school", "scope_key": ""})
    assert wrong.status_code == 422 and "scope_key" in wrong.get_data(as_text=True)
    revoked = coordinator.post(f"/t/{tenant.slug}/users/{member.id}/revoke",
                               data={"csrf_token": token})
    assert revoked.status_code == 302
    assert theirs.get(f"/t/{tenant.slug}/").status_code == 404
    actions = [e.action for e in db.session.execute(db.select(AuditEvent).filter_by(
        target=member.email)).scalars()]
    assert actions[-2:] == ["membership.grant", "membership.revoke"]


def test_posts_without_csrf_are_refused(app, tenant, boss):
    member = make_user(tenant=tenant, role="evaluator")
    coordinator = sign_in(app.test_client(), boss)
    for path in (f"/t/{tenant.slug}/users/invite", f"/t/{tenant.slug}/users/{member.id}/revoke",
                 f"/t/{tenant.slug}/users/{member.id}/reset", "/account/tokens"):
        assert coordinator.post(path, data={"email": "a@x.org", "role": "evaluator"}
                                ).status_code == 400, path
    assert member.membership_in(tenant) is not None


def test_a_reset_link_sets_a_new_password_and_ends_old_sessions(app, tenant, boss):
    member = make_user(tenant=tenant, role="evaluator")
    old_session = sign_in(app.test_client(), member)
    coordinator = sign_in(app.test_client(), boss)
    page = coordinator.post(f"/t/{tenant.slug}/users/{member.id}/reset",
                            data={"csrf_token": csrf_token(coordinator,
                                                           f"/t/{tenant.slug}/users")})
    assert page.status_code == 200 and "send this link yourself" in page.get_data(as_text=True)
    token = link_token(page.get_data(as_text=True))
    fresh = app.test_client()
    csrf = csrf_token(fresh, f"/reset/{token}")
    done = fresh.post(f"/reset/{token}", data={"csrf_token": csrf, "new": "new-password-1",
                                                "confirm": "new-password-1"})
    assert done.status_code == 302
    assert fresh.get(f"/t/{tenant.slug}/").status_code == 200
    assert old_session.get(f"/t/{tenant.slug}/").status_code == 302  # back to the login
    db.session.refresh(member)
    assert member.check_password("new-password-1") and not member.check_password(PASSWORD)
    assert app.test_client().get(f"/reset/{token}").status_code == 410


def test_the_link_pages_are_rate_limited(app, tenant):
    client = app.test_client()
    statuses = [client.get("/invite/not-a-token").status_code for _ in range(12)]
    assert statuses[:10] == [404] * 10 and statuses[-1] == 429


def test_a_platform_admin_creates_archives_and_restores_a_programme(app, tenant):
    admin = sign_in(app.test_client(), make_user(tenant=None, role=None, platform_admin=True))
    member = sign_in(app.test_client(), make_user(tenant=tenant, role="coordinator"))
    token = csrf_token(admin, "/admin/programmes")
    bad = admin.post("/admin/programmes", data={"csrf_token": token, "slug": "Bad Slug",
                                                "name": "X", "start_year": "2024"})
    assert bad.status_code == 422 and "Invalid slug" in bad.get_data(as_text=True)
    made = admin.post("/admin/programmes", data={"csrf_token": token, "slug": "galicia",
                                                 "name": "Magnet Galicia",
                                                 "start_year": "2025", "language": "es"})
    assert made.status_code == 302
    galicia = db.session.execute(db.select(Tenant).filter_by(slug="galicia")).scalar_one()
    assert (galicia.start_year, galicia.language, galicia.archived) == (2025, "es", False)
    archived = admin.post(f"/admin/programmes/{tenant.slug}/archive",
                          data={"csrf_token": token})
    assert archived.status_code == 302
    assert member.get(f"/t/{tenant.slug}/").status_code == 404
    assert member.get(f"/api/v1/tenants/{tenant.slug}").status_code == 404
    assert admin.get(f"/t/{tenant.slug}/").status_code == 200  # the admin still enters it
    assert "archived" in admin.get("/admin/programmes").get_data(as_text=True)
    admin.post(f"/admin/programmes/{tenant.slug}/unarchive", data={"csrf_token": token})
    assert member.get(f"/t/{tenant.slug}/").status_code == 200
    actions = [e.action for e in db.session.execute(db.select(AuditEvent).filter(
        AuditEvent.action.like("tenant.%"))).scalars()]
    assert actions.count("tenant.archive") == actions.count("tenant.unarchive") == 1
    assert "tenant.create" in actions


def test_only_platform_admins_manage_programmes(app, tenant):
    coordinator = sign_in(app.test_client(), make_user(tenant=tenant, role="coordinator"))
    token = csrf_token(coordinator, "/account/tokens")
    assert coordinator.get("/admin/programmes").status_code == 403
    assert coordinator.post("/admin/programmes", data={
        "csrf_token": token, "slug": "sneaky", "name": "S", "start_year": "2024"}
    ).status_code == 403
    assert coordinator.post(f"/admin/programmes/{tenant.slug}/archive",
                            data={"csrf_token": token}).status_code == 403
    assert db.session.execute(db.select(Tenant).filter_by(slug="sneaky")).first() is None
    assert not db.session.get(Tenant, tenant.id).archived


def test_a_user_creates_a_token_shown_once_with_its_expiry(app, tenant):
    user = make_user(tenant=tenant, role="school", scope_key="s-1")
    client = sign_in(app.test_client(), user)
    token = csrf_token(client, "/account/tokens")
    bad = client.post("/account/tokens", data={"csrf_token": token, "days": "999"})
    assert bad.status_code == 422
    page = client.post("/account/tokens", data={"csrf_token": token, "name": "script",
                                                "days": "30"}).get_data(as_text=True)
    clear = page.split('id="new-token" type="text" readonly value="')[1].split('"')[0]
    row = db.session.execute(db.select(ApiToken).filter_by(
        token_hash=hash_token(clear))).scalar_one()
    expires = row.expires_at.replace(tzinfo=row.expires_at.tzinfo or UTC)
    assert abs(expires - (datetime.now(UTC) + timedelta(days=30))) < timedelta(minutes=5)
    assert expires.date().isoformat() in page and row.name == "script"
    assert app.test_client().get("/api/v1/me", headers={
        "Authorization": f"Bearer {clear}"}).status_code == 200
    assert clear not in client.get("/account/tokens").get_data(as_text=True)
    default = client.post("/account/tokens", data={"csrf_token": token}).get_data(as_text=True)
    assert (datetime.now(UTC) + timedelta(days=90)).date().isoformat() in default


def test_a_programme_form_names_the_field_in_error(app, tenant):
    admin = sign_in(app.test_client(), make_user(tenant=None, role=None, platform_admin=True))
    token = csrf_token(admin, "/admin/programmes")
    taken = admin.post("/admin/programmes", data={"csrf_token": token, "slug": tenant.slug,
                                                  "name": "Again", "start_year": "2024"})
    assert taken.status_code == 422 and "already exists" in taken.get_data(as_text=True)
    actor = db.session.execute(db.select(User).filter_by(is_platform_admin=True)).scalar_one()
    for kwargs, field in (({"language": "fr"}, "language"), ({"start_year": "soon"},
                                                              "start_year")):
        with pytest.raises(Invalid) as exc:
            create_programme(actor=actor, **{"slug": "fresh", "name": "F",
                                             "start_year": 2024, **kwargs})
        assert exc.value.errors[0]["field"] == field


def test_a_withdrawn_invitation_no_longer_works(app, tenant, other_tenant, boss):
    coordinator = sign_in(app.test_client(), boss)
    token = link_token(invite(coordinator, tenant.slug, email="oops@x.org",
                              role="coordinator").get_data(as_text=True))
    link = db.session.execute(db.select(Invitation).filter_by(
        token_hash=hash_token(token))).scalar_one()
    csrf = csrf_token(coordinator, f"/t/{tenant.slug}/users")
    outsider = sign_in(app.test_client(), make_user(tenant=other_tenant, role="coordinator"))
    assert outsider.post(f"/t/{other_tenant.slug}/users/invitations/{link.id}/cancel",
                         data={"csrf_token": csrf_token(outsider, "/account/tokens")}
                         ).status_code == 404  # another programme's invitation
    done = coordinator.post(f"/t/{tenant.slug}/users/invitations/{link.id}/cancel",
                            data={"csrf_token": csrf})
    assert done.status_code == 302
    assert app.test_client().get(f"/invite/{token}").status_code == 404
    page = coordinator.get(f"/t/{tenant.slug}/users").get_data(as_text=True)
    assert "withdrawn" in page and "<td>oops@x.org</td>" not in page
    assert [e.target for e in db.session.execute(db.select(AuditEvent).filter_by(
        action="invitation.cancel")).scalars()] == ["oops@x.org"]
