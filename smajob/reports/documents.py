"""Every report as an export table (CSV/XLSX): a header block saying what, when and for whom,
then typed columns; hidden cells stay empty. No queries here: the views pass what they loaded."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from decimal import Decimal

from flask_babel import gettext as _

from smajob.exports import Table
from smajob.reports.cohorts import COLUMNS as COHORT_COLUMNS
from smajob.reports.cohorts import CohortRow, WindowLine, point_grid
from smajob.reports.evaluation import EvaluationFigures, one_decimal
from smajob.reports.figures import ShownEvaluation
from smajob.reports.labels import COLUMNS, OUTCOME_STATUS
from smajob.reports.tables import Grid


def meta(title: str, generated: datetime, where: str, period: str,
         suppressed: bool) -> list[tuple[str, str]]:
    lines = [(_("Rapport"), title), (_("Dannet"), generated.strftime("%Y-%m-%d %H:%M")),
             (_("Kommune"), where), (_("Periode"), period)]
    if suppressed:
        lines.append((_("Skjulte celler"), _("Tomme celler dækker over færre end 5 personer "
                                             "(eller skjules, så totaler ikke afslører dem).")))
    return lines


def hours(minutes: int | None) -> Decimal | None:
    return None if minutes is None else (Decimal(minutes) / 60).quantize(Decimal("0.01"))


def grid_table(title: str, grid: Grid, first: str, row_label: Callable[[object], str],
               col_label: Callable[[object], str], header: Sequence[tuple[str, str]]) -> Table:
    columns = [first, *[col_label(k) for k in grid.col_keys], _("I alt")]
    rows = [[row_label(key), *[grid.shown(r, c) for c in range(len(grid.col_keys))],
             grid.shown_row_total(r)] for r, key in enumerate(grid.row_keys)]
    rows.append([_("I alt"), *[grid.shown_col_total(c) for c in range(len(grid.col_keys))],
                 grid.shown_grand_total()])
    return Table(title, columns, rows, header)


def cohort_table(title: str, rows: Sequence[CohortRow], points: Sequence[int],
                 lines: Sequence[WindowLine], suppressed: bool,
                 header: Sequence[tuple[str, str]]) -> Table:
    """One line per cohort and follow-up point, then the 3–6 month share per cohort."""
    columns = [_("Kohorte"), _("Opfølgning (måneder)"),
               *[str(OUTCOME_STATUS[c]) for c in COHORT_COLUMNS], _("I alt")]
    out: list[list[object]] = []
    for point in points:
        grid = point_grid(rows, point, suppressed=suppressed)
        for r, key in enumerate(grid.row_keys):
            out.append([key, point, *[grid.shown(r, c) for c in range(len(COHORT_COLUMNS))],
                        grid.shown_row_total(r)])
    out.append([])
    out.append([_("Kohorte"), _("Personer"), _("Selvforsørgende 3–6 mdr."), _("Tæller med"),
                _("Ukendt"), _("Andel (%)")])
    for line in lines:
        out.append([line.period, line.size, line.numerator, line.denominator, line.unknown,
                    line.percent])
    return Table(title, columns, out, header)


def breakdown_table(title: str, dimension_label: str, columns: Sequence[str],
                    rows: Sequence[tuple[str, list[int | None]]],
                    header: Sequence[tuple[str, str]]) -> Table:
    names = [dimension_label, *[str(COLUMNS[c]) for c in columns]]
    out = [[label, *[hours(v) if code == "hours" else v for code, v in zip(columns, values,
                                                                          strict=True)]]
           for label, values in rows]
    return Table(title, names, out, header)


def evaluation_table(title: str, shown: ShownEvaluation, result: EvaluationFigures,
                     header: Sequence[tuple[str, str]]) -> Table:
    """The evaluation figures one per line, numbers as numbers (one decimal where the page shows
    one); what the viewer may not see is empty."""
    def tenths(value) -> Decimal | None:
        return None if value is None or shown.averages_hidden else Decimal(
            one_decimal(value, "en"))

    share = shown.share
    shares = ([None] * 4 if shown.share_hidden else
              [share.numerator, share.denominator, share.unknown, share.percent])
    rows = [
        [_("Henviste"), shown.referred], [_("Fik lønnet arbejde"), shown.with_paid_work],
        [_("Jobrate (%)"), shown.job_rate], [_("Lønnede små job skabt"), shown.placements],
        [_("Personer med 2 eller flere små job"), shown.with_two_or_more],
        [_("Uger fra henvisning til første job (median)"),
         tenths(result.median_weeks_to_first_job)],
        [_("Uger fra henvisning til første job (gennemsnit)"),
         tenths(result.mean_weeks_to_first_job)],
        [_("Timer om ugen (gennemsnit)"), tenths(result.mean_hours_per_week)],
        [_("Selvforsørgende inden for et år efter jobstart"), shares[0]],
        [_("Heraf med en opfølgning, der tæller med"), shares[1]],
        [_("Ukendt (tælles ikke med)"), shares[2]],
        [_("Selvforsørgende inden for et år efter jobstart (%)"), shares[3]],
    ]
    return Table(title, [_("Tal"), _("Værdi")], rows, header)
