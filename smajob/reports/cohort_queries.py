"""Cohort aggregates counted in the database: follow-up statuses by course-end month and point,
cohort sizes, and the self-support window 3–6 months after (three queries)."""

from __future__ import annotations

from sqlalchemy import case, func, select

from smajob.extensions import db
from smajob.outcomes.definitions import OUTSIDE_RATE, SELF_SUPPORTING, OutcomeStatus
from smajob.outcomes.models import Outcome
from smajob.outcomes.queries import course_ends
from smajob.reports.queries import ReportScope, in_scope, month_text, year_and_month

WINDOW = (3, 6)  # months after the course: the jobcenter's effect measure (seed 001, note 2)


def status_counts(scope: ReportScope) -> list[tuple[int, int, int, str | None, int]]:
    """(year, month of course end, months after, status or None while due, follow-ups)."""
    month = month_text(Outcome.course_end)
    stmt = (select(month, Outcome.months_after, Outcome.status, func.count(Outcome.id))
            .where(Outcome.course_end.between(scope.start, scope.end),
                   in_scope(Outcome.municipality_id, scope))
            .group_by(month, Outcome.months_after, Outcome.status))
    return [(*year_and_month(k), int(p), s, int(n)) for k, p, s, n in db.session.execute(stmt)]


def cohort_sizes(scope: ReportScope) -> list[tuple[int, int, int]]:
    """(year, month, people) whose course ended in that month."""
    ends = course_ends(municipality_ids=scope.municipality_ids)
    month = month_text(ends.c.course_end)
    stmt = (select(month, func.count())
            .where(ends.c.course_end.between(scope.start, scope.end),
                   in_scope(ends.c.municipality_id, scope))
            .group_by(month))
    return [(*year_and_month(k), int(n)) for k, n in db.session.execute(stmt)]


def _flag(condition):
    return func.max(case((condition, 1), else_=0))


def window_counts(scope: ReportScope) -> list[tuple[int, int, int, int, int]]:
    """(year, month, self-supporting, counted, unknown only) per course-end month: a person is
    self-supporting when a follow-up 3–6 months after says so, counted when any follow-up then
    has a status that counts in a rate, and unknown when the only statuses then are unknown."""
    low, high = WINDOW
    counting = [s.value for s in OutcomeStatus if s not in OUTSIDE_RATE]
    per_course = (select(Outcome.course_end,
                         _flag(Outcome.status.in_([s.value for s in SELF_SUPPORTING]))
                         .label("ss"),
                         _flag(Outcome.status.in_(counting)).label("known"),
                         _flag(Outcome.status == OutcomeStatus.UNKNOWN).label("unknown"))
                  .where(Outcome.months_after.between(low, high),
                         Outcome.course_end.between(scope.start, scope.end),
                         in_scope(Outcome.municipality_id, scope))
                  .group_by(Outcome.candidate_id, Outcome.course_end).subquery())
    month = month_text(per_course.c.course_end)
    only_unknown = func.sum(case(((per_course.c.known == 0) & (per_course.c.unknown == 1), 1),
                                 else_=0))
    stmt = (select(month, func.sum(per_course.c.ss), func.sum(per_course.c.known),
                   only_unknown).group_by(month))
    return [(*year_and_month(k), int(a or 0), int(b or 0), int(c or 0))
            for k, a, b, c in db.session.execute(stmt)]
