"""Invitations, member changes and password-reset links as services: scope checked
against the programme's network with field-named errors, single use, expiry, tampering,
the wrong programme, and every change audited."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.auth import service_invitations as invitations
from app.auth import service_members as members
from app.auth.service import create_token, grant
from app.auth.service_invitations import LinkError
from app.extensions import db
from app.models import ApiToken, AuditEvent, Invitation, LinkKind, Role, User
from app.models.accounts import hash_token
from app.tenancy import Access, resolve_access
from graph.errors import Conflict, Forbidden, Invalid, NotFound
from tests.auth.conftest import MUNICIPALITY, PARTNER
from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.both_sql


def events(action: str) -> list[AuditEvent]:
    return list(db.session.execute(db.select(AuditEvent).filter_by(action=action)).scalars())


def field_of(exc: pytest.ExceptionInfo) -> str:
    return exc.value.errors[0]["field"]


def test_an_invitation_stores_only_a_hash_and_expires_in_seven_days(network_entities):
    link, clear = invitations.create_invitation(access=network_entities, email=" New@X.org ",
                                                role="partner", scope_key=PARTNER)
    stored = db.session.get(Invitation, link.id)
    assert stored.email == "new@x.org" and stored.role == "partner"
    assert stored.token_hash == hash_token(clear) and clear not in stored.token_hash
    assert stored.invited_by == network_entities.user_id and stored.used_at is None
    expires = stored.expires_at.replace(tzinfo=stored.expires_at.tzinfo or UTC)
    assert abs(expires - (datetime.now(UTC) + timedelta(days=7))) < timedelta(minutes=5)
    [event] = events("invitation.create")
    assert event.target == "new@x.org" and event.after["scope_key"] == PARTNER
    assert event.user_id == network_entities.user_id


@pytest.mark.parametrize(("role", "key", "field"), [
    ("partner", "p-nowhere", "scope_key"),   # no such partner in the programme
    ("partner", "", "scope_key"),            # a partner user needs one
    ("school", MUNICIPALITY, "scope_key"),   # a municipality's key is no school
    ("janitor", None, "role"),
])
def test_the_scope_must_exist_in_the_programme(network_entities, role, key, field):
    with pytest.raises(Invalid) as exc:
        invitations.create_invitation(access=network_entities, email="a@x.org", role=role,
                                      scope_key=key)
    assert field_of(exc) == field
    assert db.session.execute(db.select(Invitation)).first() is None


def test_coordinators_and_evaluators_need_no_scope(access):
    link, _clear = invitations.create_invitation(access=access, email="e@x.org",
                                                 role="evaluator", scope_key="ignored")
    assert link.role == "evaluator" and link.scope_key is None


def test_a_bad_email_or_a_member_is_refused_naming_the_email(access, boss):
    for email in ("not-an-address", "", boss.email):
        with pytest.raises(Invalid) as exc:
            invitations.create_invitation(access=access, email=email, role="evaluator")
        assert field_of(exc) == "email"


def test_only_coordinators_invite(tenant, network_entities):
    partner = Access(tenant, Role.PARTNER, PARTNER, None)
    with pytest.raises(Forbidden):
        invitations.create_invitation(access=partner, email="a@x.org", role="evaluator")


def test_a_new_user_accepts_once(network_entities, tenant):
    _link, clear = invitations.create_invitation(access=network_entities, email="n@x.org",
                                                 role="partner", scope_key=PARTNER)
    user = invitations.accept_as_new_user(clear, password="a-long-password", name="Nora")
    assert user.check_password("a-long-password") and user.name == "Nora"
    access = resolve_access(user=user, slug=tenant.slug)
    assert (access.role, access.scope_key) == (Role.PARTNER, PARTNER)
    assert [e.target for e in events("invitation.accept")] == ["n@x.org"]
    with pytest.raises(LinkError) as exc:
        invitations.accept_as_new_user(clear, password="another-password")
    assert (exc.value.reason, exc.value.status) == ("used", 410)


def test_a_short_password_is_refused_and_the_link_stays_usable(access):
    _link, clear = invitations.create_invitation(access=access, email="s@x.org",
                                                 role="evaluator")
    with pytest.raises(Invalid) as exc:
        invitations.accept_as_new_user(clear, password="short")
    assert field_of(exc) == "password"
    assert invitations.accept_as_new_user(clear, password="long-enough-now").email == "s@x.org"


def test_an_expired_or_tampered_link_is_refused(access):
    link, clear = invitations.create_invitation(access=access, email="late@x.org",
                                                role="evaluator")
    with pytest.raises(LinkError) as tampered:
        invitations.open_link(clear[:-1] + ("A" if clear[-1] != "A" else "B"),
                              kind=LinkKind.INVITE)
    assert (tampered.value.reason, tampered.value.status) == ("invalid", 404)
    link.expires_at = datetime.now(UTC) - timedelta(seconds=1)
    db.session.commit()
    with pytest.raises(LinkError) as expired:
        invitations.accept_as_new_user(clear, password="a-long-password")
    assert expired.value.reason == "expired"
    assert db.session.execute(db.select(User).filter_by(email="late@x.org")).first() is None


def test_a_reset_link_is_not_an_invitation(access, tenant):
    member = make_user(tenant=tenant, role="evaluator")
    _link, clear = invitations.create_reset_link(access=access, user_id=member.id)
    with pytest.raises(LinkError) as exc:
        invitations.accept_as_new_user(clear, password="a-long-password")
    assert exc.value.reason == "invalid"


def test_an_existing_user_accepts_only_their_own_invitation(access, tenant, other_tenant):
    someone = make_user(tenant=other_tenant, role="school", scope_key="s-1")
    stranger = make_user(tenant=None, role=None)
    _link, clear = invitations.create_invitation(access=access, email=someone.email,
                                                 role="evaluator")
    with pytest.raises(Conflict):
        invitations.accept_as_new_user(clear, password="a-long-password")
    with pytest.raises(Forbidden):
        invitations.accept_as_member(clear, user=stranger)
    invitations.accept_as_member(clear, user=someone)
    assert resolve_access(user=someone, slug=tenant.slug).role is Role.EVALUATOR
    assert resolve_access(user=someone, slug=other_tenant.slug).role is Role.SCHOOL
    assert someone.check_password(PASSWORD)


def test_an_invitation_to_an_archived_programme_is_refused(access, tenant):
    _link, clear = invitations.create_invitation(access=access, email="a@x.org",
                                                 role="evaluator")
    tenant.archived_at = datetime.now(UTC)
    db.session.commit()
    with pytest.raises(LinkError):
        invitations.accept_as_new_user(clear, password="a-long-password")


def test_role_and_scope_changes_are_checked_and_audited(network_entities, tenant):
    member = make_user(tenant=tenant, role="evaluator")
    with pytest.raises(Invalid) as exc:
        members.change_member(access=network_entities, user_id=member.id, role="municipality",
                              scope_key="m-nowhere")
    assert field_of(exc) == "scope_key"
    members.change_member(access=network_entities, user_id=member.id, role="municipality",
                          scope_key=MUNICIPALITY)
    access = resolve_access(user=member, slug=tenant.slug)
    assert (access.role, access.scope_key) == (Role.MUNICIPALITY, MUNICIPALITY)
    change = events("membership.grant")[-1]
    assert change.before == {"role": "evaluator", "scope_key": None}
    assert change.after == {"role": "municipality", "scope_key": MUNICIPALITY}
    assert change.user_id == network_entities.user_id


def test_revoking_removes_the_membership_only(access, tenant, other_tenant):
    member = make_user(tenant=tenant, role="evaluator")
    grant(user=member, tenant=other_tenant, role="evaluator")
    members.revoke_member(access=access, user_id=member.id)
    assert resolve_access(user=member, slug=tenant.slug) is None
    assert resolve_access(user=member, slug=other_tenant.slug) is not None
    [event] = events("membership.revoke")
    assert event.before == {"role": "evaluator", "scope_key": None}


def test_no_change_to_oneself_nor_to_another_programmes_member(access, boss, other_tenant):
    with pytest.raises(Invalid):
        members.revoke_member(access=access, user_id=boss.id)
    with pytest.raises(Invalid):
        members.change_member(access=access, user_id=boss.id, role="evaluator",
                              scope_key=None)
    outsider = make_user(tenant=other_tenant, role="evaluator")
    with pytest.raises(NotFound):
        members.revoke_member(access=access, user_id=outsider.id)
    with pytest.raises(NotFound):
        invitations.create_reset_link(access=access, user_id=outsider.id)


def test_a_reset_sets_the_password_and_ends_sessions_and_tokens(app, access, tenant):
    member = make_user(tenant=tenant, role="evaluator")
    create_token(user=member)
    generation = member.session_generation
    _link, clear = invitations.create_reset_link(access=access, user_id=member.id)
    invitations.reset_password(clear, password="brand-new-password")
    db.session.refresh(member)
    assert member.check_password("brand-new-password")
    assert member.session_generation == generation + 1
    assert all(t.revoked for t in db.session.execute(
        db.select(ApiToken).filter_by(user_id=member.id)).scalars())
    assert [e.target for e in events("password.reset_link")] == [member.email]
    with pytest.raises(LinkError):
        invitations.reset_password(clear, password="yet-another-password")


def test_no_reset_for_someone_who_works_elsewhere(access, tenant, other_tenant):
    member = make_user(tenant=tenant, role="evaluator")
    grant(user=member, tenant=other_tenant, role="evaluator")
    with pytest.raises(Forbidden):
        invitations.create_reset_link(access=access, user_id=member.id)
