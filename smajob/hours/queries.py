"""Reads of the hours ledger: a placement's weeks, weeks waiting for confirmation, missing weeks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from smajob.candidates.models import Candidate
from smajob.extensions import db
from smajob.hours.models import HoursEntry, HoursEvent, HoursStatus
from smajob.isoweek import IsoWeek, weeks_between
from smajob.placements.models import Placement
from smajob.tasks.models import Task


@dataclass(frozen=True)
class WeekRow:
    week: IsoWeek
    entry: HoursEntry | None


def weeks_for(placement: Placement, today: date) -> list[WeekRow]:
    """Every week from the start to this week (or the end), newest first, with its entry."""
    entries = {e.week_start: e for e in db.session.scalars(
        select(HoursEntry).where(HoursEntry.placement_id == placement.id))}
    last = min(placement.end_date or today, today)
    weeks = weeks_between(placement.start_date, last) if placement.start_date <= last else []
    rows = [WeekRow(w, entries.pop(w.monday, None)) for w in weeks]
    rows += [WeekRow(IsoWeek.of(d), e) for d, e in entries.items()]  # e.g. before a date change
    return sorted(rows, key=lambda r: r.week, reverse=True)


def history(entry_id: int) -> list[HoursEvent]:
    return list(db.session.scalars(select(HoursEvent).where(HoursEvent.entry_id == entry_id)
                                   .order_by(HoursEvent.at, HoursEvent.id)))


def awaiting_confirmation(*, business_id: int | None = None, side: str | None = None):
    """Weeks entered by `side` and waiting for the other side, oldest first."""
    stmt = (select(HoursEntry, Placement, Task, Candidate)
            .join(Placement, Placement.id == HoursEntry.placement_id)
            .join(Task, Task.id == Placement.task_id)
            .join(Candidate, Candidate.id == Placement.candidate_id)
            .where(HoursEntry.status == HoursStatus.ENTERED))
    if business_id is not None:
        stmt = stmt.where(Placement.business_id == business_id)
    if side is not None:
        stmt = stmt.where(HoursEntry.entered_side == side)
    return list(db.session.execute(stmt.order_by(HoursEntry.week_start, HoursEntry.id)))


def weeks_for_candidate(candidate_id: int, limit: int = 26) -> list[tuple]:
    """(week Monday, task title, minutes, status) of a candidate's weeks, newest first."""
    return list(db.session.execute(
        select(HoursEntry.week_start, Task.title, HoursEntry.minutes, HoursEntry.status)
        .join(Placement, Placement.id == HoursEntry.placement_id)
        .join(Task, Task.id == Placement.task_id)
        .where(Placement.candidate_id == candidate_id)
        .order_by(HoursEntry.week_start.desc(), Task.title).limit(limit)))


def unsettled_weeks(settled, up_to_month: date, *where) -> list[tuple]:
    """Confirmed weeks counted in `up_to_month` or earlier whose minutes differ from `settled`
    (HoursEntry.invoiced_minutes for invoices, .paid_minutes for payroll), as (entry, placement,
    candidate, task, terms in force that week). Extra `where` clauses narrow it."""
    from smajob.hours.rules import counted_until, terms_for
    from smajob.placements.terms import histories

    rows = list(db.session.execute(
        select(HoursEntry, Placement, Candidate, Task)
        .join(Placement, Placement.id == HoursEntry.placement_id)
        .join(Candidate, Candidate.id == Placement.candidate_id)
        .join(Task, Task.id == Placement.task_id)
        .where(HoursEntry.status == HoursStatus.CONFIRMED, HoursEntry.minutes != settled,
               HoursEntry.week_start < counted_until(up_to_month), *where)))
    terms = histories({placement for _, placement, _, _ in rows})
    return [(entry, placement, candidate, task,
             terms_for(entry.week_start, terms[placement.id]))
            for entry, placement, candidate, task in rows]
