"""Weekly windows: validation, coverage and totals (the task pattern and candidate availability)."""

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smajob.weekly import (
    PatternError,
    Window,
    covered_by,
    describe,
    from_json,
    merge,
    parse_clock,
    to_json,
    total_minutes,
    validate,
)


def test_a_valid_pattern_is_sorted_and_totalled():
    pattern = validate([Window(3, 9 * 60, 12 * 60), Window(1, 9 * 60, 12 * 60)])
    assert pattern[0].weekday == 1
    assert total_minutes(pattern) == 360


@pytest.mark.parametrize("windows,code", [
    ([], "empty"),
    ([Window(7, 540, 600)], "weekday"),
    ([Window(0, 545, 600)], "step"),
    ([Window(0, 600, 540)], "order"),
    ([Window(0, 600, 600)], "order"),
    ([Window(0, 540, 720), Window(0, 705, 810)], "overlap"),
])
def test_broken_patterns_name_the_rule(windows, code):
    with pytest.raises(PatternError) as error:
        validate(windows)
    assert error.value.code == code


def test_touching_windows_do_not_overlap():
    assert len(validate([Window(0, 540, 720), Window(0, 720, 780)])) == 2


def test_coverage_merges_touching_availability():
    available = [Window(1, 9 * 60, 12 * 60), Window(1, 12 * 60, 15 * 60)]
    assert covered_by([Window(1, 10 * 60, 14 * 60)], available)
    assert not covered_by([Window(2, 10 * 60, 11 * 60)], available)
    assert not covered_by([Window(1, 8 * 60, 10 * 60)], available)


@pytest.mark.parametrize("text,minutes", [("09:15", 555), ("9.15", 555), ("00:00", 0),
                                          ("24:00", 1440)])
def test_clock_times_parse(text, minutes):
    assert parse_clock(text) == minutes


@pytest.mark.parametrize("text", ["9", "25:00", "09:60", "ni", "09:5", ""])
def test_bad_clock_times_are_refused(text):
    with pytest.raises(PatternError):
        parse_clock(text)


def test_json_round_trip_and_description():
    pattern = [Window(1, 540, 720), Window(3, 540, 720)]
    assert from_json(to_json(pattern)) == pattern
    assert describe(pattern) == "tirsdag 09:00–12:00, torsdag 09:00–12:00"
    assert describe(pattern, "en") == "Tuesday 09:00–12:00, Thursday 09:00–12:00"


windows = st.builds(lambda d, s, n: Window(d, s * 15, min(96, s + n) * 15),
                    st.integers(0, 6), st.integers(0, 95), st.integers(1, 32))


@given(st.lists(windows, max_size=8))
def test_merge_keeps_total_coverage_and_leaves_no_touching_windows(items):
    merged = merge(items)
    for first, second in itertools.pairwise(merged):
        assert first.weekday != second.weekday or first.end < second.start
    for window in items:
        assert covered_by([window], merged)


@given(st.lists(windows, min_size=1, max_size=6))
def test_a_pattern_is_always_covered_by_itself(items):
    try:
        pattern = validate(items)
    except PatternError:
        return
    assert covered_by(pattern, pattern)
