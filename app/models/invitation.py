"""Single-use links a coordinator hands out: an invitation into a programme with a role,
or a password reset for one of its members. Only a hash of the link's token is stored."""
from __future__ import annotations

import enum
import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models.accounts import User, hash_token
from app.models.tenant import Tenant, utcnow


class LinkKind(enum.StrEnum):
    INVITE = "invite"
    RESET = "reset"


def _aware(moment: datetime) -> datetime:
    """SQLite hands back the stored UTC time without its zone."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class Invitation(db.Model):
    __tablename__ = "invitation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(10), nullable=False, default=LinkKind.INVITE.value)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenant.id", ondelete="CASCADE"),
                                           nullable=False, index=True)
    email: Mapped[str] = mapped_column(String(254), nullable=False)
    role: Mapped[str | None] = mapped_column(String(20), nullable=True)
    scope_key: Mapped[str | None] = mapped_column(String(128), nullable=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    invited_by: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), nullable=True)

    tenant: Mapped[Tenant] = relationship()
    inviter: Mapped[User | None] = relationship(foreign_keys=[invited_by])

    @classmethod
    def issue(cls, *, kind: LinkKind, tenant: Tenant, email: str, days: int,
              invited_by: int | None, role: str | None = None,
              scope_key: str | None = None) -> tuple[Invitation, str]:
        """A new link valid for `days`; the clear token is returned once and never stored."""
        clear = secrets.token_urlsafe(32)
        link = cls(kind=kind.value, tenant=tenant, email=email, role=role,
                   scope_key=scope_key, token_hash=hash_token(clear), invited_by=invited_by,
                   expires_at=utcnow() + timedelta(days=days))
        return link, clear

    @property
    def expired(self) -> bool:
        return _aware(self.expires_at) <= datetime.now(UTC)

    @property
    def used(self) -> bool:
        return self.used_at is not None

    def __repr__(self) -> str:
        return f"<Invitation {self.kind} {self.email}@{self.tenant_id}>"
