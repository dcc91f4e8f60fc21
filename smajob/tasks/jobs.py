"""The tasks' scheduled job: tasks whose end date has passed become expired."""

from __future__ import annotations

from datetime import datetime

from smajob import clock
from smajob.tasks.review import expire_ended


def expire_tasks(now: datetime) -> dict[str, int]:
    """Expire open, paused or still-submitted tasks whose end date (Copenhagen) has passed."""
    return {"expired": expire_ended(now=now, today=clock.to_local(now).date())}
