"""A placement: one candidate employed in one task, with dated terms (hours, pattern, wage,
bill rate). Changing the terms adds a row; old weeks keep old terms."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from smajob.db import Base, TimestampMixin, UTCDateTime


class PlacementStatus(StrEnum):
    AGREED = "agreed"  # start date, hours and wage agreed
    ACTIVE = "active"  # the first day has been worked
    ENDED = "ended"


class EndReason(StrEnum):
    HIRED_BY_BUSINESS = "hired_by_business"
    OTHER_ORDINARY_JOB = "other_ordinary_job"
    EDUCATION = "education"
    FLEX_JOB = "flex_job"
    MOVED = "moved"
    DROPPED_OUT = "dropped_out"
    ILLNESS = "illness"
    TASK_ENDED = "task_ended"
    OTHER = "other"


class Placement(TimestampMixin, Base):
    __tablename__ = "placement"
    __table_args__ = (Index("ix_placement_task_status", "task_id", "status"),
                      Index("ix_placement_start_id", "start_date", "id"))  # lists, newest first

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id"), index=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id"), index=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("business.id"), index=True)
    status: Mapped[str] = mapped_column(String(10), default=PlacementStatus.AGREED)
    start_date: Mapped[date]
    end_date: Mapped[date | None]
    end_reason: Mapped[str | None] = mapped_column(String(30))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    # The terms agreed at the start; later changes are PlacementTerms rows.
    weekly_minutes: Mapped[int]
    pattern: Mapped[list] = mapped_column(JSON)
    wage: Mapped[int]  # øre per hour, ≥ the task's agreement minimum
    bill_rate: Mapped[int]  # øre per hour invoiced to the business


class PlacementTerms(Base):
    """A dated change of hours, pattern, wage or bill rate (valid from a Monday)."""

    __tablename__ = "placement_terms"

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(ForeignKey("placement.id"), index=True)
    valid_from: Mapped[date]
    weekly_minutes: Mapped[int]
    pattern: Mapped[list] = mapped_column(JSON)
    wage: Mapped[int]
    bill_rate: Mapped[int]
    reason: Mapped[str | None] = mapped_column(String(300))
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
