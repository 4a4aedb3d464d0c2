"""Admission scenarios: a named what-if on one market (municipality, level, entry year),
its measures, and the aggregates of its last run (domain.admission.summary)."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.tenant import utcnow


class Scenario(db.Model):
    __tablename__ = "scenario"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenant.id", ondelete="CASCADE"),
                                           nullable=False, index=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
    municipality_key: Mapped[str] = mapped_column(String(128), nullable=False)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    level: Mapped[str] = mapped_column(String(16), nullable=False)
    # {"mechanism", "reserve": {"group", "places", "schools"}, "zones_add", "zones_remove",
    #  "places": {school: change}}, with the graph's keys
    measures: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)
    draws: Mapped[int] = mapped_column(Integer, nullable=False)
    seed: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    created_by: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # the last run: which job, who started it, on which data version, and what it found
    run_id: Mapped[int | None] = mapped_column(ForeignKey("job_run.id", ondelete="SET NULL"))
    ran_by: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"))
    ran_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    data_version: Mapped[int | None] = mapped_column(Integer)
    results: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # the one-page PDF of the last run (relative to REPORTS_DIR) and its SHA-256
    pdf_path: Mapped[str | None] = mapped_column(String(512))
    pdf_sha256: Mapped[str | None] = mapped_column(String(64))
