"""Rate: one dated value of a catalogue code, bureau-wide or for one municipality."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from smajob.db import Base, _utcnow


class Rate(Base):
    __tablename__ = "rate"
    __table_args__ = (Index("ix_rate_code_from", "code", "valid_from"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(60))
    municipality_id: Mapped[int | None] = mapped_column(ForeignKey("municipality.id"))
    value: Mapped[int]
    valid_from: Mapped[date]
    valid_to: Mapped[date | None]
    note: Mapped[str | None] = mapped_column(String(300))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id",
                                                                 ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=_utcnow)
