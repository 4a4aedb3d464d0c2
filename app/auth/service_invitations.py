"""Single-use links: a coordinator's invitation into the programme (a new user sets a
password, an existing one logs in and accepts) and a member's password reset.

There is no mail server: the coordinator is shown the link once and sends it. Only a hash
of the link's token is stored; a link is used once (claimed with a conditional update, so
two tabs cannot both use it) and expires after INVITATION_LIFETIME_DAYS."""
from __future__ import annotations

from datetime import UTC, datetime

from flask import current_app
from flask_babel import gettext as _

from app import audit
from app.auth import lifecycle, policy
from app.auth.service_members import check_scope, get_member
from app.extensions import db
from app.models import Invitation, LinkKind, Membership, User
from app.models.accounts import hash_token
from app.tenancy import Access
from graph.errors import Conflict, DomainError, Forbidden, Invalid, NotFound

MIN_PASSWORD = 10


class LinkError(DomainError):
    """A link that cannot be used: unknown or altered (404), used or expired (410)."""

    def __init__(self, reason: str, message: str, *, status: int) -> None:
        super().__init__(message)
        self.reason = reason
        self.status = status


def _email(value: str | None) -> str:
    email = (value or "").strip().lower()
    if "@" not in email or len(email) > 254 or email.startswith("@") or email.endswith("@"):
        raise Invalid(_("Not an email address: %(email)r.", email=value),
                      errors=[{"field": "email", "value": value}])
    return email


def check_password(password: str | None) -> str:
    """The rules of a password change: at least 10 characters, at most 200."""
    if len(password or "") < MIN_PASSWORD or len(password or "") > 200:
        raise Invalid(_("The password must have 10 to 200 characters."),
                      errors=[{"field": "password", "reason": "length"}])
    return password or ""


def _issue(*, kind: LinkKind, access: Access, email: str, role: str | None = None,
           scope_key: str | None = None) -> tuple[Invitation, str]:
    link, clear = Invitation.issue(kind=kind, tenant=access.tenant, email=email,
                                   role=role, scope_key=scope_key, invited_by=access.user_id,
                                   days=current_app.config["INVITATION_LIFETIME_DAYS"])
    db.session.add(link)
    return link, clear


def create_invitation(*, access: Access, email: str | None, role: str | None,
                      scope_key: str | None = None) -> tuple[Invitation, str]:
    """Invite `email` into the programme with a role (and scope); the link's token is
    returned once, with the stored invitation."""
    policy.require_manage_members(access)
    address = _email(email)
    role_enum, key = check_scope(access, role=role, scope_key=scope_key)
    known = db.session.execute(db.select(User).filter_by(email=address)).scalar_one_or_none()
    if known is not None and known.membership_in(access.tenant) is not None:
        raise Invalid(_("%(email)s is already a member: change their role instead.",
                        email=address),
                      errors=[{"field": "email", "value": address, "reason": "member"}])
    link, clear = _issue(kind=LinkKind.INVITE, access=access, email=address,
                         role=role_enum.value, scope_key=key)
    audit.record(action="invitation.create", target=address, tenant_id=access.tenant.id,
                 user_id=access.user_id, after={"role": role_enum.value, "scope_key": key,
                                                "expires_at": link.expires_at.isoformat()})
    db.session.commit()
    return link, clear


def create_reset_link(*, access: Access, user_id: int) -> tuple[Invitation, str]:
    """A single-use link with which a member sets a new password."""
    policy.require_change_member(access, user_id=user_id)
    user, _membership = get_member(access, user_id=user_id)
    policy.require_reset_password(access, user=user)
    link, clear = _issue(kind=LinkKind.RESET, access=access, email=user.email)
    audit.record(action="password.reset_link", target=user.email, tenant_id=access.tenant.id,
                 user_id=access.user_id, after={"expires_at": link.expires_at.isoformat()})
    db.session.commit()
    return link, clear


def list_pending(*, access: Access) -> list[dict]:
    """The programme's invitations not used yet and not expired, newest first."""
    policy.require_manage_members(access)
    rows = db.session.execute(db.select(Invitation).filter_by(
        tenant_id=access.tenant.id, kind=LinkKind.INVITE.value, used_at=None)
        .order_by(Invitation.created_at.desc(), Invitation.id.desc())).scalars()
    return [{"id": i.id, "email": i.email, "role": i.role, "scope_key": i.scope_key,
             "expires_at": lifecycle.iso_moment(i.expires_at)} for i in rows if not i.expired]


def cancel_invitation(*, access: Access, invitation_id: int) -> Invitation:
    """Withdraw an invitation not used yet: its link stops working."""
    policy.require_manage_members(access)
    link = db.session.get(Invitation, invitation_id)
    if (link is None or link.tenant_id != access.tenant.id or link.used
            or link.kind != LinkKind.INVITE.value):
        raise NotFound(_("No pending invitation with id %(id)s in this programme.",
                         id=invitation_id))
    audit.record(action="invitation.cancel", target=link.email, tenant_id=access.tenant.id,
                 user_id=access.user_id, before={"role": link.role, "scope_key": link.scope_key})
    db.session.delete(link)
    db.session.commit()
    return link


def open_link(token: str, *, kind: LinkKind) -> Invitation:
    """The usable link with this token, or LinkError saying why it cannot be used."""
    link = db.session.execute(db.select(Invitation).filter_by(
        token_hash=hash_token(token or ""), kind=kind.value)).scalar_one_or_none()
    if link is None or link.tenant.archived:
        raise LinkError("invalid", _("This link is not valid: it may have been copied "
                                     "incompletely or changed. Ask for a new one."), status=404)
    if link.used:
        raise LinkError("used", _("This link has already been used. Each link works once: "
                                  "ask for a new one if you need it."), status=410)
    if link.expired:
        raise LinkError("expired", _("This link has expired. Ask for a new one."), status=410)
    return link


def _claim(link: Invitation) -> None:
    """Mark the link used, unless another request did so first (then LinkError)."""
    claimed = db.session.execute(db.update(Invitation).where(
        Invitation.id == link.id, Invitation.used_at.is_(None)).values(
        used_at=datetime.now(UTC)))
    if claimed.rowcount != 1:
        db.session.rollback()
        raise LinkError("used", _("This link has already been used."), status=410)


def existing_user(link: Invitation) -> User | None:
    return db.session.execute(db.select(User).filter_by(email=link.email)).scalar_one_or_none()


def _join(link: Invitation, user: User) -> Membership:
    membership = user.membership_in(link.tenant)
    before = {"role": membership.role, "scope_key": membership.scope_key} if membership \
        else None
    if membership is None:
        membership = Membership(user=user, tenant=link.tenant, role=link.role)
        db.session.add(membership)
    membership.role, membership.scope_key = link.role, link.scope_key
    audit.record(action="invitation.accept", target=user.email, tenant_id=link.tenant_id,
                 user_id=user.id, before=before,
                 after={"role": link.role, "scope_key": link.scope_key})
    return membership


def accept_as_new_user(token: str, *, password: str | None, name: str = "") -> User:
    """A new user sets a password through the invitation and joins the programme."""
    link = open_link(token, kind=LinkKind.INVITE)
    if existing_user(link) is not None:
        raise Conflict(_("%(email)s already has an account: log in to accept the "
                         "invitation.", email=link.email))
    user = User(email=link.email, name=(name or "").strip()[:200])
    user.set_password(check_password(password))
    db.session.add(user)
    db.session.flush()
    audit.record(action="user.create", target=user.email, tenant_id=None, user_id=user.id,
                 after={"email": user.email, "platform_admin": False, "via": "invitation"})
    _claim(link)
    _join(link, user)
    db.session.commit()
    return user


def accept_as_member(token: str, *, user: User) -> Membership:
    """A logged-in user accepts an invitation sent to their email address."""
    link = open_link(token, kind=LinkKind.INVITE)
    if link.email != user.email:
        raise Forbidden(_("This invitation is for %(email)s, not for you: log out and open "
                          "the link again.", email=link.email))
    _claim(link)
    membership = _join(link, user)
    db.session.commit()
    return membership


def reset_password(token: str, *, password: str | None) -> User:
    """Set a member's new password through a reset link: their other sessions and their
    API tokens end, as with a password change."""
    link = open_link(token, kind=LinkKind.RESET)
    user = existing_user(link)
    if user is None or not user.active or user.membership_in(link.tenant) is None:
        raise LinkError("invalid", _("This link is no longer valid for this account."),
                        status=404)
    new = check_password(password)
    _claim(link)
    user.set_password(new)
    user.end_sessions()
    audit.record(action="user.password", target=user.email, tenant_id=link.tenant_id,
                 user_id=user.id, after={"via": "reset link"})
    lifecycle.revoke_all_tokens(user=user, reason="password reset")
    db.session.commit()
    return user


def describe(link: Invitation) -> dict:
    """What a link's page tells its holder."""
    return {"email": link.email, "programme": link.tenant.name, "role": link.role,
            "scope_key": link.scope_key, "kind": link.kind,
            "expires_at": lifecycle.iso_moment(link.expires_at)}

