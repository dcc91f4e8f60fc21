"""A business's social-responsibility story in numbers. Pure.

Counts only; a count of 1–4 people is never shown exactly (it could point at a person), it reads
"under 5" instead. Hours are not people and are shown as they are, in whole hours. Names appear
only for people who consented to be named in the business's story.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from smajob.reports.suppression import THRESHOLD


@dataclass(frozen=True)
class StoryCounts:
    people: int  # people who have had a small job with the business
    minutes: int  # confirmed minutes worked with the business
    more_hours: int  # of them: moved on to more hours a week
    direct_employment: int  # hired by the business or another ordinary job
    education: int  # moved on to ordinary education
    named: Sequence[str] = ()  # first names of people who consented to be named


@dataclass(frozen=True)
class Figure:
    value: int | None  # None: suppressed (1–4 people)
    suppressed: bool

    @classmethod
    def people(cls, count: int) -> Figure:
        hidden = 0 < count < THRESHOLD
        return cls(None if hidden else count, hidden)


@dataclass(frozen=True)
class Story:
    people: Figure
    hours: int
    more_hours: Figure
    direct_employment: Figure
    education: Figure
    named: tuple[str, ...]

    @property
    def has_content(self) -> bool:
        return self.people.suppressed or bool(self.people.value)


def tell(counts: StoryCounts) -> Story:
    """The figures a business may show; if a moving-on count is hidden but the others and the
    total would give it away, the smallest other moving-on count (or else the total) is hidden
    with it."""
    moving = [counts.more_hours, counts.direct_employment, counts.education]
    figures = [Figure.people(c) for c in moving]
    if sum(f.suppressed for f in figures) == 1:
        shown = [(c, i) for i, (c, f) in enumerate(zip(moving, figures, strict=True))
                 if not f.suppressed and c > 0]
        if shown:
            _, index = min(shown)
            figures[index] = Figure(None, True)
    people = Figure.people(counts.people)
    if sum(f.suppressed for f in figures) == 1 and counts.people == sum(moving):
        people = Figure(None, True)  # everyone moved on: the total minus zeros is the hidden one
    return Story(people=people, hours=(counts.minutes + 30) // 60,
                 more_hours=figures[0], direct_employment=figures[1], education=figures[2],
                 named=tuple(sorted(counts.named)))
