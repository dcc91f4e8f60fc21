"""Reads for placements."""

from __future__ import annotations

from sqlalchemy import select

from smajob.extensions import db
from smajob.placements.models import Placement
from smajob.tasks.models import Task


def for_candidate(candidate_id: int) -> list[tuple[Placement, Task]]:
    """All of a candidate's placements with their task, newest first."""
    return [tuple(row) for row in db.session.execute(
        select(Placement, Task).join(Task, Task.id == Placement.task_id)
        .where(Placement.candidate_id == candidate_id)
        .order_by(Placement.start_date.desc(), Placement.id.desc()))]
