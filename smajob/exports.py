"""CSV and Excel exports with a header block, proper column types and formula injection
neutralised (OWASP: cells starting with = + - @ TAB CR are prefixed with an apostrophe)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from flask import Response

_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe; numbers pass."""
    if isinstance(value, str) and value.startswith(_DANGEROUS):
        return "'" + value
    return value


@dataclass(frozen=True)
class Table:
    title: str  # what the export is
    columns: Sequence[str]
    rows: Sequence[Sequence[object]]
    meta: Sequence[tuple[str, str]] = field(default_factory=tuple)  # (label, value): when, filter


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(neutralise(value))


def to_csv(table: Table) -> str:
    """Semicolon-separated UTF-8 with BOM (opens correctly in Danish Excel)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralise(table.title)])
    for label, value in table.meta:
        writer.writerow([neutralise(label), neutralise(value)])
    writer.writerow([])
    writer.writerow([neutralise(c) for c in table.columns])
    for row in table.rows:
        writer.writerow([_cell_text(v) for v in row])
    return "\ufeff" + buffer.getvalue()


def to_xlsx(table: Table) -> bytes:
    """An .xlsx workbook: title and meta block on top, then a typed table (numbers stay numbers)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Data"
    sheet.append([neutralise(table.title)])
    sheet["A1"].font = Font(bold=True, size=13)
    for label, value in table.meta:
        sheet.append([neutralise(label), neutralise(value)])
    sheet.append([])
    sheet.append([neutralise(c) for c in table.columns])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append([_typed(v) for v in row])
    for column in sheet.columns:
        width = max((len(str(c.value)) for c in column if c.value is not None), default=8)
        sheet.column_dimensions[column[0].column_letter].width = min(60, max(10, width + 2))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _typed(value: object) -> object:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float | Decimal | date | datetime):
        return value.replace(tzinfo=None) if isinstance(value, datetime) else value
    return neutralise(str(value))


def download(table: Table, filename: str, kind: str) -> Response:
    """A Flask response with the table as 'csv' or 'xlsx'."""
    if kind == "xlsx":
        body: bytes | str = to_xlsx(table)
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body, mimetype, kind = to_csv(table), "text/csv; charset=utf-8", "csv"
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}.{kind}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def rows_of(items: Iterable[Sequence[object]]) -> list[list[object]]:
    return [list(item) for item in items]
