"""The weekly hours ledger: one HoursEntry per placement and ISO week, its history, and the
single-use links a business confirms a week with. One ledger feeds pay, invoices and results."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column

from smajob.db import Base, UTCDateTime
from smajob.hours import summary_sql


class HoursStatus(StrEnum):
    ENTERED = "entered"  # waiting for the other side to confirm
    CONFIRMED = "confirmed"


class Side(StrEnum):
    BUREAU = "bureau"  # a consultant (or admin)
    BUSINESS = "business"  # the business contact


class ConfirmedVia(StrEnum):
    PORTAL = "portal"  # a logged-in business user
    LINK = "link"  # the e-mailed single-use link
    BUREAU = "bureau"  # a consultant confirming what the business entered
    AUTO = "auto"  # nobody objected within the configured number of days


class HoursEntry(Base):
    __tablename__ = "hours_entry"
    __table_args__ = (UniqueConstraint("placement_id", "week_start"),
                      # Covers the hours reports (sum per month for a period) without the table.
                      Index("ix_hours_entry_report", "week_start", "placement_id", "minutes",
                            "status"))

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(ForeignKey("placement.id"), index=True)
    week_start: Mapped[date] = mapped_column(index=True)  # the ISO week's Monday
    minutes: Mapped[int]
    per_day: Mapped[list | None] = mapped_column(JSON)  # 7 × minutes, Monday first, or None
    flags: Mapped[list] = mapped_column(JSON, default=list)  # below_minimum, far_above_agreed
    status: Mapped[str] = mapped_column(String(10), default=HoursStatus.ENTERED, index=True)
    entered_side: Mapped[str] = mapped_column(String(10))
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    entered_at: Mapped[datetime] = mapped_column(UTCDateTime())
    confirmed_via: Mapped[str | None] = mapped_column(String(10))
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Minutes already billed on issued invoices (net of credit notes). A confirmed entry whose
    # minutes differ from this has something to invoice: the whole week, or an adjustment.
    invoiced_minutes: Mapped[int] = mapped_column(default=0)
    # Minutes already paid in closed payroll months: the same idea for wages.
    paid_minutes: Mapped[int] = mapped_column(default=0)
    version: Mapped[int] = mapped_column(default=1)  # optimistic lock: edits must name it

    __mapper_args__ = {"version_id_col": version}


class HoursSummary(Base):
    """The ledger summed per municipality (the candidate's), week and status, kept equal to
    hours_entry by database triggers (hours/summary_sql.py) in the same transaction as every
    write, so the hours reports read a few hundred rows instead of the ledger."""

    __tablename__ = "hours_summary"

    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"),
                                                 primary_key=True)
    week_start: Mapped[date] = mapped_column(primary_key=True)  # the ISO week's Monday
    status: Mapped[str] = mapped_column(String(10), primary_key=True)
    minutes: Mapped[int] = mapped_column(default=0)
    entries: Mapped[int] = mapped_column(default=0)  # weeks recorded


# Emptying tables in dependency order (tests) must delete the ledger before its summary: the
# ledger's delete triggers write to the summary.
HoursEntry.__table__.add_is_dependent_on(HoursSummary.__table__)
event.listen(Base.metadata, "after_create", summary_sql.install)


class HoursEvent(Base):
    """What happened to a week: entered, confirmed, corrected (old and new value, reason)."""

    __tablename__ = "hours_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("hours_entry.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    action: Mapped[str] = mapped_column(String(20))  # entered, confirmed, corrected, auto_confirmed
    old_minutes: Mapped[int | None]
    new_minutes: Mapped[int | None]
    reason: Mapped[str | None] = mapped_column(String(300))


class ConfirmLink(Base):
    """A single-use, expiring link that can confirm exactly one week at exactly one value.

    Only the SHA-256 of the random token is stored; the link dies when used, when it expires, or
    when the week changes after it was sent (`entry_version`)."""

    __tablename__ = "hours_confirm_link"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("hours_entry.id"), index=True)
    entry_version: Mapped[int]
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    sent_to: Mapped[str] = mapped_column(String(254))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class HoursReminder(Base):
    """A Monday reminder sent for a placement's missing week (sent once, however often it runs)."""

    __tablename__ = "hours_reminder"
    __table_args__ = (UniqueConstraint("placement_id", "week_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(ForeignKey("placement.id"), index=True)
    week_start: Mapped[date]
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime())
