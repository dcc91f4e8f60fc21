"""The municipality (kommune/jobcenter): the tenant boundary for jobcenter staff."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from smajob.db import Base, TimestampMixin


class Municipality(TimestampMixin, Base):
    __tablename__ = "municipality"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(3), unique=True)  # the official 3-digit code, e.g. 851
    name: Mapped[str] = mapped_column(String(80), unique=True)
    jobcenter_email: Mapped[str | None] = mapped_column(String(254))

    def __repr__(self) -> str:
        return f"<Municipality {self.code} {self.name}>"
