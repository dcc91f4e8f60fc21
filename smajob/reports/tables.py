"""Report tables from SQL aggregates: a pivot with totals and small-cell suppression. Pure.

The database does the counting (GROUP BY); this module only lays the counted rows out as a grid
in a fixed order, adds totals, and marks what a jobcenter viewer may not see.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from smajob.reports.suppression import Suppression, suppress


@dataclass(frozen=True)
class Grid:
    row_keys: list[Hashable]
    col_keys: list[Hashable]
    cells: list[list[int]]
    row_totals: list[int]
    col_totals: list[int]
    grand_total: int
    hidden: Suppression | None = None  # None: nothing suppressed (bureau view)

    def shown(self, r: int, c: int) -> int | None:
        """The cell as the viewer may see it (None: suppressed)."""
        if self.hidden and self.hidden.cells[r][c]:
            return None
        return self.cells[r][c]

    def shown_row_total(self, r: int) -> int | None:
        return None if self.hidden and self.hidden.row_totals[r] else self.row_totals[r]

    def shown_col_total(self, c: int) -> int | None:
        return None if self.hidden and self.hidden.col_totals[c] else self.col_totals[c]

    def shown_grand_total(self) -> int | None:
        return None if self.hidden and self.hidden.grand_total else self.grand_total


def pivot(counted: Iterable[tuple[Hashable, Hashable, int]], row_keys: Sequence[Hashable],
          col_keys: Sequence[Hashable], *, suppressed: bool) -> Grid:
    """Lay (row, column, count) triples out in the given order; unknown keys are refused so a
    category can never silently fall out of a table."""
    rows, cols = list(row_keys), list(col_keys)
    row_index = {key: i for i, key in enumerate(rows)}
    col_index = {key: i for i, key in enumerate(cols)}
    cells = [[0] * len(cols) for _ in rows]
    for row, col, count in counted:
        if row not in row_index or col not in col_index:
            raise KeyError(f"unexpected key in report data: {row!r}, {col!r}")
        cells[row_index[row]][col_index[col]] += int(count)
    row_totals = [sum(line) for line in cells]
    col_totals = [sum(cells[r][c] for r in range(len(rows))) for c in range(len(cols))]
    return Grid(rows, cols, cells, row_totals, col_totals, sum(row_totals),
                suppress(cells) if suppressed and rows and cols else None)


def forecast_for_year(count_so_far: int, today: date) -> int:
    """Where the year ends at the current pace: count × days in the year / days passed,
    rounded half up (a plain linear forecast, said so on the page)."""
    start = date(today.year, 1, 1)
    days_in_year = (date(today.year + 1, 1, 1) - start).days
    passed = (today - start).days + 1
    quotient, remainder = divmod(count_so_far * days_in_year, passed)
    return quotient + (1 if remainder * 2 >= passed else 0)
