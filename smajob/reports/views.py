"""The reports: dashboard, evaluation figures, outflow, cohorts and breakdowns, each as a page
(chart plus the same numbers as a table, print stylesheet), CSV and Excel. Jobcenter staff see
their own municipality with small cells hidden; drill-down to names is audited."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from smajob import clock, exports, unit_of_work
from smajob.audit.services import record_audit
from smajob.candidates import queries as candidate_queries
from smajob.candidates.models import Outflow
from smajob.permissions import Role, guard, is_bureau
from smajob.rates.services import get_rate
from smajob.reports import (
    breakdowns,
    documents,
    evaluation,
    evaluation_queries,
    filters,
    labels,
    queries,
    tables,
)
from smajob.reports import figures as report_figures
from smajob.reports.figures import POINTS

bp = Blueprint("reports", __name__, url_prefix="/rapporter")
guard(bp, Role.JOBCENTER, Role.CONSULTANT, Role.ADMIN)


def _filters():
    return filters.read(current_user, request.args, clock.today())


def _render(template: str, f: filters.Filters, **context):
    return render_template(template, f=f, args=filters.query_args(f), **context), (
        400 if f.error else 200)


def _export(f: filters.Filters, title: str, name: str, build):
    """The file for ?format=csv|xlsx, else None."""
    kind = request.args.get("format")
    if kind not in ("csv", "xlsx") or f.error:
        return None
    header = documents.meta(title, clock.to_local(clock.now()), f.where, f.period,
                            f.scope.suppressed)
    return exports.download(build(header), name, kind)


@bp.route("/")
def index():
    f, today = _filters(), clock.today()
    figures = queries.dashboard(f.scope, today)
    single = f.scope.municipality_ids[0] if f.scope.municipality_ids else None
    target = get_rate("annual_target", today, single)
    status_rows = [(labels.CANDIDATE_STATUS[s], count)
                   for s, count in report_figures.status_counts(figures, f.scope.suppressed)]
    months = report_figures.months_this_year(figures, today)
    title = _("Overblik over små job")
    file = _export(f, title, "overblik", lambda header: exports.Table(
        title, [_("Måned"), _("Timer i alt"), _("Heraf godkendt")],
        [[f"{y}-{m:02d}", documents.hours(a), documents.hours(c)] for (y, m), (a, c) in months],
        [*header, (_("Små job startet i år"), str(figures.started_this_year)),
         (_("Mål for året"), str(target)),
         (_("Prognose"), str(tables.forecast_for_year(figures.started_this_year, today)))]))
    return file or _render(
        "reports/index.html", f, figures=figures, target=target,
        forecast=tables.forecast_for_year(figures.started_this_year, today),
        status_rows=status_rows, months=months, this_month=months[-1][1])


@bp.route("/evaluering")
def evaluation_figures():
    f = _filters()
    counts = evaluation_queries.evaluation_counts(f.scope)
    result = evaluation.figures(counts)
    language = str(get_locale())
    shown = report_figures.shown_evaluation(result, f.scope.suppressed)
    averages = [None if shown.averages_hidden else evaluation.one_decimal(value, language)
                for value in (result.median_weeks_to_first_job, result.mean_weeks_to_first_job,
                              result.mean_hours_per_week)]
    lines = [
        (_("Henviste"), shown.referred, ""),
        (_("Fik lønnet arbejde"), shown.with_paid_work,
         _("%(percent)s %% (jobrate)", percent=shown.job_rate)
         if shown.job_rate is not None else ""),
        (_("Lønnede små job skabt"), shown.placements, ""),
        (_("Personer med 2 eller flere små job"), shown.with_two_or_more, ""),
        (_("Uger fra henvisning til første job (median)"), averages[0], ""),
        (_("Uger fra henvisning til første job (gennemsnit)"), averages[1], ""),
        (_("Timer om ugen (gennemsnit)"), averages[2], ""),
    ]
    share = shown.share
    title = _("Evaluering")
    file = _export(f, title, "evaluering", lambda header: documents.evaluation_table(
        title, shown, result, header))
    return file or _render("reports/evaluation.html", f, lines=lines, share=share,
                           share_hidden=shown.share_hidden)


@bp.route("/udslusning")
def outflow():
    f = _filters()
    counted = queries.outflow_counts(f.scope)
    years = list(range(f.scope.start.year, f.scope.end.year + 1))
    grid = tables.pivot(counted, list(Outflow), years, suppressed=f.scope.suppressed)
    title = _("Udslusning")
    file = _export(f, title, "udslusning", lambda header: documents.grid_table(
        title, grid, _("Udslusning"), lambda k: str(labels.OUTFLOW[k]), str, header))
    return file or _render("reports/outflow.html", f, grid=grid, labels=labels.OUTFLOW,
                           chart=[(labels.OUTFLOW[k], grid.shown_row_total(r))
                                  for r, k in enumerate(grid.row_keys)])


@bp.route("/udslusning/personer")
def outflow_people():
    f = _filters()
    category, year = request.args.get("kategori", ""), request.args.get("aar", type=int)
    if f.error or category not in {o.value for o in Outflow} or not year:
        return redirect(url_for("reports.outflow", **filters.query_args(f)))
    people = queries.outflow_people(f.scope, category, year, candidate_queries.scope(
        current_user))
    for candidate in people:
        record_audit(current_user, "report.drilldown", object_type="candidate",
                     object_id=candidate.id, candidate_id=candidate.id,
                     municipality_id=candidate.municipality_id,
                     detail={"report": "outflow", "category": category, "year": year})
    unit_of_work.commit()
    return _render("reports/people.html", f, people=people, category=labels.OUTFLOW[category],
                   year=year, endpoint="candidates.show" if is_bureau(current_user)
                   else "referrals.show")


@bp.route("/kohorter")
def cohort_outcomes():
    f = _filters()
    by = "quarter" if request.args.get("inddeling") == "kvartal" else "month"
    rows, grids, lines = report_figures.cohort_tables(f.scope, by)
    title = _("Kohorter: status efter forløbet")
    file = _export(f, title, "kohorter", lambda header: documents.cohort_table(
        title, rows, POINTS, lines, f.scope.suppressed, header))
    return file or _render("reports/cohorts.html", f, grids=grids, lines=lines, by=by,
                           labels=labels.OUTCOME_STATUS)


@bp.route("/fordeling")
def breakdown():
    f = _filters()
    dimension = request.args.get("efter", "benefit_type")
    if dimension not in breakdowns.DIMENSIONS:
        dimension = "benefit_type"
    table = breakdowns.breakdown(f.scope, dimension)
    names = _group_names(dimension)
    rows = [(names(key), values) for key, values in table.rows]
    title = _("Fordeling efter %(what)s", what=labels.DIMENSIONS[dimension])
    file = _export(f, title, f"fordeling-{dimension}", lambda header: documents.breakdown_table(
        title, str(labels.DIMENSIONS[dimension]), table.columns, rows, header))
    return file or _render("reports/breakdown.html", f, table=table, rows=rows,
                           dimension=dimension, title=title, columns=labels.COLUMNS,
                           dimensions=labels.DIMENSIONS)


def _group_names(dimension: str):
    language = str(get_locale())
    if dimension == "benefit_type":
        from smajob.rates.catalogue import BENEFIT_TYPES

        names = {code: (en if language == "en" else da) for code, da, en, _ in BENEFIT_TYPES}
    elif dimension == "category":
        from smajob.tasks.categories import list_categories

        names = {c.id: c.name(language) for c in list_categories(active_only=False)}
    else:
        names = {}
    return lambda key: names.get(key) or (str(key) if key not in ("", None) else _("Ikke angivet"))
