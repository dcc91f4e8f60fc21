"""Creating and changing tasks: every rule is checked here, whatever the way in."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from smajob import weekly
from smajob.businesses.cvr import normalise_cvr
from smajob.businesses.models import Business
from smajob.errors import RuleViolation
from smajob.extensions import db
from smajob.keys import new_token, token_hash
from smajob.matching.vocabulary import DanishLevel, TaskTrait
from smajob.postcodes.queries import get_postcode
from smajob.rates.services import get_rate
from smajob.tasks import events, notify, rules
from smajob.tasks.models import Task, TaskCategory, TaskSource, TaskStatus

PUBLIC_LIMIT_PER_HOUR = 5  # public submissions from one address
LIMITS = {"title": 120, "description": 4000, "address": 200, "contact_name": 120,
          "agreement": 120, "business_name": 160}
MAX_WAGE = 100_000  # øre per hour (1.000 kr.): beyond this it is a typo
MAX_SEATS = 50

PATTERN_MESSAGES = {
    "empty": _l("Angiv mindst ét tidsrum om ugen."),
    "weekday": _l("Vælg en ugedag."),
    "step": _l("Brug hele kvarterer (fx 09:00, 09:15, 09:30)."),
    "order": _l("Et tidsrum skal slutte efter, det begynder."),
    "overlap": _l("To tidsrum på samme dag overlapper hinanden."),
    "time": _l("Skriv tidspunktet som tt:mm, fx 09:30."),
}


class RateLimited(RuleViolation):
    """Too many public submissions from one address (the edge answers 429)."""


@dataclass
class TaskInput:
    title: str
    description: str
    category_id: int
    windows: list[weekly.Window]
    start_date: date
    end_date: date | None
    seats: int
    address: str
    postcode: str
    contact_name: str
    contact_phone: str
    contact_email: str
    agreement: str
    agreement_min_wage: int
    wage: int
    traits: list[str] = field(default_factory=list)
    danish_level: int = 0
    contact_language: str = "da"


def hour_limits(day: date) -> rules.HourLimits:
    return rules.HourLimits(get_rate("task_min_weekly_minutes", day),
                            get_rate("task_warn_weekly_minutes", day),
                            get_rate("task_max_weekly_minutes", day))


def _text(name: str, value: str, *, required: bool = True) -> str:
    cleaned = (value or "").strip()
    if required and not cleaned:
        raise RuleViolation(name, _l("Udfyld feltet."))
    if len(cleaned) > LIMITS[name]:
        raise RuleViolation(name, _l("Højst %(n)s tegn.", n=LIMITS[name]))
    if "\x00" in cleaned:  # never a person's text, and PostgreSQL refuses it
        raise RuleViolation(name, _l("Teksten indeholder ugyldige tegn."))
    return cleaned


def clean(data: TaskInput, *, today: date) -> dict:
    """The column values for a valid task, or RuleViolation on the first broken rule."""
    values = {name: _text(name, getattr(data, name)) for name in
              ("title", "description", "address", "contact_name", "agreement")}
    category = db.session.get(TaskCategory, data.category_id or 0)
    if category is None or not category.active:
        raise RuleViolation("category_id", _l("Vælg en kategori fra listen."))
    try:
        windows = weekly.validate(data.windows)
    except weekly.PatternError as error:
        raise RuleViolation("windows", PATTERN_MESSAGES[error.code]) from None
    total = weekly.total_minutes(windows)
    problem = rules.hours_problem(total, hour_limits(today))
    if problem == "too_few":
        raise RuleViolation("windows", _l("Et småjob er mindst 5 timer om ugen. Mønsteret giver "
                                          "%(hours)s timer.", hours=_hours(total)))
    if problem == "too_many":
        raise RuleViolation("windows", _l("Højst 37 timer om ugen. Mønsteret giver %(hours)s "
                                          "timer.", hours=_hours(total)))
    dates = rules.dates_problem(data.start_date, data.end_date, today)
    if dates == "start_past":
        raise RuleViolation("start_date", _l("Startdatoen må ikke ligge før i dag."))
    if dates == "end_before_start":
        raise RuleViolation("end_date", _l("Slutdatoen skal ligge efter startdatoen."))
    if not 1 <= data.seats <= MAX_SEATS:
        raise RuleViolation("seats", _l("Antal personer skal være mellem 1 og %(n)s.", n=MAX_SEATS))
    if get_postcode(data.postcode) is None:
        raise RuleViolation("postcode", _l("Postnummeret findes ikke. Skriv et dansk postnummer "
                                           "med fire cifre."))
    phone = rules.normalise_phone(data.contact_phone)
    if phone is None:
        raise RuleViolation("contact_phone", _l("Skriv et telefonnummer med 8 cifre (evt. +45)."))
    email = check_email(data.contact_email, "contact_email")
    if not 0 < data.agreement_min_wage <= MAX_WAGE:
        raise RuleViolation("agreement_min_wage", _l("Skriv overenskomstens mindsteløn pr. time."))
    if not 0 < data.wage <= MAX_WAGE:
        raise RuleViolation("wage", _l("Skriv timelønnen i kroner."))
    if data.wage < data.agreement_min_wage:
        raise RuleViolation("wage", _l("Timelønnen må ikke være lavere end overenskomstens "
                                       "mindsteløn."))
    known = {t.value for t in TaskTrait}
    if not set(data.traits) <= known:
        raise RuleViolation("traits", _l("Vælg kun fra listen."))
    if data.danish_level not in {level.value for level in DanishLevel}:
        raise RuleViolation("danish_level", _l("Vælg fra listen."))
    return {**values, "category_id": category.id, "pattern": weekly.to_json(windows),
            "weekly_minutes": total, "start_date": data.start_date, "end_date": data.end_date,
            "seats": data.seats, "postcode": data.postcode.strip(), "contact_phone": phone,
            "contact_email": email, "agreement_min_wage": data.agreement_min_wage,
            "wage": data.wage, "traits": sorted(set(data.traits)),
            "danish_level": data.danish_level,
            "contact_language": data.contact_language if data.contact_language in {"da", "en"}
            else "da"}


def check_email(raw: str, field_name: str) -> str:
    try:
        return validate_email((raw or "").strip(), check_deliverability=False).normalized
    except EmailNotValidError:
        raise RuleViolation(field_name, _l("Skriv en gyldig e-mailadresse.")) from None


def _hours(minutes: int) -> str:
    return f"{minutes / 60:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def match_business(cvr_raw: str, name: str) -> Business:
    """The business with this CVR (matched, never duplicated), or a new one."""
    cvr = normalise_cvr(cvr_raw or "")
    if cvr is None:
        raise RuleViolation("cvr", _l("CVR-nummeret er ikke gyldigt (8 cifre med kontrolciffer)."))
    cleaned = _text("business_name", name)
    business = db.session.scalar(select(Business).where(Business.cvr == cvr))
    if business is None:
        business = Business(cvr=cvr, name=cleaned)
        db.session.add(business)
        db.session.flush()
    return business


def submit_public(cvr: str, business_name: str, data: TaskInput, *, via_helper: bool,
                  address_key: str, now: datetime, today: date) -> tuple[Task, str]:
    """A task from the public form: lands as submitted; returns it and its follow token."""
    recent = db.session.scalar(select(func.count()).select_from(Task).where(
        Task.address_key == address_key, Task.created_at >= now - timedelta(hours=1)))
    if recent >= PUBLIC_LIMIT_PER_HOUR:
        raise RateLimited(None, _l("Der er sendt mange opgaver herfra den seneste time. "
                                   "Prøv igen senere, eller ring til os."))
    values = clean(data, today=today)
    business = match_business(cvr, business_name)
    token = new_token()
    task = Task(business_id=business.id, **values, status=TaskStatus.SUBMITTED,
                source=TaskSource.HELPER if via_helper else TaskSource.FORM, submitted_at=now,
                follow_token_hash=token_hash(token), address_key=address_key)
    if business.email is None:
        business.email, business.phone = values["contact_email"], values["contact_phone"]
    db.session.add(task)
    db.session.flush()
    events.record(task, None, "submitted", now=now)
    notify.received(task, token)
    notify.new_submission(task)
    return task, token


def create_for_business(actor, data: TaskInput, *, now: datetime, today: date,
                        source: str = TaskSource.PORTAL) -> Task:
    values = clean(data, today=today)
    task = Task(business_id=actor.business_id, **values, status=TaskStatus.SUBMITTED,
                source=source, submitted_at=now)
    db.session.add(task)
    db.session.flush()
    events.record(task, actor, "submitted", now=now)
    notify.new_submission(task)
    return task


def edit_task(actor, task: Task, data: TaskInput, *, now: datetime, today: date) -> dict:
    """Change a task; a material change to an approved task sends it back for review.
    The start date may stay in the past if it is unchanged (the task has begun)."""
    if task.status not in rules.EDITABLE:
        raise RuleViolation(None, _l("En lukket eller udløbet opgave kan ikke ændres."))
    check_day = min(today, task.start_date) if data.start_date == task.start_date else today
    values = clean(data, today=check_day)
    changed = rules.changes({k: getattr(task, k) for k in values}, values)
    if not changed:
        return changed
    for key, value in values.items():
        setattr(task, key, value)
    back_to_review = rules.is_material(changed) and task.status != TaskStatus.SUBMITTED
    events.record(task, actor, "edited", now=now, changes=changed)
    if back_to_review:
        events.set_status(task, actor, TaskStatus.SUBMITTED, now=now, action="resubmitted")
        task.submitted_at = now
        notify.new_submission(task)
    return changed
