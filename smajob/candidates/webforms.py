"""Turning posted candidate forms into service inputs, and filling forms from a candidate."""

from __future__ import annotations

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from smajob import weekly
from smajob.accounts.models import User
from smajob.candidates.forms import ProfileForm, ReferralForm, benefit_choices
from smajob.candidates.models import Candidate
from smajob.candidates.services import Profile, Referral
from smajob.errors import RuleViolation
from smajob.extensions import db
from smajob.permissions import Role
from smajob.tasks.categories import list_categories
from smajob.tasks.forms import parsed_windows


def language() -> str:
    return str(get_locale() or "da")[:2]


def referral_choices(form: ReferralForm) -> None:
    form.benefit_type.choices = benefit_choices(language())


def to_referral(form: ReferralForm) -> Referral:
    fields = {name: (getattr(form, name).data or "") for name in (
        "first_name", "last_name", "phone", "email", "address", "postcode", "case_reference",
        "target_group", "referring_consultant", "referral_note", "consent_text", "cpr",
        "benefit_type")}
    return Referral(referral_date=form.referral_date.data, consent_date=form.consent_date.data,
                    **fields)


def profile_choices(form: ProfileForm) -> None:
    categories = [(0, "–")] + [(c.id, c.name(language())) for c in list_categories()]
    for entry in form.categories.entries:
        entry.choices = categories
    consultants = db.session.scalars(select(User).where(
        User.role == Role.CONSULTANT, User.active.is_(True)).order_by(User.name))
    form.mentor_id.choices = [(0, "–")] + [(u.id, u.name) for u in consultants]


def fill_profile(form: ProfileForm, candidate: Candidate) -> None:
    windows = weekly.from_json(candidate.availability)
    for entry, window in zip(form.windows.entries, windows, strict=False):
        entry.form.weekday.data = str(window.weekday)
        entry.form.start.data = weekly.clock_text(window.start)
        entry.form.end.data = weekly.clock_text(window.end)
    form.max_hours.data = (candidate.max_weekly_minutes or 0) // 60 or None
    form.desired_hours.data = (candidate.desired_weekly_minutes or 0) // 60 or None
    form.max_travel_km.data = candidate.max_travel_km
    form.allowed_postcodes.data = ", ".join(candidate.allowed_postcodes or [])
    for entry, category_id in zip(form.categories.entries, candidate.preferred_categories or [],
                                  strict=False):
        entry.data = category_id
    form.limits.data = list(candidate.limits or [])
    form.danish_level.data = candidate.danish_level
    form.languages.data = candidate.languages
    form.experience.data = candidate.experience
    form.mentor_id.data = candidate.mentor_id or 0


def to_profile(form: ProfileForm) -> Profile:
    postcodes = [p.strip() for p in (form.allowed_postcodes.data or "").replace(";", ",")
                 .split(",") if p.strip()]
    if form.max_travel_km.data is None and not postcodes:
        raise RuleViolation("max_travel_km",
                            _l("Angiv en højeste transportafstand eller en liste af postnumre."))
    return Profile(
        preferred_categories=[c for c in (e.data for e in form.categories.entries) if c],
        availability=parsed_windows(form), max_weekly_minutes=form.max_hours.data * 60,
        desired_weekly_minutes=form.desired_hours.data * 60,
        max_travel_km=form.max_travel_km.data, allowed_postcodes=postcodes,
        limits=list(form.limits.data or []), danish_level=form.danish_level.data or 0,
        languages=form.languages.data or "", experience=form.experience.data or "",
        mentor_id=form.mentor_id.data or None)
