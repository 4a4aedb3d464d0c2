"""How accounts and tokens end: listing and revoking tokens, deactivating users, ending
sessions. Every change is audited; no request objects here."""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from app import audit
from app.extensions import db
from app.models import ApiToken, Membership, User
from app.tenancy import Access
from graph.errors import Forbidden, Invalid, NotFound


def iso_moment(moment: datetime | None) -> str | None:
    """ISO 8601 in UTC (SQLite hands back the stored UTC time without its zone)."""
    if moment is None:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).isoformat(
        timespec="seconds")


def token_dict(token: ApiToken, *, owner: bool = False) -> dict[str, Any]:
    """A token as lists show it: never its hash or clear value."""
    out = {"id": token.id, "name": token.name, "prefix": token.prefix,
           "created_at": iso_moment(token.created_at),
           "last_used_at": iso_moment(token.last_used_at),
           "expires_at": iso_moment(token.expires_at), "revoked": token.revoked}
    if owner:
        out["email"] = token.user.email
    return out


def list_own_tokens(*, user: User) -> list[dict[str, Any]]:
    rows = db.session.execute(db.select(ApiToken).filter_by(user_id=user.id)
                              .order_by(ApiToken.created_at.desc(), ApiToken.id.desc()))
    return [token_dict(t) for t in rows.scalars()]


def _revoke(tokens: list[ApiToken], *, by_user_id: int | None, tenant_id: int | None,
            reason: str) -> int:
    for token in tokens:
        token.revoked = True
        audit.record(action="token.revoke", target=f"{token.user.email}:{token.prefix}",
                     tenant_id=tenant_id, user_id=by_user_id, after={"reason": reason})
    return len(tokens)


def revoke_own_token(*, user: User, token_id: int) -> None:
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id:
        raise NotFound(f"You have no token with id {token_id}.")
    _revoke([token], by_user_id=user.id, tenant_id=None, reason="revoked by its owner")
    db.session.commit()


def _member_ids(access: Access) -> Any:
    return db.select(Membership.user_id).filter_by(tenant_id=access.tenant.id)


def list_tenant_tokens(*, access: Access) -> list[dict[str, Any]]:
    """The tokens of the programme's members (coordinators: users.manage)."""
    access.require("users.manage")
    rows = db.session.execute(db.select(ApiToken).filter(ApiToken.user_id.in_(
        _member_ids(access))).order_by(ApiToken.created_at.desc(), ApiToken.id.desc()))
    return [token_dict(t, owner=True) for t in rows.scalars()]


def revoke_tenant_token(*, access: Access, token_id: int) -> None:
    """A coordinator revokes a token of one of the programme's members."""
    access.require("users.manage")
    token = db.session.execute(db.select(ApiToken).filter(
        ApiToken.id == token_id, ApiToken.user_id.in_(_member_ids(access)))).scalar_one_or_none()
    if token is None:
        raise NotFound(f"No token with id {token_id} among this programme's members.")
    _revoke([token], by_user_id=access.user_id, tenant_id=access.tenant.id,
            reason="revoked by a coordinator")
    db.session.commit()


def revoke_tokens(*, prefix: str | None = None, email: str | None = None) -> int:
    """Revoke the active tokens with this prefix, or all of one user's (the command)."""
    query = db.select(ApiToken).join(User).filter(ApiToken.revoked.is_(False))
    if prefix:
        query = query.filter(ApiToken.prefix == prefix)
    if email:
        query = query.filter(User.email == email.strip().lower())
    if not prefix and not email:
        raise Invalid("Name the token by --prefix or the user by --email.")
    tokens = list(db.session.execute(query).scalars())
    if not tokens:
        raise NotFound(f"No active token with prefix {prefix!r}." if prefix
                       else f"No active token of {email!r}.")
    count = _revoke(tokens, by_user_id=None, tenant_id=None, reason="revoked by command")
    db.session.commit()
    return count


def end_sessions(*, user: User) -> None:
    """Logout: this and every other session of the user stop working."""
    user.end_sessions()
    db.session.commit()


def revoke_all_tokens(*, user: User, reason: str) -> int:
    """Stage the revocation of every active token of `user` (committed by the caller)."""
    tokens = list(db.session.execute(db.select(ApiToken).filter_by(
        user_id=user.id, revoked=False)).scalars())
    return _revoke(tokens, by_user_id=user.id, tenant_id=None, reason=reason)


def deactivate_user(*, user: User, by_user_id: int | None = None,
                    tenant_id: int | None = None) -> None:
    """The user can no longer log in; their sessions and tokens stop at the next request."""
    user.active = False
    user.end_sessions()
    for token in db.session.execute(db.select(ApiToken).filter_by(
            user_id=user.id, revoked=False)).scalars():
        token.revoked = True
    audit.record(action="user.deactivate", target=user.email, tenant_id=tenant_id,
                 user_id=by_user_id, before={"active": True}, after={"active": False})
    db.session.commit()


def deactivate_member(*, access: Access, user_id: int) -> User:
    """A coordinator deactivates a member of the programme who belongs to no other one."""
    access.require("users.manage")
    user = db.session.get(User, user_id)
    if user is None or user.membership_in(access.tenant) is None:
        raise NotFound(f"No member with id {user_id} in this programme.")
    if user.id == access.user_id:
        raise Invalid("You cannot deactivate yourself.")
    if user.is_platform_admin or len(user.memberships) > 1:
        raise Forbidden(f"{user.email} also works in other programmes: a platform operator "
                        "deactivates them with 'imant deactivate-user'.")
    deactivate_user(user=user, by_user_id=access.user_id, tenant_id=access.tenant.id)
    return user
