"""ISO weeks ('2026-W47'): the unit of the hours ledger. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

_PATTERN = re.compile(r"^(\d{4})-?W(\d{2})$")


@dataclass(frozen=True, order=True)
class IsoWeek:
    year: int
    week: int

    @classmethod
    def of(cls, day: date) -> IsoWeek:
        year, week, _ = day.isocalendar()
        return cls(year, week)

    @classmethod
    def parse(cls, text: str) -> IsoWeek:
        """'2026-W47' or '2026W47'; ValueError if it is not a real ISO week."""
        match = _PATTERN.match(text.strip().upper())
        if not match:
            raise ValueError("not an ISO week")
        week = cls(int(match.group(1)), int(match.group(2)))
        week.monday  # noqa: B018 — raises ValueError for week 53 in a 52-week year
        return week

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.week, 1)

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    def days(self) -> list[date]:
        return [self.monday + timedelta(days=i) for i in range(7)]

    def next(self) -> IsoWeek:
        return IsoWeek.of(self.monday + timedelta(days=7))

    def previous(self) -> IsoWeek:
        return IsoWeek.of(self.monday - timedelta(days=7))

    def __str__(self) -> str:
        return f"{self.year}-W{self.week:02d}"


def weeks_between(first: date, last: date) -> list[IsoWeek]:
    """Every ISO week touching [first, last], in order."""
    weeks, week = [], IsoWeek.of(first)
    while week.monday <= last:
        weeks.append(week)
        week = week.next()
    return weeks
