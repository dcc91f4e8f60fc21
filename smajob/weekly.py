"""Weekly time windows: a task's hour pattern and a candidate's availability. Pure.

A window is one weekday (0 = Monday … 6 = Sunday) and a from–to time in whole minutes after
midnight, on 15-minute steps. Stored as JSON: [[weekday, start_minute, end_minute], …].
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

STEP = 15
DAY = 24 * 60
WEEKDAYS_DA = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class PatternError(ValueError):
    """A window or pattern breaks a rule; `code` says which (for a translated message)."""

    def __init__(self, code: str, index: int | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.index = index


@dataclass(frozen=True, order=True)
class Window:
    weekday: int
    start: int  # minutes after midnight
    end: int

    @property
    def minutes(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Window) -> bool:
        return self.weekday == other.weekday and self.start < other.end and other.start < self.end

    def within(self, other: Window) -> bool:
        return self.weekday == other.weekday and other.start <= self.start and self.end <= other.end

    def label(self, language: str = "da") -> str:
        days = WEEKDAYS_DA if language == "da" else WEEKDAYS_EN
        return f"{days[self.weekday]} {clock_text(self.start)}–{clock_text(self.end)}"


def clock_text(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def parse_clock(text: str) -> int:
    """'09:15' or '9.15' → 555; raises PatternError('time') if it is not a time of day."""
    cleaned = text.strip().replace(".", ":")
    hours, sep, minutes = cleaned.partition(":")
    if not sep or not hours.isdigit() or not minutes.isdigit() or len(minutes) != 2:
        raise PatternError("time")
    value = int(hours) * 60 + int(minutes)
    if int(minutes) >= 60 or value > DAY:
        raise PatternError("time")
    return value


def validate(windows: Sequence[Window]) -> list[Window]:
    """Check each window and the set; return them sorted. Codes: empty, weekday, step, order,
    overlap."""
    if not windows:
        raise PatternError("empty")
    for index, window in enumerate(windows):
        if not 0 <= window.weekday <= 6:
            raise PatternError("weekday", index)
        if window.start % STEP or window.end % STEP or not 0 <= window.start <= DAY or not (
                0 <= window.end <= DAY):
            raise PatternError("step", index)
        if window.end <= window.start:
            raise PatternError("order", index)
    ordered = sorted(windows)
    for index, (first, second) in enumerate(itertools.pairwise(ordered)):
        if first.overlaps(second):
            raise PatternError("overlap", index + 1)
    return ordered


def total_minutes(windows: Iterable[Window]) -> int:
    return sum(w.minutes for w in windows)


def covered_by(needed: Iterable[Window], available: Sequence[Window]) -> bool:
    """Every needed window lies inside one available window (availability is not merged across
    touching windows: 9–12 and 12–15 together cover 10–14, so they are merged first)."""
    merged = merge(available)
    return all(any(w.within(a) for a in merged) for w in needed)


def merge(windows: Iterable[Window]) -> list[Window]:
    """Join overlapping or touching windows on the same day."""
    result: list[Window] = []
    for window in sorted(windows):
        if result and result[-1].weekday == window.weekday and window.start <= result[-1].end:
            last = result[-1]
            result[-1] = Window(last.weekday, last.start, max(last.end, window.end))
        else:
            result.append(window)
    return result


def to_json(windows: Iterable[Window]) -> list[list[int]]:
    return [[w.weekday, w.start, w.end] for w in sorted(windows)]


def from_json(data: Iterable[Sequence[int]] | None) -> list[Window]:
    return [Window(int(d), int(s), int(e)) for d, s, e in (data or [])]


def describe(windows: Iterable[Window], language: str = "da") -> str:
    """'tirsdag 09:00–12:00, torsdag 09:00–12:00'."""
    return ", ".join(w.label(language) for w in sorted(windows))
