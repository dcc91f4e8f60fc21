"""Reads for the admin pages."""

from __future__ import annotations

from sqlalchemy import select

from smajob.audit.models import AuditEvent
from smajob.businesses.models import Business
from smajob.extensions import db
from smajob.mail.models import OutboxMessage
from smajob.municipalities.models import Municipality
from smajob.system.models import JobRun


def municipality_choices() -> list[tuple[int, str]]:
    return [(m.id, m.name) for m in db.session.scalars(select(Municipality).order_by(
        Municipality.name))]


def business_choices() -> list[tuple[int, str]]:
    return [(b.id, f"{b.name} (CVR {b.cvr})") for b in db.session.scalars(
        select(Business).order_by(Business.name))]


def recent_job_runs(limit: int = 100) -> list[JobRun]:
    return list(db.session.scalars(select(JobRun).order_by(JobRun.id.desc()).limit(limit)))


def recent_mail(limit: int = 200) -> list[OutboxMessage]:
    return list(db.session.scalars(
        select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(limit)))


def audit_events(*, actor_id: int | None = None, candidate_id: int | None = None,
                 action: str | None = None, limit: int = 500) -> list[AuditEvent]:
    """Audit events newest first, by user (what did X do) or by candidate (access request)."""
    stmt = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
    if actor_id:
        stmt = stmt.where(AuditEvent.actor_id == actor_id)
    if candidate_id:
        stmt = stmt.where(AuditEvent.candidate_id == candidate_id)
    if action:
        stmt = stmt.where(AuditEvent.action.startswith(action.strip()))
    return list(db.session.scalars(stmt))
