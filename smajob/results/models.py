"""The hours-requirement rules: dated rules the tracker measures ordinary paid hours against."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from smajob.db import Base, _utcnow

# Which hours count towards a rule. Only ordinary, unsubsidised paid hours exist today; the column
# keeps the rule table honest should a rule ever count differently.
COUNTS_ORDINARY_PAID = "ordinary_paid"


class HoursRequirementRule(Base):
    __tablename__ = "hours_requirement_rule"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(120))
    municipality_id: Mapped[int | None] = mapped_column(ForeignKey("municipality.id"))
    window_months: Mapped[int]
    threshold_minutes: Mapped[int]
    counts: Mapped[str] = mapped_column(String(30), default=COUNTS_ORDINARY_PAID)
    valid_from: Mapped[date]
    valid_to: Mapped[date | None]  # inclusive; None: in force until ended
    note: Mapped[str | None] = mapped_column(String(300))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id",
                                                                 ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=_utcnow)

    def __repr__(self) -> str:
        return f"<HoursRequirementRule {self.code} {self.valid_from}>"
