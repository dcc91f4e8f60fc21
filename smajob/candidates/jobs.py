"""The candidates' scheduled jobs: maturing deadlines and retention. Both idempotent."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select

from smajob import clock
from smajob.accounts.models import User
from smajob.candidates import gdpr, rules
from smajob.candidates.models import Candidate, CandidateEvent, CandidateStatus
from smajob.extensions import db
from smajob.mail.notifier import queue_mail
from smajob.permissions import Role


def maturing_deadlines(now: datetime) -> dict[str, int]:
    """Alert the mentor (or every consultant) once when a maturing deadline is near, and once
    more when it has passed. The dashboard lists the same candidates."""
    today = clock.to_local(now).date()
    soon = today - timedelta(days=rules.MATURING_DAYS - rules.DEADLINE_WARNING_DAYS)
    candidates = db.session.scalars(select(Candidate).where(
        Candidate.status == CandidateStatus.MATURING, Candidate.maturing_started_on <= soon))
    sent = 0
    for candidate in candidates:
        state = rules.deadline_state(candidate.maturing_started_on, today)
        if state is None or _alerted(candidate.id, state):
            continue
        for user in _recipients(candidate):
            queue_mail(user.email, "candidate_deadline", "candidate_deadline",
                       language=user.language, candidate=candidate, state=state, user=user,
                       deadline=rules.maturing_deadline(candidate.maturing_started_on),
                       link=f"/borgere/{candidate.id}")
            sent += 1
        db.session.add(CandidateEvent(candidate_id=candidate.id, at=now, action="deadline_alert",
                                      note=state))
    return {"alerts": sent}


def _alerted(candidate_id: int, state: str) -> bool:
    return db.session.scalar(select(CandidateEvent.id).where(
        CandidateEvent.candidate_id == candidate_id, CandidateEvent.action == "deadline_alert",
        CandidateEvent.note == state)) is not None


def _recipients(candidate: Candidate) -> list[User]:
    if candidate.mentor_id:
        mentor = db.session.get(User, candidate.mentor_id)
        if mentor is not None and mentor.active:
            return [mentor]
    return list(db.session.scalars(select(User).where(
        User.role == Role.CONSULTANT, User.active.is_(True)).order_by(User.id)))


def retention(now: datetime) -> dict[str, int]:
    """Anonymise candidates exited (or withdrawn) more than RETENTION_MONTHS ago. Hours and
    invoices are bookkeeping and stay (five years, by the Bookkeeping Act)."""
    today = clock.to_local(now).date()
    due = gdpr.retention_due(today, int(current_app.config["RETENTION_MONTHS"]))
    for candidate_id in due:
        gdpr.anonymise(db.session.get(Candidate, candidate_id), None, now=now)
    return {"anonymised": len(due)}
