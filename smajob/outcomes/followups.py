"""When outcome follow-ups fall due after a course ends. Pure.

A course ends when the candidate's last placement ends or they exit. Follow-ups fall due a whole
number of calendar months later (1, 3, 6 and 12 by default); the status is recorded for the ISO
week that contains the due date (the *reference week*, as in the jobcenter's own statistics).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from smajob.isoweek import IsoWeek
from smajob.outcomes.definitions import FOLLOW_UP_MONTHS


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the month's last day when it is shorter (31 Jan + 1 → 28/29
    Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True, order=True)
class FollowUp:
    due: date
    months_after: int

    @property
    def reference_week(self) -> IsoWeek:
        return IsoWeek.of(self.due)


def schedule(course_end: date, months: Sequence[int] = FOLLOW_UP_MONTHS) -> list[FollowUp]:
    """Every follow-up point for a course that ended on `course_end`, earliest first."""
    points = sorted({m for m in months if m > 0})
    return [FollowUp(add_months(course_end, m), m) for m in points]


def due(course_end: date, today: date, recorded: Iterable[int] = (),
        months: Sequence[int] = FOLLOW_UP_MONTHS) -> list[FollowUp]:
    """The follow-ups due on or before `today` that have not been recorded yet (a missed point
    stays due: catching up after a holiday is normal)."""
    done = set(recorded)
    return [f for f in schedule(course_end, months)
            if f.due <= today and f.months_after not in done]


def parse_months(text: str) -> tuple[int, ...]:
    """'1, 3, 6, 12' → (1, 3, 6, 12); ValueError when a point is not a whole month 1–60."""
    values = []
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit() or not 1 <= int(part) <= 60:
            raise ValueError(part)
        values.append(int(part))
    if not values:
        raise ValueError(text)
    return tuple(sorted(set(values)))
