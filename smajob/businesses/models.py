"""The business or association (virksomhed/forening) that posts tasks, identified by CVR."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from smajob.db import Base, TimestampMixin


class Business(TimestampMixin, Base):
    __tablename__ = "business"

    id: Mapped[int] = mapped_column(primary_key=True)
    cvr: Mapped[str] = mapped_column(String(8), unique=True)
    name: Mapped[str] = mapped_column(String(160))
    industry: Mapped[str | None] = mapped_column(String(120))
    address: Mapped[str | None] = mapped_column(String(200))
    postcode: Mapped[str | None] = mapped_column(String(4))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(20))
    preferred_language: Mapped[str] = mapped_column(String(2), default="da")
    # The public "we take part" page is off until the business switches it on; the link carries
    # a random token (not the id), and switching off retires it for good.
    badge_token: Mapped[str | None] = mapped_column(String(43), unique=True)

    def __repr__(self) -> str:
        return f"<Business {self.cvr} {self.name}>"
