"""Users, their memberships in tenants with a role, and API tokens."""
from __future__ import annotations

import enum
import hashlib
import secrets
from datetime import datetime, timedelta

from flask_login import UserMixin
from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from app.extensions import db
from app.models.tenant import Tenant, utcnow


class Role(enum.StrEnum):
    COORDINATOR = "coordinator"
    PARTNER = "partner"
    MUNICIPALITY = "municipality"
    SCHOOL = "school"
    EVALUATOR = "evaluator"

    @property
    def scoped(self) -> bool:
        """Partner, municipality and school memberships are bound to one entity's key."""
        return self in (Role.PARTNER, Role.MUNICIPALITY, Role.SCHOOL)


class User(UserMixin, db.Model):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    password_hash: Mapped[str] = mapped_column(String(256), nullable=False)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    is_platform_admin: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # bumped by logout, a password change and deactivation: every session cookie carries
    # the generation it was made in, and one of an older generation no longer logs in
    session_generation: Mapped[int] = mapped_column(Integer, nullable=False, default=0,
                                                    server_default="0")
    # the user's language (a code of app.i18n.LOCALES); None: the programme's, else the browser's
    language: Mapped[str | None] = mapped_column(String(8), nullable=True)

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="user", cascade="all, delete-orphan")

    @property
    def is_active(self) -> bool:  # Flask-Login
        return self.active

    def get_id(self) -> str:  # Flask-Login: what the session cookie carries
        return f"{self.id}:{self.session_generation}"

    def end_sessions(self) -> None:
        """Every session made so far stops working at its next request."""
        self.session_generation = (self.session_generation or 0) + 1

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)  # scrypt

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def membership_in(self, tenant: Tenant) -> Membership | None:
        return next((m for m in self.memberships if m.tenant_id == tenant.id), None)

    def __repr__(self) -> str:
        return f"<User {self.email}>"


class Membership(db.Model):
    __tablename__ = "membership"
    __table_args__ = (UniqueConstraint("user_id", "tenant_id", name="uq_membership_user_tenant"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"),
                                         nullable=False, index=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenant.id", ondelete="CASCADE"),
                                           nullable=False, index=True)
    role: Mapped[str] = mapped_column(String(20), nullable=False)
    scope_key: Mapped[str | None] = mapped_column(String(128), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    user: Mapped[User] = relationship(back_populates="memberships")
    tenant: Mapped[Tenant] = relationship()

    @property
    def role_enum(self) -> Role:
        return Role(self.role)

    def __repr__(self) -> str:
        return f"<Membership {self.user_id}@{self.tenant_id} {self.role}:{self.scope_key}>"


def hash_token(token: str) -> str:
    """Tokens are random, so a plain SHA-256 is enough to store them."""
    return hashlib.sha256(token.encode()).hexdigest()


class ApiToken(db.Model):
    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"),
                                         nullable=False, index=True)
    name: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    prefix: Mapped[str] = mapped_column(String(12), nullable=False)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    revoked: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)

    user: Mapped[User] = relationship()

    @classmethod
    def issue(cls, *, user: User, days: int, name: str = "") -> tuple[ApiToken, str]:
        """A new token valid for `days`; the clear value is returned once and never stored."""
        clear = "imt_" + secrets.token_urlsafe(32)
        token = cls(user=user, name=name, prefix=clear[:12], token_hash=hash_token(clear),
                    expires_at=utcnow() + timedelta(days=days))
        return token, clear
