"""OutboxMessage: every e-mail is written here inside the unit of work, then delivered."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from smajob.db import Base, _utcnow


class MailStatus(StrEnum):
    PENDING = "pending"  # waiting for SMTP delivery
    SENT = "sent"  # delivered to the SMTP server (body cleared: tokens do not linger)
    HELD = "held"  # development outbox: kept for admins to read, never sent
    FAILED = "failed"  # gave up after repeated SMTP errors


class OutboxMessage(Base):
    __tablename__ = "outbox_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=_utcnow, index=True)
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(60))  # e.g. "password_reset", "task_received"
    status: Mapped[MailStatus] = mapped_column(String(10), default=MailStatus.PENDING, index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    sent_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(String(300))
