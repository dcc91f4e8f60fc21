"""Reading and changing dated rates. A change is a new row; history is never overwritten."""

from __future__ import annotations

from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from smajob.audit.services import record_audit
from smajob.errors import RuleViolation
from smajob.extensions import db
from smajob.rates.catalogue import BY_CODE, RateRow, value_on
from smajob.rates.models import Rate


def _rows(code: str | None = None) -> list[RateRow]:
    stmt = select(Rate)
    if code:
        stmt = stmt.where(Rate.code == code)
    return [RateRow(r.code, r.value, r.valid_from, r.valid_to, r.municipality_id)
            for r in db.session.scalars(stmt)]


def get_rate(code: str, day: date, municipality_id: int | None = None) -> int:
    """The value of `code` in force on `day` (municipality row, bureau-wide row, or default)."""
    return value_on(_rows(code), code, day, municipality_id)


def list_rates() -> list[Rate]:
    return list(db.session.scalars(select(Rate).order_by(Rate.code, Rate.municipality_id,
                                                         Rate.valid_from.desc())))


def add_rate(actor, code: str, value: int, valid_from: date, *, municipality_id: int | None,
             note: str | None, today: date) -> Rate:
    """A new value from `valid_from`; the row in force before it ends the day before."""
    spec = BY_CODE.get(code)
    if spec is None:
        raise RuleViolation("code", _l("Ukendt sats."))
    if municipality_id is not None and not spec.per_municipality:
        raise RuleViolation("municipality_id", _l("Denne sats gælder hele bureauet."))
    if value < 0:
        raise RuleViolation("value", _l("Værdien må ikke være negativ."))
    if valid_from < today:
        raise RuleViolation("valid_from", _l("En ny sats kan tidligst gælde fra i dag; "
                                             "historikken ændres ikke."))
    same_scope = select(Rate).where(Rate.code == code,
                                    Rate.municipality_id.is_(None) if municipality_id is None
                                    else Rate.municipality_id == municipality_id)
    for row in db.session.scalars(same_scope):
        if row.valid_from >= valid_from:
            raise RuleViolation("valid_from", _l("Der findes allerede en sats fra den dato "
                                                 "eller senere. Vælg en senere dato."))
        if row.valid_to is None or row.valid_to >= valid_from:
            row.valid_to = valid_from - timedelta(days=1)
    rate = Rate(code=code, value=value, valid_from=valid_from, municipality_id=municipality_id,
                note=(note or "").strip() or None, created_by_id=getattr(actor, "id", None))
    db.session.add(rate)
    db.session.flush()
    record_audit(actor, "rate.added", object_type="rate", object_id=rate.id,
                 municipality_id=municipality_id, detail={"code": code, "value": value,
                                                          "valid_from": valid_from.isoformat()})
    return rate
