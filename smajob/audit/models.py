"""AuditEvent: who did what to which object, when — for logins and every personal-data access."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from smajob.db import Base, _utcnow


class AuditEvent(Base):
    __tablename__ = "audit_event"
    __table_args__ = (
        Index("ix_audit_event_object", "object_type", "object_id"),
        Index("ix_audit_event_actor_at", "actor_id", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=_utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(60), index=True)  # e.g. "login", "candidate.view"
    object_type: Mapped[str | None] = mapped_column(String(40))
    object_id: Mapped[int | None]
    candidate_id: Mapped[int | None] = mapped_column(index=True)  # kept as a plain id: erasure-safe
    municipality_id: Mapped[int | None] = mapped_column(ForeignKey("municipality.id"))
    detail: Mapped[dict | None] = mapped_column(JSON)
