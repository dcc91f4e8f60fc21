"""Money in øre: exact rounding, totals equal the sum of their lines, no floats."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smajob.billing.money import (
    amount_for_minutes,
    invoice_totals,
    parse_kroner,
    pay_for,
    percent_of,
)


@pytest.mark.parametrize("amount,bp,expected", [
    (10_000, 1250, 1250), (1, 1250, 0), (4, 1250, 1), (12, 1250, 2), (-4, 1250, -1),
    (100_000, 2500, 25_000), (2, 2500, 1), (1, 2500, 0),
])
def test_percentages_round_half_away_from_zero_to_whole_ore(amount, bp, expected):
    assert percent_of(amount, bp) == expected


def test_a_hand_computed_month_of_pay():
    # 5 h/week for 4 weeks at 124,44 kr./h: 20 h → 2.488,80 kr.; holiday pay 12.5 % = 311,10 kr.
    pay = pay_for(20 * 60, 12_444, 1250)
    assert (pay.wages, pay.holiday_pay, pay.gross) == (248_880, 31_110, 279_990)


def test_a_hand_computed_invoice():
    lines = [amount_for_minutes(450, 18_500), amount_for_minutes(315, 18_500)]
    assert lines == [138_750, 97_125]
    totals = invoice_totals(lines, 2500)
    assert (totals.subtotal, totals.vat, totals.total) == (235_875, 58_969, 294_844)


@given(st.lists(st.tuples(st.integers(0, 60 * 60), st.integers(0, 100_000)), max_size=40),
       st.sampled_from([0, 2500]))
def test_invoice_totals_are_the_sum_of_their_lines_plus_vat(items, vat):
    lines = [amount_for_minutes(m, r) for m, r in items]
    totals = invoice_totals(lines, vat)
    assert totals.subtotal == sum(lines)
    assert totals.total == totals.subtotal + totals.vat
    assert all(isinstance(x, int) for x in (totals.subtotal, totals.vat, totals.total))
    assert abs(totals.vat * 10_000 - totals.subtotal * vat) <= 5_000  # within half an øre


@given(st.integers(0, 100 * 60), st.integers(0, 50_000))
def test_gross_pay_is_wages_plus_holiday_pay_and_never_below_wages(minutes, wage):
    pay = pay_for(minutes, wage, 1250)
    assert pay.gross == pay.wages + pay.holiday_pay
    assert pay.holiday_pay >= 0 and pay.wages >= 0
    assert abs(pay.wages * 60 - minutes * wage) <= 30  # within half an øre


@pytest.mark.parametrize("text,ore", [("1.234,50", 123_450), ("1234.5", 123_450), ("125", 12_500),
                                      ("0,05", 5), ("148,60 kr.", 14_860), ("-3,00", -300)])
def test_kroner_parse_the_danish_and_the_plain_way(text, ore):
    assert parse_kroner(text) == ore


@pytest.mark.parametrize("text", ["", "abc", "1,234", "12.345,6,7", "1e5", "--1"])
def test_bad_amounts_are_refused(text):
    with pytest.raises(ValueError):
        parse_kroner(text)
