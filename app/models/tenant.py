"""A tenant is one programme run by one foundation."""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import current_app
from sqlalchemy import JSON, DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from domain.phases import DEFAULT_LENGTHS
from domain.vocabulary import DEFAULT_COVERAGE_THRESHOLD, DEFAULT_SUPPRESSION_THRESHOLD


def utcnow() -> datetime:
    return datetime.now(UTC)


class Tenant(db.Model):
    __tablename__ = "tenant"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    start_year: Mapped[int] = mapped_column(Integer, nullable=False)
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # archived: members no longer reach it (404), its data is kept, a platform admin restores it
    archived_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    @property
    def archived(self) -> bool:
        return self.archived_at is not None

    def setting(self, name: str, default: Any = None) -> Any:
        """One programme setting as stored; prefer the typed accessors below."""
        return (self.settings or {}).get(name, default)

    @property
    def suppression_threshold(self) -> int:
        """Counts of people below this are never shown: the programme's setting, else the
        configured default (IMANT_SUPPRESSION_THRESHOLD)."""
        default = current_app.config.get("SUPPRESSION_THRESHOLD", DEFAULT_SUPPRESSION_THRESHOLD)
        return int(self.setting("suppression_threshold", default))

    @property
    def coverage_threshold(self) -> float:
        """Share (%) of a territory's schools that must have figures for a year not to be
        partial: the programme's setting, else 90."""
        return float(self.setting("coverage_threshold", DEFAULT_COVERAGE_THRESHOLD))

    @property
    def annual_run_date(self) -> str | None:
        """"MM-DD" on which the annual reports run (None: the scheduler's default)."""
        value = self.setting("annual_run_date")
        return None if value is None else str(value)

    @property
    def language(self) -> str | None:
        """The programme's default language code, as set (None: the browser's decides)."""
        value = self.setting("language")
        return None if value is None else str(value)

    @property
    def phase_lengths(self) -> dict[str, int]:
        """Years of advice, intensive training and accompaniment of the programme's
        alliances (the Catalan defaults unless set: 1, 2 and 4)."""
        return {name: int(self.setting(name, default))
                for name, default in DEFAULT_LENGTHS.items()}

    def __repr__(self) -> str:
        return f"<Tenant {self.slug}>"
