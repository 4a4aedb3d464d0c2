"""Account services: authentication, users, memberships, tokens; and `init_login`, which
wires Flask-Login's loaders and its unauthorised answer (the only code here that reads the
request)."""
from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from flask import Flask, current_app, g, jsonify, redirect, request, url_for
from flask_babel import gettext as _
from sqlalchemy.exc import SQLAlchemyError

from app import audit
from app.auth import lifecycle
from app.extensions import db, login_manager
from app.models import ApiToken, Membership, Role, Tenant, User
from app.models.accounts import hash_token
from graph.errors import Conflict, Invalid, NotFound

log = logging.getLogger(__name__)

# a real hash to compare against when the email is unknown, so timing does not reveal it
_DUMMY = User(email="", password_hash="")
_DUMMY.set_password("not-a-real-password")


def authenticate(*, email: str, password: str) -> User | None:
    """The active user with this email and password, or None (same cost either way)."""
    user = db.session.execute(
        db.select(User).filter_by(email=email.strip().lower())).scalar_one_or_none()
    if user is None:
        _DUMMY.check_password(password)
        return None
    if not user.check_password(password) or not user.active:
        return None
    return user


def change_password(*, user: User, current: str, new: str) -> None:
    if not user.check_password(current):
        raise Invalid("The current password is wrong.",
                      errors=[{"field": "current", "reason": "wrong password"}])
    user.set_password(new)
    user.end_sessions()  # the caller logs the current session in again
    audit.record(action="user.password", target=user.email, tenant_id=None, user_id=user.id)
    lifecycle.revoke_all_tokens(user=user, reason="password changed")
    db.session.commit()


def get_user(*, email: str) -> User:
    user = db.session.execute(
        db.select(User).filter_by(email=email.strip().lower())).scalar_one_or_none()
    if user is None:
        raise NotFound(f"No user with email {email!r}.")
    return user


def create_user(*, email: str, password: str, name: str = "",
                platform_admin: bool = False) -> User:
    email = email.strip().lower()
    if "@" not in email:
        raise Invalid(f"Not an email address: {email!r}.",
                      errors=[{"field": "email", "value": email}])
    if len(password) < 10:
        raise Invalid("The password must have at least 10 characters.",
                      errors=[{"field": "password", "reason": "too short"}])
    if db.session.execute(db.select(User).filter_by(email=email)).scalar_one_or_none():
        raise Conflict(f"A user with email {email!r} already exists.")
    user = User(email=email, name=name, is_platform_admin=platform_admin)
    user.set_password(password)
    db.session.add(user)
    audit.record(action="user.create", target=email, tenant_id=None, user_id=None,
                 after={"email": email, "platform_admin": platform_admin})
    db.session.commit()
    return user


def grant(*, user: User, tenant: Tenant, role: str, scope_key: str | None = None,
          by_user_id: int | None = None) -> Membership:
    """Give (or change) a user's single role in a tenant."""
    try:
        role_enum = Role(role)
    except ValueError as exc:
        raise Invalid(f"Unknown role {role!r}; choose one of "
                      f"{', '.join(r.value for r in Role)}.",
                      errors=[{"field": "role", "value": role}]) from exc
    if role_enum.scoped and not scope_key:
        raise Invalid(f"A {role} membership needs the key of its {role} entity.",
                      errors=[{"field": "scope_key", "reason": "required"}])
    if not role_enum.scoped:
        scope_key = None
    membership = user.membership_in(tenant)
    before = {"role": membership.role, "scope_key": membership.scope_key} if membership else None
    if membership is None:
        membership = Membership(user=user, tenant=tenant, role=role_enum.value)
        db.session.add(membership)
    membership.role, membership.scope_key = role_enum.value, scope_key
    audit.record(action="membership.grant", target=user.email, tenant_id=tenant.id,
                 user_id=by_user_id, before=before,
                 after={"role": role_enum.value, "scope_key": scope_key})
    db.session.commit()
    return membership


def list_members(*, tenant: Tenant) -> list[dict]:
    """The memberships of a tenant, by role then email."""
    rows = db.session.execute(
        db.select(Membership, User).join(User, Membership.user_id == User.id)
        .filter(Membership.tenant_id == tenant.id).order_by(Membership.role, User.email))
    return [{"id": user.id, "email": user.email, "name": user.name, "role": m.role,
             "scope_key": m.scope_key, "active": user.active,
             "since": m.created_at.date().isoformat()}
            for m, user in rows]


def create_token(*, user: User, name: str = "", days: int | None = None) -> str:
    """Issue an API token; the clear value is returned once."""
    return issue_token(user=user, name=name, days=days)[0]


def issue_token(*, user: User, name: str = "", days: int | None = None
                ) -> tuple[str, datetime]:
    """Issue an API token valid for `days` (default TOKEN_LIFETIME_DAYS): its clear value,
    returned once, and when it expires."""
    token, clear = ApiToken.issue(user=user, name=name,
                                  days=days or current_app.config["TOKEN_LIFETIME_DAYS"])
    db.session.add(token)
    audit.record(action="token.create", target=f"{user.email}:{token.prefix}", tenant_id=None,
                 user_id=user.id, after={"expires_at": token.expires_at.isoformat()})
    db.session.commit()
    return clear, token.expires_at


MAX_TOKEN_DAYS = 365


def create_own_token(*, user: User, name: str | None = "", days: int | str | None = None
                     ) -> tuple[str, datetime]:
    """A user issues themselves a token: a name of at most 100 characters, and 1 to 365
    days of validity (default IMANT_TOKEN_DAYS)."""
    name = (name or "").strip()
    if len(name) > 100:
        raise Invalid(_("The name may have at most 100 characters."),
                      errors=[{"field": "name", "reason": "too long"}])
    if days in (None, ""):
        return issue_token(user=user, name=name)
    try:
        number = int(days)
    except (TypeError, ValueError):
        number = 0
    if isinstance(days, bool) or not 1 <= number <= MAX_TOKEN_DAYS:
        raise Invalid(_("Days must be a whole number from 1 to %(max)s.", max=MAX_TOKEN_DAYS),
                      errors=[{"field": "days", "value": days}])
    return issue_token(user=user, name=name, days=number)


def user_for_token(clear: str) -> User | None:
    token = db.session.execute(
        db.select(ApiToken).filter_by(token_hash=hash_token(clear), revoked=False)
        .filter(ApiToken.expires_at > datetime.now(UTC))
    ).scalar_one_or_none()
    if token is None or not token.user.active:
        return None
    now = datetime.now(UTC)
    if not _stale(token.last_used_at, now):
        return token.user  # recorded less than a minute ago: no write for this request
    token.last_used_at = now
    try:  # best-effort: a read with a token must work while SQL cannot be written
        db.session.commit()
    except SQLAlchemyError as exc:
        db.session.rollback()
        log.warning("last use of token %s not recorded: %s", token.prefix, exc)
    return token.user


# A token's last use is recorded at most once a minute: writing it on every request made
# each API read a SQL write (and, on SQLite, a wait for the one writer's lock and fsync).
LAST_USE_EVERY = timedelta(minutes=1)


def _stale(last: datetime | None, now: datetime) -> bool:
    if last is None:
        return True
    if last.tzinfo is None:  # SQLite keeps no zone: stored values are UTC
        last = last.replace(tzinfo=UTC)
    return now - last >= LAST_USE_EVERY


def init_login(app: Flask) -> None:
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please log in to see this page."  # never shown: see below

    @login_manager.unauthorized_handler
    def unauthorized():
        if request.path.startswith("/api/"):
            return jsonify({"error": "Unauthorized",
                            "message": "Log in or send 'Authorization: Bearer <token>'."}), 401
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))

    @login_manager.user_loader
    def load_user(session_id: str) -> User | None:
        """The user of a session cookie ("id:generation", or a bare id of generation 0),
        unless deactivated or the session's generation has ended."""
        user_id, _, generation = session_id.partition(":")
        if not user_id.isdigit() or not (generation or "0").isdigit():
            return None
        user = db.session.get(User, int(user_id))
        if user is None or not user.active or user.session_generation != int(generation or 0):
            return None
        return user

    @login_manager.request_loader
    def load_from_token(req) -> User | None:
        header = req.headers.get("Authorization", "")
        if not req.path.startswith("/api/") or not header.startswith("Bearer "):
            return None
        user = user_for_token(header.removeprefix("Bearer ").strip())
        if user is not None:
            g.auth_via_token = True
        return user
