"""Danish postcodes with the centroid used for travel distances."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from smajob.db import Base


class Postcode(Base):
    __tablename__ = "postcode"

    number: Mapped[str] = mapped_column(String(4), primary_key=True)
    town: Mapped[str] = mapped_column(String(80))
    latitude: Mapped[float]  # WGS84 centroid (DAWA's visual centre); geography, not money
    longitude: Mapped[float]

    def __repr__(self) -> str:
        return f"<Postcode {self.number} {self.town}>"
