"""Report grids: totals, fixed order, suppression of small cells, and the year forecast."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smajob.reports.suppression import total_reveals_hidden
from smajob.reports.tables import forecast_for_year, pivot

OUTFLOW = ["ordinary_work", "ordinary_education", "igu", "pension", "moved", "other"]


def test_the_outflow_table_like_the_jobcenters_own():
    # Seed 002, "Udslusning pr. 31. august 2017" (folkepension+førtidspension as pension).
    counted = [("ordinary_work", 2015, 1), ("ordinary_work", 2016, 23), ("ordinary_work", 2017, 45),
               ("ordinary_education", 2015, 2), ("ordinary_education", 2016, 35),
               ("ordinary_education", 2017, 61), ("igu", 2016, 2), ("igu", 2017, 13),
               ("pension", 2016, 1), ("moved", 2015, 5), ("moved", 2016, 10), ("moved", 2017, 17),
               ("other", 2015, 1), ("other", 2016, 6), ("other", 2017, 6)]
    grid = pivot(counted, OUTFLOW, [2015, 2016, 2017], suppressed=False)
    assert grid.row_totals == [69, 98, 15, 1, 32, 13]
    assert grid.col_totals == [9, 77, 142]
    assert grid.grand_total == 228
    assert grid.shown(3, 1) == 1  # the bureau sees everything


def test_a_jobcenter_viewer_does_not_see_a_cell_of_two_nor_its_complement():
    grid = pivot([("a", "x", 2), ("a", "y", 10), ("b", "x", 7), ("b", "y", 9)], ["a", "b"],
                 ["x", "y"], suppressed=True)
    assert grid.shown(0, 0) is None
    hidden = sum(grid.shown(r, c) is None for r in range(2) for c in range(2))
    assert hidden >= 2
    assert not total_reveals_hidden(grid.cells, grid.hidden)


def test_unknown_keys_are_refused():
    with pytest.raises(KeyError):
        pivot([("nope", 2017, 1)], OUTFLOW, [2017], suppressed=False)


def test_forecast_at_the_current_pace():
    assert forecast_for_year(100, date(2026, 3, 31)) == 406  # 100 × 365 / 90 = 405.6
    assert forecast_for_year(0, date(2026, 1, 1)) == 0
    assert forecast_for_year(365, date(2026, 12, 31)) == 365


@given(st.lists(st.tuples(st.sampled_from("abc"), st.sampled_from("xyz"), st.integers(0, 40)),
                max_size=20))
def test_totals_add_up_and_suppression_never_leaks(counted):
    grid = pivot(counted, list("abc"), list("xyz"), suppressed=True)
    assert grid.grand_total == sum(c for *_, c in counted) == sum(grid.col_totals)
    for r in range(3):
        for c in range(3):
            if 0 < grid.cells[r][c] < 5:
                assert grid.shown(r, c) is None
    assert not total_reveals_hidden(grid.cells, grid.hidden)
