"""Rules for one week of hours in the ledger. Pure.

Errors stop the entry; flags are warnings shown to the consultant and kept on the entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from smajob.isoweek import IsoWeek

WEEK_MINUTES = 7 * 24 * 60
SMALL_JOB_MINIMUM = 5 * 60  # a small job is at least 5 hours a week
FAR_ABOVE_FACTOR_PERCENT = 150  # flag weeks above 150 % of the agreed hours


@dataclass(frozen=True)
class WeekCheck:
    error: str | None  # negative, too_many, before_start, after_end, day_too_long
    flags: tuple[str, ...]  # below_minimum, far_above_agreed


def check_week(week: IsoWeek, minutes: int, *, agreed_minutes: int, start: date,
               end: date | None, per_day: list[int] | None = None) -> WeekCheck:
    """Validate minutes worked in `week` for a placement running [start, end]."""
    if minutes < 0 or (per_day and any(m < 0 for m in per_day)):
        return WeekCheck("negative", ())
    if per_day is not None:
        if len(per_day) != 7 or sum(per_day) != minutes:
            return WeekCheck("days_mismatch", ())
        if any(m > 24 * 60 for m in per_day):
            return WeekCheck("day_too_long", ())
    if minutes > WEEK_MINUTES:
        return WeekCheck("too_many", ())
    if minutes and week.sunday < start:
        return WeekCheck("before_start", ())
    if minutes and end is not None and week.monday > end:
        return WeekCheck("after_end", ())
    if per_day:
        for day, day_minutes in zip(week.days(), per_day, strict=True):
            if day_minutes and (day < start or (end is not None and day > end)):
                return WeekCheck("before_start" if day < start else "after_end", ())
    flags = []
    if 0 < minutes < SMALL_JOB_MINIMUM:
        flags.append("below_minimum")
    if agreed_minutes and minutes * 100 > agreed_minutes * FAR_ABOVE_FACTOR_PERCENT:
        flags.append("far_above_agreed")
    return WeekCheck(None, tuple(flags))
