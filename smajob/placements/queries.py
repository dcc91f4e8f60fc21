"""Reads for placements."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from smajob.extensions import db
from smajob.permissions import Role
from smajob.placements.models import Placement
from smajob.tasks.models import Task


def for_candidate(candidate_id: int) -> list[tuple[Placement, Task]]:
    """All of a candidate's placements with their task, newest first."""
    return [tuple(row) for row in db.session.execute(
        select(Placement, Task).join(Task, Task.id == Placement.task_id)
        .where(Placement.candidate_id == candidate_id)
        .order_by(Placement.start_date.desc(), Placement.id.desc()))]


def get(placement_id: int, *, business_id: int | None = None) -> Placement | None:
    """One placement; scoped to a business when `business_id` is given (others → None)."""
    placement = db.session.get(Placement, placement_id)
    if placement is None or (business_id is not None and placement.business_id != business_id):
        return None
    return placement


PAGE_SIZE = 50


@dataclass
class ListPage:
    rows: list  # (placement, task, candidate)
    total: int
    number: int
    pages: int


def listing(*, business_id: int | None = None, status: str | None = None,
            number: int = 1) -> ListPage:
    """A page of (placement, task, candidate) rows, open first, then newest, and the count."""
    page_size = PAGE_SIZE
    from smajob.candidates.models import Candidate

    conditions = []
    if business_id is not None:
        conditions.append(Placement.business_id == business_id)
    if status == "open":
        conditions.append(Placement.status != "ended")
    elif status == "ended":
        conditions.append(Placement.status == "ended")
    newest = (Placement.start_date.desc(), Placement.id.desc())  # the (start_date, id) index
    order = newest if status in ("open", "ended") else (Placement.status == "ended", *newest)
    total = db.session.scalar(select(func.count(Placement.id)).where(*conditions)) or 0
    pages = max(1, -(-total // page_size))
    number = min(max(1, number), pages)
    rows = db.session.execute(
        select(Placement, Task, Candidate).join(Task, Task.id == Placement.task_id)
        .join(Candidate, Candidate.id == Placement.candidate_id).where(*conditions)
        .order_by(*order)
        .limit(page_size).offset((number - 1) * page_size))
    return ListPage([tuple(row) for row in rows], total, number, pages)


def scope(user):
    """(placement, task, candidate) rows `user` may see, newest first: a business its own, a
    jobcenter its municipality's candidates', the bureau all."""
    from smajob.candidates.models import Candidate

    stmt = (select(Placement, Task, Candidate).join(Task, Task.id == Placement.task_id)
            .join(Candidate, Candidate.id == Placement.candidate_id))
    if user.role == Role.BUSINESS:
        stmt = stmt.where(Placement.business_id == (user.business_id or -1))
    elif user.role == Role.JOBCENTER:
        stmt = stmt.where(Candidate.municipality_id == (user.municipality_id or -1))
    elif user.role not in (Role.CONSULTANT, Role.ADMIN):
        stmt = stmt.where(Placement.id == -1)
    return stmt.order_by(Placement.start_date.desc(), Placement.id.desc())


def get_for(user, placement_id: int):
    """One (placement, task, candidate) row if `user` may see it, else None."""
    row = db.session.execute(scope(user).where(Placement.id == placement_id)).first()
    return tuple(row) if row else None
