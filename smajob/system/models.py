"""JobRun: one row per run of a scheduled job, shown to admins."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from smajob.db import Base, _utcnow


class JobOutcome(StrEnum):
    RUNNING = "running"
    SUCCESS = "success"
    FAILED = "failed"
    SKIPPED = "skipped"  # another process held the lock, or the slot had already run


class JobRun(Base):
    __tablename__ = "job_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[str] = mapped_column(String(60), index=True)
    started_at: Mapped[datetime] = mapped_column(default=_utcnow, index=True)
    finished_at: Mapped[datetime | None]
    outcome: Mapped[JobOutcome] = mapped_column(String(10), default=JobOutcome.RUNNING)
    trigger: Mapped[str] = mapped_column(String(20), default="schedule")  # schedule/manual/cli
    # The fire time a scheduled run belongs to (None for runs by hand): one body per slot.
    slot: Mapped[datetime | None] = mapped_column(index=True)
    counts: Mapped[dict | None] = mapped_column(JSON)
    error: Mapped[str | None] = mapped_column(Text)
