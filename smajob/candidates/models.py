"""The candidate (borger): referral, status, the matcher's profile, checklist and mentoring log."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import JSON, ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from smajob.db import Base, TimestampMixin, UTCDateTime


class CandidateStatus(StrEnum):
    REFERRED = "referred"
    MATURING = "maturing"
    READY = "ready"
    PLACED = "placed"
    PAUSED = "paused"  # illness etc.
    EXITED = "exited"  # with an outflow category and a date
    WITHDRAWN = "withdrawn"  # the jobcenter withdrew the referral (with a reason)


class Outflow(StrEnum):
    """The jobcenter's outflow (udslusning) categories (PRODUCT.md, seed 002)."""

    ORDINARY_WORK = "ordinary_work"
    ORDINARY_EDUCATION = "ordinary_education"
    IGU = "igu"
    FLEX_JOB = "flex_job"
    PENSION = "pension"
    MOVED = "moved"
    OTHER_BENEFIT = "other_benefit"
    OTHER = "other"
    UNKNOWN = "unknown"


_LISTED = text("anonymised_at IS NULL")


class Candidate(TimestampMixin, Base):
    __tablename__ = "candidate"
    # The lists' order (name, then id) over the people still listed: a page of 25 is read from
    # the index, for the bureau (everyone) and for a jobcenter (its municipality).
    __table_args__ = (
        Index("ix_candidate_listed_name", "last_name", "first_name", "id",
              postgresql_where=_LISTED, sqlite_where=_LISTED),
        Index("ix_candidate_listed_municipality_name", "municipality_id", "last_name",
              "first_name", "id", postgresql_where=_LISTED, sqlite_where=_LISTED),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"), index=True)
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80))
    phone: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(254))
    address: Mapped[str | None] = mapped_column(String(200))
    postcode: Mapped[str | None] = mapped_column(String(4))
    case_reference: Mapped[str | None] = mapped_column(String(40), index=True)
    benefit_type: Mapped[str] = mapped_column(String(40))
    target_group: Mapped[str | None] = mapped_column(String(80))
    referral_date: Mapped[date]
    referred_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    referring_consultant: Mapped[str | None] = mapped_column(String(120))
    referral_note: Mapped[str | None] = mapped_column(Text)
    consent_date: Mapped[date | None]
    consent_text: Mapped[str | None] = mapped_column(String(300))
    consent_named_in_story: Mapped[bool] = mapped_column(default=False)
    cpr_encrypted: Mapped[bytes | None] = mapped_column(LargeBinary)
    cpr_hash: Mapped[str | None] = mapped_column(String(64), index=True)  # keyed, for duplicates
    status: Mapped[str] = mapped_column(String(20), default=CandidateStatus.REFERRED, index=True)
    maturing_started_on: Mapped[date | None]
    ready_since: Mapped[date | None]
    exited_on: Mapped[date | None]
    outflow: Mapped[str | None] = mapped_column(String(30))
    status_reason: Mapped[str | None] = mapped_column(String(300))
    mentor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    # The matcher's profile
    preferred_categories: Mapped[list | None] = mapped_column(JSON)  # category ids, ranked
    availability: Mapped[list | None] = mapped_column(JSON)  # [[weekday, start, end], …]
    max_weekly_minutes: Mapped[int | None]
    desired_weekly_minutes: Mapped[int | None]
    max_travel_km: Mapped[int | None]
    allowed_postcodes: Mapped[list | None] = mapped_column(JSON)
    limits: Mapped[list | None] = mapped_column(JSON)  # CandidateLimit values
    danish_level: Mapped[int] = mapped_column(default=0)
    languages: Mapped[str | None] = mapped_column(String(200))
    experience: Mapped[str | None] = mapped_column(Text)
    anonymised_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def __repr__(self) -> str:
        return f"<Candidate {self.id} {self.status}>"


class CandidateEvent(Base):
    """The timeline: referral, every status change, profile edits, checklist ticks."""

    __tablename__ = "candidate_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    action: Mapped[str] = mapped_column(String(30))
    changes: Mapped[dict | None] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(String(500))


class ReadinessItem(Base):
    """An item on the maturing checklist, managed by admins."""

    __tablename__ = "readiness_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    text_da: Mapped[str] = mapped_column(String(120))
    text_en: Mapped[str] = mapped_column(String(120))
    sort_order: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)

    def text(self, language: str = "da") -> str:
        return self.text_en if language == "en" else self.text_da


class ReadinessCheck(Base):
    __tablename__ = "readiness_check"
    __table_args__ = (UniqueConstraint("candidate_id", "item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("readiness_item.id"))
    checked_at: Mapped[datetime] = mapped_column(UTCDateTime())
    checked_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))


class MentoringContact(Base):
    """The bureau's mentoring log: bureau-only, evidence for results payments."""

    __tablename__ = "mentoring_contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id"), index=True)
    on: Mapped[date]
    kind: Mapped[str] = mapped_column(String(20))
    minutes: Mapped[int]
    note: Mapped[str | None] = mapped_column(Text)
    placement_id: Mapped[int | None]  # the placement it concerns (the ledger adds the link)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
