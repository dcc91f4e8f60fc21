"""Reads for tasks: the filtered, sorted, paginated lists (a fixed number of queries whatever
the data size), the review queue, the history and the placement hooks."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, or_, select
from sqlalchemy.orm import contains_eager

from smajob.accounts.models import User
from smajob.businesses.models import Business
from smajob.extensions import db
from smajob.tasks.models import Task, TaskCategory, TaskEvent, TaskSource, TaskStatus

PAGE_SIZE = 25
SORTS = {
    "submitted": Task.submitted_at, "start": Task.start_date, "title": Task.title,
    "hours": Task.weekly_minutes, "status": Task.status, "business": Business.name,
}


@dataclass(frozen=True)
class TaskFilter:
    q: str = ""
    status: str = ""
    category_id: int = 0
    postcode: str = ""
    business_id: int = 0
    sort: str = "submitted"
    descending: bool = True
    page: int = 1


@dataclass
class Page:
    items: list[Task]
    total: int
    page: int
    pages: int
    filled: dict[int, int] = field(default_factory=dict)


def _filtered(stmt, criteria: TaskFilter):
    if criteria.status in {s.value for s in TaskStatus}:
        stmt = stmt.where(Task.status == criteria.status)
    if criteria.category_id:
        stmt = stmt.where(Task.category_id == criteria.category_id)
    if criteria.postcode:
        stmt = stmt.where(Task.postcode == criteria.postcode.strip()[:4])
    if criteria.business_id:
        stmt = stmt.where(Task.business_id == criteria.business_id)
    if criteria.q.strip():
        like = f"%{criteria.q.strip()[:100].lower()}%"
        stmt = stmt.where(or_(func.lower(Task.title).like(like),
                              func.lower(Task.description).like(like),
                              func.lower(Business.name).like(like), Business.cvr.like(like)))
    return stmt


def list_tasks(criteria: TaskFilter, *, page_size: int = PAGE_SIZE) -> Page:
    """Three queries: the count, the page (business and category joined in), the seats filled.
    The count joins the business only when the search needs its name or CVR, and the default
    order (newest first) walks the (submitted_at, id) index, so the first page of 20,000 tasks
    reads 25 rows instead of sorting them all."""
    base = _filtered(select(Task).join(Task.business).join(Task.category), criteria)
    counted = select(func.count(Task.id))
    if criteria.q.strip():
        counted = counted.join(Task.business)
    total = db.session.scalar(_filtered(counted, criteria))
    pages = max(1, -(-total // page_size))
    page = min(max(1, criteria.page), pages)
    column = SORTS.get(criteria.sort, Task.submitted_at)
    order = column.desc() if criteria.descending else column.asc()
    items = list(db.session.scalars(
        base.options(contains_eager(Task.business), contains_eager(Task.category))
        .order_by(order, Task.id.desc() if criteria.descending else Task.id)
        .limit(page_size).offset((page - 1) * page_size)).unique())
    return Page(items, total, page, pages, filled_seats_by_task([t.id for t in items]))


def review_queue(limit: int = 100) -> list[Task]:
    """Submitted tasks, oldest first."""
    return list(db.session.scalars(
        select(Task).join(Task.business).join(Task.category)
        .options(contains_eager(Task.business), contains_eager(Task.category))
        .where(Task.status == TaskStatus.SUBMITTED)
        .order_by(Task.submitted_at, Task.id).limit(limit)).unique())


def helper_share() -> tuple[int, int]:
    """(public submissions via the helper, all public submissions)."""
    rows = dict(db.session.execute(
        select(Task.source, func.count(Task.id)).where(
            Task.source.in_([TaskSource.FORM, TaskSource.HELPER])).group_by(Task.source)).all())
    helper = rows.get(TaskSource.HELPER, 0)
    return helper, helper + rows.get(TaskSource.FORM, 0)


def get_task(task_id: int, *, business_id: int | None = None) -> Task | None:
    """The task with its business and category; with `business_id`, only that business's."""
    stmt = (select(Task).join(Task.business).join(Task.category)
            .options(contains_eager(Task.business), contains_eager(Task.category))
            .where(Task.id == task_id))
    if business_id is not None:
        stmt = stmt.where(Task.business_id == business_id)
    return db.session.scalars(stmt).unique().one_or_none()


def get_by_follow_token(hashed: str) -> Task | None:
    return db.session.scalar(select(Task).where(Task.follow_token_hash == hashed))


def history(task_id: int) -> list[tuple[TaskEvent, str | None]]:
    """The task's events, oldest first, with the actor's name (None: the system or public)."""
    return [(event, name) for event, name in db.session.execute(
        select(TaskEvent, User.name).outerjoin(User, User.id == TaskEvent.actor_id)
        .where(TaskEvent.task_id == task_id).order_by(TaskEvent.at, TaskEvent.id)).all()]


def category_names(language: str) -> dict[int, str]:
    return {c.id: c.name(language) for c in db.session.scalars(select(TaskCategory))}


# ---- Hooks for the placements feature ---------------------------------------------------------
# There is no Placement model yet. The placements feature replaces these two bodies with real
# queries; every caller (portal, lists) already uses them, so nothing else changes.

def workers_in_task(task_id: int) -> list[dict]:
    """Who works in the task, for the business: [{"first_name", "last_name", "start_date",
    "weekly_minutes"}] — never CPR, health notes or mentoring notes."""
    from smajob.candidates.models import Candidate
    from smajob.placements.lifecycle import OPEN
    from smajob.placements.models import Placement

    rows = db.session.execute(
        select(Candidate.first_name, Candidate.last_name, Placement.start_date,
               Placement.weekly_minutes)
        .join(Candidate, Candidate.id == Placement.candidate_id)
        .where(Placement.task_id == task_id, Placement.status.in_(list(OPEN)))
        .order_by(Placement.start_date, Placement.id))
    return [{"first_name": first, "last_name": last, "start_date": start,
             "weekly_minutes": minutes} for first, last, start, minutes in rows]


def filled_seats_by_task(task_ids: list[int]) -> dict[int, int]:
    """{task_id: seats filled by agreed or active placements} in one query."""
    from smajob.placements.lifecycle import OPEN
    from smajob.placements.models import Placement

    if not task_ids:
        return {}
    rows = db.session.execute(
        select(Placement.task_id, func.count(Placement.id))
        .where(Placement.task_id.in_(task_ids), Placement.status.in_(list(OPEN)))
        .group_by(Placement.task_id))
    return {task_id: count for task_id, count in rows}


def criteria_from(args, *, business_id: int | None = None) -> TaskFilter:
    """A TaskFilter from query parameters (bad values fall back to defaults, never an error).
    With `business_id` the filter is pinned to that business whatever the parameters say."""
    def number(name: str) -> int:
        value = (args.get(name) or "").strip()
        return int(value) if value.isdigit() and len(value) < 9 else 0

    def text(name: str, limit: int) -> str:
        return (args.get(name) or "").replace("\x00", "")[:limit]

    sort = args.get("sort", "submitted")
    return TaskFilter(
        q=text("q", 100), status=text("status", 20),
        category_id=number("category"), postcode=text("postcode", 4),
        business_id=business_id if business_id is not None else number("business"),
        sort=sort if sort in SORTS else "submitted", descending=args.get("dir") != "asc",
        page=max(1, number("page") or 1))
