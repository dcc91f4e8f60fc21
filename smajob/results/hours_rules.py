"""Reading and changing the hours-requirement rules. A change is a new row; history stays."""

from __future__ import annotations

from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select

from smajob.audit.services import record_audit
from smajob.errors import RuleViolation
from smajob.extensions import db
from smajob.results.models import HoursRequirementRule
from smajob.results.tracker import HoursRule

# What the migration seeds: the historical rule, and an example row for today that each
# municipality replaces with the requirement it administers.
SEED_RULES = (
    ("225_hours", "225-timersreglen (225 timer på 12 måneder)", 12, 225 * 60,
     date(2016, 4, 1), date(2025, 6, 30),
     "Historisk regel, ophævet 30. juni 2025. Suspensionen i 2020 registreres som "
     "forlængelsesperioder pr. borger."),
    ("current_example", "Beskæftigelseskrav (eksempel – ret til kommunens gældende krav)", 12,
     225 * 60, date(2025, 7, 1), None,
     "Eksempel: kommunen angiver sit eget vindue og timetal."),
)
MAX_WINDOW_MONTHS = 60
MAX_THRESHOLD_MINUTES = 5000 * 60


def list_rules() -> list[HoursRequirementRule]:
    return list(db.session.scalars(select(HoursRequirementRule).order_by(
        HoursRequirementRule.municipality_id, HoursRequirementRule.valid_from.desc())))


def rule_on(municipality_id: int | None, day: date) -> HoursRule | None:
    """The rule in force on `day` for the municipality: its own row first, else the bureau-wide
    one (the newest `valid_from` wins within a scope), as the pure tracker's rule."""
    stmt = select(HoursRequirementRule).where(
        or_(HoursRequirementRule.municipality_id.is_(None),
            HoursRequirementRule.municipality_id == municipality_id),
        HoursRequirementRule.valid_from <= day,
        or_(HoursRequirementRule.valid_to.is_(None), HoursRequirementRule.valid_to >= day))
    rows = sorted(db.session.scalars(stmt),
                  key=lambda r: (r.municipality_id is not None, r.valid_from, r.id))
    if not rows:
        return None
    r = rows[-1]
    return HoursRule(code=r.code, window_months=r.window_months,
                     threshold_minutes=r.threshold_minutes, valid_from=r.valid_from,
                     valid_to=r.valid_to)


def add_rule(actor, *, code: str, name: str, municipality_id: int | None, window_months: int,
             threshold_minutes: int, valid_from: date, note: str | None,
             today: date) -> HoursRequirementRule:
    """A rule in force from `valid_from`; an open rule of the same scope ends the day before."""
    if not 1 <= window_months <= MAX_WINDOW_MONTHS:
        raise RuleViolation("window_months", _l("Vinduet skal være mellem 1 og 60 måneder."))
    if not 0 < threshold_minutes <= MAX_THRESHOLD_MINUTES:
        raise RuleViolation("threshold_hours", _l("Timetallet skal være mellem 1 og 5.000."))
    if valid_from < today:
        raise RuleViolation("valid_from", _l("En ny regel kan tidligst gælde fra i dag; "
                                             "historikken ændres ikke."))
    scope = (HoursRequirementRule.municipality_id.is_(None) if municipality_id is None
             else HoursRequirementRule.municipality_id == municipality_id)
    for row in db.session.scalars(select(HoursRequirementRule).where(scope)):
        if row.valid_from >= valid_from:
            raise RuleViolation("valid_from", _l("Der findes allerede en regel fra den dato "
                                                 "eller senere. Vælg en senere dato."))
        if row.valid_to is None or row.valid_to >= valid_from:
            row.valid_to = valid_from - timedelta(days=1)
    rule = HoursRequirementRule(
        code=code.strip(), name=name.strip(), municipality_id=municipality_id,
        window_months=window_months, threshold_minutes=threshold_minutes,
        valid_from=valid_from, note=(note or "").strip() or None,
        created_by_id=getattr(actor, "id", None))
    db.session.add(rule)
    db.session.flush()
    record_audit(actor, "hours_rule.added", object_type="hours_requirement_rule",
                 object_id=rule.id, municipality_id=municipality_id,
                 detail={"code": rule.code, "threshold_minutes": threshold_minutes,
                         "window_months": window_months, "valid_from": valid_from.isoformat()})
    return rule


def ensure_seed_rules() -> None:
    """Idempotent: the seeded rows, for databases built without migrations (tests)."""
    if db.session.scalar(select(HoursRequirementRule.id).limit(1)) is not None:
        return
    for code, name, months, minutes, valid_from, valid_to, note in SEED_RULES:
        db.session.add(HoursRequirementRule(code=code, name=name, window_months=months,
                                            threshold_minutes=minutes, valid_from=valid_from,
                                            valid_to=valid_to, note=note))
