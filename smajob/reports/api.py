"""API v1 reports: the dashboard, outflow, cohort and evaluation figures as JSON, computed by the
same code as the pages (reports/figures.py), so the numbers are the pages' numbers.

Query parameters are the pages' filters in English: `from` and `to` (YYYY-MM-DD, the pages' `fra`
and `til`; default 1 January two years ago to today; at most 20 years), `municipality_id` (the
pages' `kommune`: the bureau picks one, default all; a jobcenter always gets its own and may only
name that), and for cohorts `by` (month or quarter, the page's `inddeling`). A jobcenter viewer
gets small-cell suppression: `suppressed` is true and every hidden cell is null."""

from __future__ import annotations

from datetime import date

from flask import jsonify, request
from werkzeug.datastructures import MultiDict

from smajob import clock
from smajob.api.core import MAX_ID, ApiError, operation
from smajob.candidates.models import Outflow
from smajob.permissions import Role
from smajob.rates.services import get_rate
from smajob.reports import evaluation, evaluation_queries, filters, queries, tables
from smajob.reports import figures as shown
from smajob.reports.api_schemas import (
    COHORTS,
    DASHBOARD,
    EVALUATION,
    MUNICIPALITY,
    OUTFLOW,
    PERIOD,
    grid_json,
)

READERS = {Role.JOBCENTER, Role.CONSULTANT, Role.ADMIN}
PERIOD_ERROR = "YYYY-MM-DD, from on or before to, at most 20 years apart"


def _filters(user) -> filters.Filters:
    """The pages' filter from the API's parameters; a bad one is a 422 naming it."""
    args, given = request.args, MultiDict()
    for name, page_name in (("from", "fra"), ("to", "til")):
        if name in args:
            given[page_name] = args[name] or "?"
    raw = args.get("municipality_id")
    if raw is not None:
        if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= MAX_ID:
            raise ApiError(422, "Invalid input", fields={"municipality_id": ["an id"]})
        given["kommune"] = raw
    f = filters.read(user, given, clock.today())
    if f.error:
        names = [n for n in ("from", "to") if n in args] or ["from"]
        raise ApiError(422, "Invalid input", fields={n: [PERIOD_ERROR] for n in names})
    shown_id = f.municipality.id if f.municipality else None
    if raw is not None and int(raw) != shown_id:
        raise ApiError(422, "Invalid input", fields={"municipality_id": [
            "no such municipality" if user.role != Role.JOBCENTER
            else "a jobcenter sees only its own municipality"]})
    return f


def _head(f: filters.Filters, start: date | None = None, end: date | None = None) -> dict:
    return {"scope": {"municipality_id": f.municipality.id if f.municipality else None,
                      "from": (start or f.scope.start).isoformat(),
                      "to": (end or f.scope.end).isoformat()},
            "suppressed": f.scope.suppressed}


@operation("get", "/reports/dashboard", operation_id="get_dashboard_report",
           summary="The dashboard's figures (this year; the page /rapporter/)", roles=READERS,
           response=DASHBOARD, query=(MUNICIPALITY,), tag="reports")
def dashboard(user):
    f, today = _filters(user), clock.today()
    figures = queries.dashboard(f.scope, today)
    single = f.scope.municipality_ids[0] if f.scope.municipality_ids else None
    return jsonify({
        **_head(f, date(today.year, 1, 1), today),
        "started_this_year": figures.started_this_year,
        "target": get_rate("annual_target", today, single),
        "forecast": tables.forecast_for_year(figures.started_this_year, today),
        "open_tasks": figures.open_tasks, "free_seats": figures.free_seats,
        "candidates_by_status": [{"status": str(s), "count": n}
                                 for s, n in shown.status_counts(figures, f.scope.suppressed)],
        "minutes_by_month": [{"month": f"{y}-{m:02d}", "minutes": total, "confirmed": done}
                             for (y, m), (total, done) in shown.months_this_year(figures, today)],
    })


@operation("get", "/reports/outflow", operation_id="get_outflow_report",
           summary="Outflow of exited candidates by category and year (/rapporter/udslusning)",
           roles=READERS, response=OUTFLOW, query=(*PERIOD, MUNICIPALITY), tag="reports")
def outflow(user):
    f = _filters(user)
    years = list(range(f.scope.start.year, f.scope.end.year + 1))
    grid = tables.pivot(queries.outflow_counts(f.scope), list(Outflow), years,
                        suppressed=f.scope.suppressed)
    return jsonify({**_head(f), **grid_json(grid)})


@operation("get", "/reports/cohorts", operation_id="get_cohort_report",
           summary="Follow-up statuses by course-end cohort and the 3–6 month self-support "
                   "share (/rapporter/kohorter)", roles=READERS, response=COHORTS,
           query=(*PERIOD, MUNICIPALITY, {
               "name": "by", "in": "query", "required": False,
               "schema": {"type": "string", "enum": ["month", "quarter"], "default": "month"}}),
           tag="reports")
def cohorts(user):
    f = _filters(user)
    by = request.args.get("by", "month")
    if by not in ("month", "quarter"):
        raise ApiError(422, "Invalid input", fields={"by": ["month or quarter"]})
    _rows, grids, lines = shown.cohort_tables(f.scope, by)
    return jsonify({**_head(f), "by": by,
                    "points": [{"months_after": p, **grid_json(g)} for p, g in grids],
                    "self_support": [{"period": w.period, "size": w.size,
                                      "numerator": w.numerator, "denominator": w.denominator,
                                      "unknown": w.unknown, "percent": w.percent}
                                     for w in lines]})


@operation("get", "/reports/evaluation", operation_id="get_evaluation_report",
           summary="The evaluation figures of candidates referred in the period "
                   "(/rapporter/evaluering)", roles=READERS, response=EVALUATION,
           query=(*PERIOD, MUNICIPALITY), tag="reports")
def evaluation_figures(user):
    f = _filters(user)
    result = evaluation.figures(evaluation_queries.evaluation_counts(f.scope))
    view = shown.shown_evaluation(result, f.scope.suppressed)
    share = view.share
    return jsonify({
        **_head(f), "referred": view.referred, "with_paid_work": view.with_paid_work,
        "job_rate_percent": view.job_rate, "placements": view.placements,
        "with_two_or_more": view.with_two_or_more,
        **{key: None if view.averages_hidden else shown.tenths(value) for key, value in (
            ("median_weeks_to_first_job", result.median_weeks_to_first_job),
            ("mean_weeks_to_first_job", result.mean_weeks_to_first_job),
            ("mean_hours_per_week", result.mean_hours_per_week))},
        "self_supporting_within_year": {
            key: None if view.share_hidden else value for key, value in (
                ("numerator", share.numerator), ("denominator", share.denominator),
                ("unknown", share.unknown), ("percent", share.percent))}})
