"""The table /healthz writes to (and rolls back) to prove SQL takes writes; always empty."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.tenant import utcnow


class StoreProbe(db.Model):
    __tablename__ = "store_probe"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
