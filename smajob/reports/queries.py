"""Report aggregates counted in the database (GROUP BY), a fixed number of queries per report
whatever the data's size: the dashboard, hours by month and the outflow table."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Integer, and_, case, cast, extract, func, select, true

from smajob.candidates.models import Candidate, CandidateStatus, Outflow
from smajob.extensions import db
from smajob.hours.models import HoursStatus, HoursSummary
from smajob.placements.models import Placement, PlacementStatus
from smajob.tasks.models import Task

THURSDAY = timedelta(days=3)  # from a week's Monday


@dataclass(frozen=True)
class ReportScope:
    """Which municipalities (None: all), which period (inclusive) and whether small cells are
    hidden (jobcenter viewers)."""

    municipality_ids: tuple[int, ...] | None
    start: date
    end: date
    suppressed: bool = False


def in_scope(column, scope: ReportScope):
    if scope.municipality_ids is None:
        return true()
    return column.in_(scope.municipality_ids)


def days_between(later, earlier):
    """Whole days from `earlier` to `later` (SQLite has no date subtraction)."""
    if db.engine.dialect.name == "postgresql":
        return later - earlier
    return cast(func.julianday(later) - func.julianday(earlier), Integer)


def month_text(day):
    """'YYYY-MM' of a date: one cheap expression to group by instead of two EXTRACTs (SQLite
    stores dates as ISO text)."""
    if db.engine.dialect.name == "postgresql":
        return func.to_char(day, "YYYY-MM")
    return func.substr(day, 1, 7)


def year_and_month(text: str) -> tuple[int, int]:
    return int(text[:4]), int(text[5:7])


@dataclass(frozen=True)
class Dashboard:
    started_this_year: int
    by_status: dict[str, int]
    open_tasks: int
    free_seats: int
    minutes_by_month: dict[tuple[int, int], tuple[int, int]]  # (y, m) → (all, confirmed)


def started_between(scope: ReportScope, start: date, end: date) -> int:
    """Small jobs (placements) started in the period, by the candidates' municipality."""
    return db.session.scalar(
        select(func.count(Placement.id)).join(Candidate, Candidate.id == Placement.candidate_id)
        .where(Placement.start_date.between(start, end), in_scope(Candidate.municipality_id,
                                                                   scope))) or 0


def candidates_by_status(scope: ReportScope) -> dict[str, int]:
    rows = db.session.execute(
        select(Candidate.status, func.count(Candidate.id))
        .where(Candidate.anonymised_at.is_(None), in_scope(Candidate.municipality_id, scope))
        .group_by(Candidate.status))
    return {status: count for status, count in rows}


def open_tasks_and_free_seats() -> tuple[int, int]:
    """Open tasks in the whole bureau and their seats not taken by an open placement."""
    taken = (select(func.count(Placement.id)).where(
        Placement.task_id == Task.id, Placement.status != PlacementStatus.ENDED)
        .correlate(Task).scalar_subquery())
    row = db.session.execute(select(
        func.count(Task.id),
        func.coalesce(func.sum(case((Task.seats > taken, Task.seats - taken), else_=0)), 0))
        .where(Task.status == "open")).one()
    return int(row[0]), int(row[1])


def counted_in(week_start, start: date, end: date):
    """Weeks counted in the period: those whose Thursday falls in it, the ledger's rule
    (hours.rules.month_of), so a month's hours here are the hours invoiced and paid for it."""
    return week_start.between(start - THURSDAY, end - THURSDAY)


def counted_month(week_start):
    """'YYYY-MM' of the month a week is counted in (its Thursday's)."""
    if db.engine.dialect.name == "postgresql":
        return month_text(week_start + THURSDAY.days)
    return month_text(func.date(week_start, f"+{THURSDAY.days} days"))


def minutes_by_month(scope: ReportScope) -> dict[tuple[int, int], tuple[int, int]]:
    """Minutes per month (a week counts in its Thursday's month) of the weeks counted in the
    period: (all, confirmed). Read from the per-municipality weekly summary the database keeps
    equal to the ledger, so one municipality costs a few hundred rows, the country a few
    thousand per year."""
    key = counted_month(HoursSummary.week_start)
    confirmed = func.sum(case((HoursSummary.status == HoursStatus.CONFIRMED,
                               HoursSummary.minutes), else_=0))
    stmt = (select(key, func.sum(HoursSummary.minutes), confirmed)
            .where(counted_in(HoursSummary.week_start, scope.start, scope.end),
                   in_scope(HoursSummary.municipality_id, scope)).group_by(key))
    return {year_and_month(k): (int(total or 0), int(conf or 0))
            for k, total, conf in db.session.execute(stmt)}


def dashboard(scope: ReportScope, today: date) -> Dashboard:
    """Five queries: started this year, candidates by status, tasks and seats, hours."""
    from dataclasses import replace

    year_start = date(today.year, 1, 1)
    tasks, seats = open_tasks_and_free_seats()
    return Dashboard(
        started_this_year=started_between(scope, year_start, today),
        by_status=candidates_by_status(scope), open_tasks=tasks, free_seats=seats,
        # To the year's end: this week counts (in its Thursday's month) from its Monday on.
        minutes_by_month=minutes_by_month(replace(scope, start=year_start,
                                                  end=date(today.year, 12, 31))))


def outflow_counts(scope: ReportScope) -> list[tuple[str, int, int]]:
    """(outflow category, year of outflow, people) for candidates who exited in the period;
    an exit without a category counts as unknown."""
    category = func.coalesce(Candidate.outflow, Outflow.UNKNOWN.value)
    year = extract("year", Candidate.exited_on)
    stmt = (select(category, year, func.count(Candidate.id))
            .where(Candidate.status == CandidateStatus.EXITED,
                   Candidate.exited_on.between(scope.start, scope.end),
                   in_scope(Candidate.municipality_id, scope))
            .group_by(category, year))
    return [(str(c), int(y), int(n)) for c, y, n in db.session.execute(stmt)]


def outflow_people(scope: ReportScope, category: str, year: int, visible) -> list[Candidate]:
    """The named candidates behind one outflow cell, limited by `visible` (the viewer's own
    candidate scope)."""
    start, end = max(scope.start, date(year, 1, 1)), min(scope.end, date(year, 12, 31))
    stmt = visible.where(Candidate.status == CandidateStatus.EXITED,
                         func.coalesce(Candidate.outflow, Outflow.UNKNOWN.value) == category,
                         and_(Candidate.exited_on >= start, Candidate.exited_on <= end),
                         in_scope(Candidate.municipality_id, scope))
    return list(db.session.scalars(stmt.order_by(Candidate.exited_on, Candidate.id).limit(500)))
