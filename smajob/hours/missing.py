"""Missing weeks: weeks up to last week in which a placement ran but no hours are written.

Found in the database, whatever the number of placements: the look-back weeks are a small
derived table crossed with the placements that ran in them, and an anti-join on the ledger's
(placement, week) key keeps the weeks without an entry. Only the weeks shown are loaded with
their placement, task and person; the count comes with them (a window count), so a dashboard
over 10,000 placements costs two queries, not 10,000 rows in Python."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import Date, exists, func, literal, or_, select, true, union_all

from smajob.candidates.models import Candidate
from smajob.extensions import db
from smajob.hours.models import HoursEntry
from smajob.isoweek import IsoWeek
from smajob.placements.models import Placement, PlacementStatus
from smajob.tasks.models import Task

LOOK_BACK_WEEKS = 8  # how far back the dashboard and the reminder look for missing weeks


@dataclass(frozen=True)
class MissingWeek:
    placement: Placement
    task: Task
    candidate: Candidate
    week: IsoWeek


@dataclass
class MissingWeeks:
    """The first `limit` missing weeks (by week, task title, placement) and how many in all."""

    shown: list[MissingWeek] = field(default_factory=list)
    total: int = 0

    def __iter__(self):
        return iter(self.shown)

    def __bool__(self) -> bool:
        return self.total > 0


def look_back(today: date, weeks_back: int) -> list[IsoWeek]:
    """The `weeks_back` weeks ending with last week, oldest first."""
    last_week = IsoWeek.of(today - timedelta(days=7))
    return [IsoWeek.of(last_week.monday - timedelta(weeks=n))
            for n in range(weeks_back - 1, -1, -1)]


def _keys(today: date, business_id: int | None, weeks_back: int, limit: int | None):
    weeks = look_back(today, weeks_back)
    table = union_all(*[select(literal(w.monday, Date).label("monday"),
                               literal(w.sunday, Date).label("sunday")) for w in weeks]
                      ).subquery("look_back")
    written = exists().where(HoursEntry.placement_id == Placement.id,
                             HoursEntry.week_start == table.c.monday,
                             HoursEntry.week_start >= weeks[0].monday)  # years of history aside
    stmt = (select(Placement.id, table.c.monday, func.count().over())
            .select_from(Placement).join(Task, Task.id == Placement.task_id)
            .join(table, true())
            .where(Placement.start_date <= table.c.sunday,
                   or_(Placement.end_date.is_(None), Placement.end_date >= table.c.monday),
                   or_(Placement.status != PlacementStatus.ENDED,
                       Placement.end_date >= weeks[0].monday),
                   ~written)
            .order_by(table.c.monday, Task.title, Placement.id))
    if business_id is not None:
        stmt = stmt.where(Placement.business_id == business_id)
    if limit is not None:
        stmt = stmt.limit(limit)
    return list(db.session.execute(stmt))


def missing_weeks(today: date, *, business_id: int | None = None,
                  weeks_back: int = LOOK_BACK_WEEKS, limit: int | None = None) -> MissingWeeks:
    """Missing weeks, oldest first; with `limit`, only the first ones are loaded."""
    keys = _keys(today, business_id, weeks_back, limit)
    if not keys:
        return MissingWeeks()
    ids = sorted({placement_id for placement_id, _, _ in keys})
    loaded = {}
    for start in range(0, len(ids), 1000):
        for placement, task, candidate in db.session.execute(
                select(Placement, Task, Candidate).join(Task, Task.id == Placement.task_id)
                .join(Candidate, Candidate.id == Placement.candidate_id)
                .where(Placement.id.in_(ids[start:start + 1000]))):
            loaded[placement.id] = (placement, task, candidate)
    shown = [MissingWeek(*loaded[placement_id], IsoWeek.of(monday))
             for placement_id, monday, _ in keys]
    return MissingWeeks(shown, keys[0][2])

