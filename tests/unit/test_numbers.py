"""The fast number formats equal Babel's "#,##0.00" exactly, in both languages, for any value."""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st

from smajob import numbers

LANGUAGES = st.sampled_from(["da", "en"])
VALUES = st.integers(min_value=-10**13, max_value=10**13)


@given(VALUES, LANGUAGES)
def test_hundredths_equal_babel(value, locale):
    expected = format_decimal(Decimal(value) / 100, format="#,##0.00", locale=locale)
    assert numbers.hundredths(value, numbers.symbols(locale)) == expected


@given(st.integers(min_value=-10**9, max_value=10**9), LANGUAGES)
def test_minutes_as_hours_equal_babel(minutes, locale):
    expected = format_decimal(Decimal(minutes) / 60, format="#,##0.00", locale=locale)
    shown = numbers.hundredths(numbers.minutes_in_hundredths(minutes), numbers.symbols(locale))
    assert shown == expected


def test_known_values():
    da, en = numbers.symbols("da"), numbers.symbols("en")
    assert numbers.hundredths(123456, da) == "1.234,56"
    assert numbers.hundredths(123456, en) == "1,234.56"
    assert numbers.hundredths(-5, da) == "-0,05"
    assert numbers.hundredths(100000000, da) == "1.000.000,00"
    assert numbers.minutes_in_hundredths(25) == 42  # 0.41666… hours
    assert numbers.minutes_in_hundredths(50) == 83  # 0.8333…
    assert numbers.minutes_in_hundredths(-25) == -42



def test_whole_numbers_only():
    from fractions import Fraction

    assert numbers.whole(7) == 7 and type(numbers.whole(7.0)) is int
    assert numbers.whole(Decimal("7.00")) == 7 and numbers.whole(Fraction(14, 2)) == 7
    assert numbers.whole(7.5) is None and numbers.whole(Decimal("0.5")) is None
    assert numbers.whole(float("nan")) is None and numbers.whole(True) is None

