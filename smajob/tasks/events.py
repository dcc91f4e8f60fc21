"""The task's history: every change is a TaskEvent (who, what, when)."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l

from smajob.errors import RuleViolation
from smajob.extensions import db
from smajob.tasks import rules
from smajob.tasks.models import Task, TaskEvent

ACTION_LABELS = {
    "submitted": _l("Indsendt"),
    "resubmitted": _l("Sendt til ny godkendelse efter ændring"),
    "approved": _l("Godkendt"),
    "rejected": _l("Afvist"),
    "edited": _l("Ændret"),
    "paused": _l("Sat på pause"),
    "resumed": _l("Genåbnet"),
    "closed": _l("Lukket"),
    "expired": _l("Udløbet"),
    "question": _l("Spørgsmål sendt til virksomheden"),
}

STATUS_LABELS = {
    "submitted": _l("Modtaget – venter på godkendelse"), "open": _l("Godkendt og åben"),
    "rejected": _l("Ikke godkendt"), "paused": _l("På pause"), "closed": _l("Lukket"),
    "expired": _l("Udløbet"),
}
SOURCE_LABELS = {
    "form": _l("Den offentlige formular"), "helper": _l("Den offentlige formular via hjælpen"),
    "portal": _l("Virksomhedsportalen"), "api": _l("API"),
}


def record(task: Task, actor, action: str, *, now: datetime, changes: dict | None = None,
           note: str | None = None) -> TaskEvent:
    event = TaskEvent(task_id=task.id, at=now, actor_id=getattr(actor, "id", None),
                      action=action, changes=changes or None, note=note)
    db.session.add(event)
    return event


def set_status(task: Task, actor, target: str, *, now: datetime, action: str,
               note: str | None = None, changes: dict | None = None) -> TaskEvent:
    """Move the task to `target` if the move is allowed, and record it."""
    if not rules.can_move(task.status, target):
        raise RuleViolation(None, _l("Opgaven kan ikke ændres fra sin nuværende status."))
    all_changes = {"status": [str(task.status), str(target)], **(changes or {})}
    task.status = target
    return record(task, actor, action, now=now, changes=all_changes, note=note)
