"""Status changes: the consultant's review and the business's pause/resume/close, and expiry."""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from smajob.errors import RuleViolation
from smajob.extensions import db
from smajob.tasks import events, notify
from smajob.tasks.models import Task, TaskCategory, TaskStatus

MAX_REASON = 1000


def _reason(text: str, field: str) -> str:
    cleaned = (text or "").strip()
    if not cleaned:
        raise RuleViolation(field, _l("Skriv en begrundelse, som virksomheden kan forstå."))
    if len(cleaned) > MAX_REASON:
        raise RuleViolation(field, _l("Højst %(n)s tegn.", n=MAX_REASON))
    if "\x00" in cleaned:
        raise RuleViolation(field, _l("Teksten indeholder ugyldige tegn."))
    return cleaned


def approve(actor, task: Task, *, now: datetime, bill_rate: int | None = None,
            category_id: int | None = None) -> None:
    """Open the task; optionally set the bill rate (øre per hour) and the category."""
    changes: dict = {}
    if bill_rate is not None:
        if not 0 < bill_rate <= 1_000_000:
            raise RuleViolation("bill_rate", _l("Skriv en pris pr. time i kroner."))
        if bill_rate != task.bill_rate:
            changes["bill_rate"] = [task.bill_rate, bill_rate]
            task.bill_rate = bill_rate
    if category_id and category_id != task.category_id:
        category = db.session.get(TaskCategory, category_id)
        if category is None or not category.active:
            raise RuleViolation("category_id", _l("Vælg en kategori fra listen."))
        changes["category_id"] = [task.category_id, category_id]
        task.category_id = category_id
    if task.bill_rate is None:
        from smajob.rates.services import get_rate

        task.bill_rate = get_rate("standard_bill_rate", now.date())
        changes["bill_rate"] = [None, task.bill_rate]
    events.set_status(task, actor, TaskStatus.OPEN, now=now, action="approved", changes=changes)
    task.approved_at, task.rejection_reason = now, None
    notify.approved(task)


def reject(actor, task: Task, reason: str, *, now: datetime) -> None:
    cleaned = _reason(reason, "reason")
    events.set_status(task, actor, TaskStatus.REJECTED, now=now, action="rejected", note=cleaned)
    task.rejection_reason = cleaned
    notify.rejected(task)


def ask_question(actor, task: Task, question: str, *, now: datetime) -> None:
    cleaned = _reason(question, "question")
    events.record(task, actor, "question", now=now, note=cleaned)
    notify.question(task, cleaned, actor)


def pause(actor, task: Task, *, now: datetime) -> None:
    events.set_status(task, actor, TaskStatus.PAUSED, now=now, action="paused")
    notify.paused(task)


def resume(actor, task: Task, *, now: datetime) -> None:
    if task.status != TaskStatus.PAUSED:
        raise RuleViolation(None, _l("Kun en opgave på pause kan genåbnes."))
    events.set_status(task, actor, TaskStatus.OPEN, now=now, action="resumed")


def close(actor, task: Task, *, now: datetime) -> None:
    events.set_status(task, actor, TaskStatus.CLOSED, now=now, action="closed")


# The status changes both the business and the bureau make: (function, message when done).
STATUS_ACTIONS = {"pause": (pause, _l("Opgaven er sat på pause.")),
                  "resume": (resume, _l("Opgaven er åben igen.")),
                  "close": (close, _l("Opgaven er lukket."))}


def expire_ended(*, now: datetime, today: date) -> int:
    """Tasks whose end date has passed become expired (safe to run twice)."""
    tasks = list(db.session.scalars(select(Task).where(
        Task.status.in_([TaskStatus.SUBMITTED, TaskStatus.OPEN, TaskStatus.PAUSED]),
        Task.end_date.is_not(None), Task.end_date < today).order_by(Task.id)))
    for task in tasks:
        events.set_status(task, None, TaskStatus.EXPIRED, now=now, action="expired")
        notify.expired(task)
    return len(tasks)
