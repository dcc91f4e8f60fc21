"""Changing postcodes: the shipped Nordjylland list and the admin's DAWA import."""

from __future__ import annotations

from sqlalchemy import select

from smajob.audit.services import record_audit
from smajob.extensions import db
from smajob.postcodes.dawa import PostcodeRow
from smajob.postcodes.models import Postcode
from smajob.postcodes.nordjylland import NORDJYLLAND


def ensure_nordjylland() -> int:
    """Insert the shipped Region Nordjylland postcodes that are missing; returns how many."""
    existing = set(db.session.scalars(select(Postcode.number)))
    missing = [Postcode(number=n, town=t, latitude=lat, longitude=lon)
               for n, t, lat, lon in NORDJYLLAND if n not in existing]
    db.session.add_all(missing)
    db.session.flush()
    return len(missing)


def preview(rows: list[PostcodeRow]) -> dict[str, int]:
    """How many rows are new, changed or unchanged against the table."""
    current = {p.number: p for p in db.session.scalars(select(Postcode))}
    counts = {"new": 0, "changed": 0, "unchanged": 0}
    for row in rows:
        old = current.get(row.number)
        if old is None:
            counts["new"] += 1
        elif (old.town, round(old.latitude, 6), round(old.longitude, 6)) != (
                row.town, round(row.latitude, 6), round(row.longitude, 6)):
            counts["changed"] += 1
        else:
            counts["unchanged"] += 1
    return counts


def import_rows(actor, rows: list[PostcodeRow]) -> dict[str, int]:
    """Insert or update every row (postcodes are never deleted: tasks refer to them)."""
    counts = preview(rows)
    current = {p.number: p for p in db.session.scalars(select(Postcode))}
    for row in rows:
        postcode = current.get(row.number)
        if postcode is None:
            db.session.add(Postcode(number=row.number, town=row.town, latitude=row.latitude,
                                    longitude=row.longitude))
        else:
            postcode.town, postcode.latitude, postcode.longitude = (
                row.town, row.latitude, row.longitude)
    db.session.flush()
    record_audit(actor, "postcodes.import", detail=counts)
    return counts
