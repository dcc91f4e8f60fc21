import csv
import io

from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from smajob.exports import Table, neutralise, to_csv, to_xlsx
from smajob.reports.suppression import suppress, total_reveals_hidden

TABLE = Table(title="Udslusning 2026", columns=["Kategori", "Antal"],
              rows=[["=HYPERLINK(\"http://evil\")", 7], ["@SUM(A1)", 3],
                    ["Ordinær uddannelse", 12]],
              meta=[("Udtrukket", "2026-11-16"), ("Filter", "Aalborg")])


def test_formula_like_text_is_neutralised_and_numbers_are_not():
    assert neutralise("=1+1") == "'=1+1"
    assert neutralise("-2") == "'-2"
    assert neutralise(-2) == -2
    assert neutralise("Aalborg") == "Aalborg"


def test_csv_has_a_header_block_and_no_live_formula():
    text = to_csv(TABLE)
    assert text.startswith("\ufeffUdslusning 2026")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert ["Filter", "Aalborg"] in rows
    assert ["'=HYPERLINK(\"http://evil\")", "7"] in rows


def test_xlsx_keeps_numbers_as_numbers_and_text_harmless():
    sheet = load_workbook(io.BytesIO(to_xlsx(TABLE))).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][0] == "Udslusning 2026"
    data = values[values.index(["Kategori", "Antal"]) + 1:]
    assert data[0] == ["'=HYPERLINK(\"http://evil\")", 7]
    assert isinstance(data[2][1], int)


def test_a_cell_of_two_and_its_complement_are_hidden():
    grid = [[2, 10, 30], [8, 12, 40]]
    result = suppress(grid)
    mask = result.cells
    assert mask[0][0] is True  # the 2
    assert sum(mask[0]) == 2 and sum(row[0] for row in mask) == 2  # its row and its column
    assert not total_reveals_hidden(grid, result)
    assert not any(result.row_totals) and not result.grand_total


def test_zero_cells_and_large_cells_are_shown():
    assert suppress([[0, 5], [6, 100]]).cells == [[False, False], [False, False]]


def test_a_lone_small_cell_hides_its_totals():
    result = suppress([[0, 0], [0, 3]])
    assert result.cells[1][1] and result.row_totals[1] and result.col_totals[1]
    assert result.grand_total


@given(st.lists(st.lists(st.integers(0, 30), min_size=2, max_size=5), min_size=2, max_size=5)
       .filter(lambda g: len({len(r) for r in g}) == 1))
def test_no_total_ever_reveals_a_small_cell(grid):
    result = suppress(grid)
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            if 0 < value < 5:
                assert result.cells[r][c]
    assert not total_reveals_hidden(grid, result)
