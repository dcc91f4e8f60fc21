"""Breakdowns by benefit type, target group, task category or business industry, for any
period (two GROUP BY queries each). Candidate attributes count the people referred in the period;
task and business attributes count the small jobs started and the hours worked in the period
(weeks whose Thursday falls in it)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, exists, func, select

from smajob.businesses.models import Business
from smajob.candidates.models import Candidate
from smajob.extensions import db
from smajob.hours.models import HoursEntry
from smajob.placements.models import Placement
from smajob.reports.evaluation_queries import referred_filter
from smajob.reports.queries import ReportScope, counted_in, in_scope
from smajob.reports.suppression import suppress_column
from smajob.tasks.models import Task

CANDIDATE_DIMENSIONS = {"benefit_type": Candidate.benefit_type,
                        "target_group": func.coalesce(Candidate.target_group, "")}
PLACEMENT_DIMENSIONS = {"category": Task.category_id,
                        "industry": func.coalesce(Business.industry, "")}
DIMENSIONS = (*CANDIDATE_DIMENSIONS, *PLACEMENT_DIMENSIONS)
# Column codes; the first two are people counts (suppressed for jobcenter viewers).
CANDIDATE_COLUMNS = ("referred", "with_paid_work", "job_rate", "hours")
PLACEMENT_COLUMNS = ("placements", "people", "hours")


@dataclass(frozen=True)
class Breakdown:
    dimension: str
    columns: tuple[str, ...]
    rows: list[tuple[object, list[int | None]]]  # (group key, values; None: hidden)


def _candidate_rows(scope: ReportScope, key) -> dict:
    has_paid = exists().where(Placement.candidate_id == Candidate.id,
                              exists().where(HoursEntry.placement_id == Placement.id,
                                             HoursEntry.minutes > 0)).correlate(Candidate)
    counts = db.session.execute(
        select(key, func.count(Candidate.id), func.sum(case((has_paid, 1), else_=0)))
        .where(referred_filter(scope)).group_by(key))
    minutes = dict(db.session.execute(
        select(key, func.sum(HoursEntry.minutes))
        .join(Placement, Placement.id == HoursEntry.placement_id)
        .join(Candidate, Candidate.id == Placement.candidate_id)
        .where(referred_filter(scope)).group_by(key)).all())
    return {k: [int(a), int(b or 0), int(minutes.get(k) or 0)] for k, a, b in counts}


def _placement_rows(scope: ReportScope, key) -> dict:
    def joined(stmt):
        return (stmt.join(Task, Task.id == Placement.task_id)
                .join(Business, Business.id == Placement.business_id)
                .join(Candidate, Candidate.id == Placement.candidate_id)
                .where(in_scope(Candidate.municipality_id, scope)))

    counts = db.session.execute(joined(
        select(key, func.count(Placement.id), func.count(Placement.candidate_id.distinct())))
        .where(Placement.start_date.between(scope.start, scope.end)).group_by(key))
    minutes = dict(db.session.execute(joined(
        select(key, func.sum(HoursEntry.minutes))
        .select_from(HoursEntry).join(Placement, Placement.id == HoursEntry.placement_id))
        .where(counted_in(HoursEntry.week_start, scope.start, scope.end)).group_by(key)).all())
    rows = {k: [int(a), int(b), int(minutes.get(k) or 0)] for k, a, b in counts}
    for k, value in minutes.items():  # hours in the period on jobs started before it
        rows.setdefault(k, [0, 0, int(value or 0)])
    return rows


def breakdown(scope: ReportScope, dimension: str) -> Breakdown:
    """One row per group, largest first; hours in whole minutes."""
    if dimension in CANDIDATE_DIMENSIONS:
        raw = _candidate_rows(scope, CANDIDATE_DIMENSIONS[dimension])
        columns = CANDIDATE_COLUMNS
    else:
        raw = _placement_rows(scope, PLACEMENT_DIMENSIONS[dimension])
        columns = PLACEMENT_COLUMNS
    keys = sorted(raw, key=lambda k: (-raw[k][0], str(k)))
    firsts, seconds = [raw[k][0] for k in keys], [raw[k][1] for k in keys]
    hide_first = suppress_column(firsts) if scope.suppressed else [False] * len(keys)
    hide_second = suppress_column(seconds) if scope.suppressed else [False] * len(keys)
    rows = []
    for i, key in enumerate(keys):
        first, second, minutes = raw[key]
        shown = [None if hide_first[i] else first, None if hide_second[i] else second]
        hidden_any = None in shown
        if columns == CANDIDATE_COLUMNS:
            rate = None if hidden_any or not first else (second * 100 * 2 + first) // (2 * first)
            shown.append(rate)
        shown.append(None if hidden_any else minutes)
        rows.append((key, shown))
    return Breakdown(dimension, columns, rows)
