from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smajob.isoweek import IsoWeek, weeks_between
from smajob.placements.hours_rules import WEEK_MINUTES, check_week

WEEK = IsoWeek(2026, 47)  # 16–22 November 2026
START = date(2026, 11, 18)


def test_iso_weeks_parse_print_and_step():
    assert IsoWeek.parse("2026-W47") == WEEK == IsoWeek.of(date(2026, 11, 22))
    assert str(WEEK) == "2026-W47" and WEEK.monday == date(2026, 11, 16)
    assert WEEK.next() == IsoWeek(2026, 48) and IsoWeek(2027, 1).previous() == IsoWeek(2026, 53)
    assert len(weeks_between(date(2026, 11, 1), date(2026, 11, 30))) == 6


@pytest.mark.parametrize("text", ["2026-W54", "2025-W53", "2026-47", "W47", ""])
def test_bad_iso_weeks_are_refused(text):
    with pytest.raises(ValueError):
        IsoWeek.parse(text)


def test_a_normal_week_passes_without_flags():
    assert check_week(WEEK, 360, agreed_minutes=360, start=START, end=None).error is None


@pytest.mark.parametrize("minutes,error", [(-1, "negative"), (WEEK_MINUTES + 1, "too_many")])
def test_impossible_minutes_are_errors(minutes, error):
    assert check_week(WEEK, minutes, agreed_minutes=300, start=START, end=None).error == error


def test_hours_before_the_start_or_after_the_end_are_errors():
    early = IsoWeek(2026, 46)
    assert check_week(early, 60, agreed_minutes=300, start=START, end=None).error == "before_start"
    late = IsoWeek(2026, 50)
    assert check_week(late, 60, agreed_minutes=300, start=START,
                      end=date(2026, 12, 1)).error == "after_end"
    per_day = [60, 0, 0, 0, 0, 0, 0]  # Monday 16th, before the Wednesday start
    assert check_week(WEEK, 60, agreed_minutes=300, start=START, end=None,
                      per_day=per_day).error == "before_start"


def test_low_and_very_high_weeks_are_flagged_not_refused():
    low = check_week(WEEK, 120, agreed_minutes=300, start=START, end=None)
    assert low.error is None and low.flags == ("below_minimum",)
    high = check_week(WEEK, 600, agreed_minutes=300, start=START, end=None)
    assert high.error is None and high.flags == ("far_above_agreed",)


@given(st.lists(st.integers(0, 24 * 60), min_size=7, max_size=7))
def test_per_day_minutes_must_add_up(per_day):
    total = sum(per_day)
    assert check_week(WEEK, total, agreed_minutes=300, start=date(2026, 1, 1), end=None,
                      per_day=per_day).error is None
    assert check_week(WEEK, total + 1, agreed_minutes=300, start=date(2026, 1, 1), end=None,
                      per_day=per_day).error == "days_mismatch"
