from datetime import date

import pytest

from smajob.rates.catalogue import RateRow, Unit, format_value, parse_value, value_on


def test_the_default_applies_when_no_row_exists():
    assert value_on([], "vat", date(2026, 1, 1)) == 2500


def test_a_dated_row_applies_only_in_its_period():
    rows = [RateRow("holiday_pay", 1200, date(2026, 1, 1), date(2026, 6, 30)),
            RateRow("holiday_pay", 1250, date(2026, 7, 1))]
    assert value_on(rows, "holiday_pay", date(2026, 3, 1)) == 1200
    assert value_on(rows, "holiday_pay", date(2026, 7, 1)) == 1250
    assert value_on(rows, "holiday_pay", date(2025, 12, 31)) == 1250  # the default before


def test_a_municipalitys_own_row_wins_for_that_municipality_only():
    rows = [RateRow("annual_target", 400, date(2026, 1, 1), municipality_id=7)]
    assert value_on(rows, "annual_target", date(2026, 5, 1), 7) == 400
    assert value_on(rows, "annual_target", date(2026, 5, 1), 8) == 365


@pytest.mark.parametrize("unit,text,value", [(Unit.BASIS_POINTS, "12,5", 1250),
                                             (Unit.BASIS_POINTS, "25 %", 2500),
                                             (Unit.ORE, "1.234,50", 123450),
                                             (Unit.DAYS, "14", 14)])
def test_admin_input_is_read_in_the_units_natural_form(unit, text, value):
    assert parse_value(unit, text) == value


@pytest.mark.parametrize("unit,text", [(Unit.DAYS, "1,5"), (Unit.DAYS, "-3"),
                                       (Unit.BASIS_POINTS, "abc"), (Unit.ORE, "")])
def test_bad_admin_input_is_refused(unit, text):
    with pytest.raises(ValueError):
        parse_value(unit, text)


def test_values_are_shown_in_their_unit():
    assert format_value(Unit.BASIS_POINTS, 1250) == "12,5 %"
    assert format_value(Unit.BASIS_POINTS, 2500) == "25 %"
    assert format_value(Unit.ORE, 123450) == "1.234,50 kr."
