"""The figures a report shows, after suppression: computed once for the page, its exports and the
JSON API, so the three can never disagree. None is a cell hidden from a jobcenter viewer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from smajob.outcomes.definitions import Share
from smajob.reports import cohort_queries, cohorts, labels
from smajob.reports.cohorts import CohortRow, WindowLine
from smajob.reports.evaluation import EvaluationFigures, one_decimal
from smajob.reports.queries import Dashboard, ReportScope
from smajob.reports.suppression import suppress_column
from smajob.reports.tables import Grid

POINTS = (1, 3, 6, 12)


def status_counts(figures: Dashboard, suppressed: bool) -> list[tuple[str, int | None]]:
    """Candidates by status in the labels' order; small counts hidden for a jobcenter."""
    statuses = list(labels.CANDIDATE_STATUS)
    counts = [figures.by_status.get(s, 0) for s in statuses]
    hidden = suppress_column(counts) if suppressed else [False] * len(counts)
    return [(s, None if h else c) for s, c, h in zip(statuses, counts, hidden, strict=True)]


def months_this_year(figures: Dashboard, today: date):
    """((year, month), (minutes, confirmed minutes)) from January to this month."""
    return [((y, m), figures.minutes_by_month.get((y, m), (0, 0)))
            for y, m in ((today.year, n) for n in range(1, today.month + 1))]


@dataclass(frozen=True)
class ShownEvaluation:
    """The evaluation figures as the viewer may see them."""

    referred: int | None
    with_paid_work: int | None
    job_rate: int | None  # percent; hidden when a count it is built from is
    placements: int | None
    with_two_or_more: int | None
    share: Share
    share_hidden: bool
    # Medians and means over the people with paid work, hidden with their count: the mean of
    # one or two people's weeks is those people's weeks.
    averages_hidden: bool


def shown_evaluation(result: EvaluationFigures, suppressed: bool) -> ShownEvaluation:
    def small(n: int) -> int | None:
        return None if suppressed and 0 < n < 5 else n

    share = result.self_supporting_within_year
    referred, paid = small(result.referred), small(result.with_paid_work)
    return ShownEvaluation(
        referred=referred, with_paid_work=paid,
        job_rate=None if None in (referred, paid) else result.job_rate.percent,
        placements=small(result.placements), with_two_or_more=small(result.with_two_or_more),
        share=share, share_hidden=suppressed and any(
            0 < n < 5 for n in (share.numerator, share.denominator,
                                share.denominator - share.numerator)),
        averages_hidden=paid is None)


def tenths(value) -> float | None:
    """A Fraction rounded as the page prints it (one decimal, half up), or None."""
    return None if value is None else float(one_decimal(value, "en"))


def cohort_tables(scope: ReportScope, by: str
                  ) -> tuple[list[CohortRow], list[tuple[int, Grid]], list[WindowLine]]:
    """Cohort rows, a status grid per follow-up point, and the 3–6 month share lines."""
    rows = cohorts.assemble(cohort_queries.status_counts(scope),
                            cohort_queries.cohort_sizes(scope),
                            cohort_queries.window_counts(scope), by)
    grids = [(p, cohorts.point_grid(rows, p, suppressed=scope.suppressed)) for p in POINTS]
    return rows, grids, cohorts.window_lines(rows, suppressed=scope.suppressed)
