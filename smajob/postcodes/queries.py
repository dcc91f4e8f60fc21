"""Reads for postcodes."""

from __future__ import annotations

from sqlalchemy import select

from smajob.extensions import db
from smajob.postcodes.models import Postcode


def get_postcode(number: str | None) -> Postcode | None:
    """The postcode row for a 4-digit number, or None if unknown (or malformed)."""
    if not number or len(number.strip()) != 4 or not number.strip().isdigit():
        return None
    return db.session.get(Postcode, number.strip())


def list_postcodes() -> list[Postcode]:
    return list(db.session.scalars(select(Postcode).order_by(Postcode.number)))
