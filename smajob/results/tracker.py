"""Hours-requirement tracker: ordinary paid hours in a rolling window against a dated rule. Pure.

A rule says: within the last `window_months` calendar months, at least `threshold_minutes` of
hours that count (ordinary, unsubsidised paid work). Periods the jobcenter records (illness etc.)
extend the window backwards by their length. The historical 225-hour rule (225 hours in 12
months, 2016-04-01 to 2025-06-30) is one such row; a municipality adds the rule it needs today.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

MAX_PROJECTION_WEEKS = 5 * 52


@dataclass(frozen=True)
class HoursRule:
    code: str
    window_months: int
    threshold_minutes: int
    valid_from: date
    valid_to: date | None = None  # inclusive; None: still in force

    def applies_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive


@dataclass(frozen=True)
class TrackerResult:
    rule_code: str
    window_start: date
    window_end: date
    minutes_in_window: int
    missing_minutes: int
    reached: bool
    projected_date: date | None  # when the threshold is reached at the current weekly hours


def months_before(day: date, months: int) -> date:
    """The same day `months` calendar months earlier (clamped to the month's last day)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def applicable_rule(rules: list[HoursRule], day: date) -> HoursRule | None:
    """The rule in force on `day` (the newest valid_from wins if several overlap)."""
    in_force = [r for r in rules if r.applies_on(day)]
    return max(in_force, key=lambda r: (r.valid_from, r.code)) if in_force else None


def window_for(rule: HoursRule, today: date, extensions: list[Period]) -> tuple[date, date]:
    """[start, today]: the rule's months back, extended by recorded periods inside the window."""
    start = months_before(today, rule.window_months) + timedelta(days=1)
    extra = 0
    for period in sorted(extensions, key=lambda p: p.start):
        overlap_start, overlap_end = max(period.start, start), min(period.end, today)
        if overlap_end >= overlap_start:
            extra += (overlap_end - overlap_start).days + 1
    return start - timedelta(days=extra), today


def minutes_between(weeks: dict[date, int], start: date, end: date) -> int:
    """Minutes of the weeks whose Monday lies in [start, end] (hours are recorded per week)."""
    return sum(m for monday, m in weeks.items() if start <= monday <= end)


def track(rule: HoursRule, weeks: dict[date, int], today: date, *,
          extensions: list[Period] = (), weekly_minutes: int = 0) -> TrackerResult:
    """Hours in the current window, what is missing, and when the threshold will be reached."""
    start, end = window_for(rule, today, list(extensions))
    counted = minutes_between(weeks, start, end)
    missing = max(0, rule.threshold_minutes - counted)
    projected = None if missing else today
    if missing and weekly_minutes > 0:
        future = dict(weeks)
        monday = today - timedelta(days=today.weekday())
        for step in range(1, MAX_PROJECTION_WEEKS + 1):
            week = monday + timedelta(weeks=step)
            future[week] = future.get(week, 0) + weekly_minutes
            day = week + timedelta(days=6)
            window_start, _ = window_for(rule, day, list(extensions))
            if minutes_between(future, window_start, day) >= rule.threshold_minutes:
                projected = day
                break
    return TrackerResult(rule_code=rule.code, window_start=start, window_end=end,
                         minutes_in_window=counted, missing_minutes=missing,
                         reached=missing == 0, projected_date=projected)


RULE_225 = HoursRule(code="225_hours", window_months=12, threshold_minutes=225 * 60,
                     valid_from=date(2016, 4, 1), valid_to=date(2025, 6, 30))
