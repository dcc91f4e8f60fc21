"""The bureau's evaluation figures from SQL aggregates. Pure.

The database counts (GROUP BY); this module turns the counts into the figures the bureau reports
(seed 004: referred, got paid work and the job rate, paid jobs created, people with two or more
small jobs, weeks from referral to first job, hours per week, self-supporting within a year).
Medians come from a histogram (weeks → how many people), so no per-person rows leave the database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from smajob.outcomes.definitions import Share


def median_from_histogram(histogram: Mapping[int, int]) -> Fraction | None:
    """The median of a multiset given as value → count (the mean of the two middle values when
    the count is even); None when empty."""
    total = sum(c for c in histogram.values() if c > 0)
    if total == 0:
        return None
    wanted = ((total + 1) // 2, total // 2 + 1)  # 1-based positions of the middle value(s)
    found: list[int] = []
    seen = 0
    for value in sorted(histogram):
        count = histogram[value]
        if count <= 0:
            continue
        for position in wanted:
            if seen < position <= seen + count:
                found.append(value)
        seen += count
        if len(found) == 2:
            break
    return Fraction(found[0] + found[1], 2)


def mean_from_histogram(histogram: Mapping[int, int]) -> Fraction | None:
    total = sum(c for c in histogram.values() if c > 0)
    if total == 0:
        return None
    return Fraction(sum(v * c for v, c in histogram.items() if c > 0), total)


@dataclass(frozen=True)
class EvaluationCounts:
    """What SQL counted for a period and a set of municipalities."""

    referred: int
    with_paid_work: int
    placements: int  # paid jobs created
    with_two_or_more: int
    weeks_to_first_job: Mapping[int, int]  # whole weeks from referral to first job → people
    minutes_worked: int  # confirmed minutes in the period
    placement_weeks: int  # placement-weeks with hours in the period
    self_supporting_within_year: Share


@dataclass(frozen=True)
class EvaluationFigures:
    referred: int
    with_paid_work: int
    job_rate: Share
    placements: int
    with_two_or_more: int
    median_weeks_to_first_job: Fraction | None
    mean_weeks_to_first_job: Fraction | None
    mean_hours_per_week: Fraction | None
    self_supporting_within_year: Share


def figures(counts: EvaluationCounts) -> EvaluationFigures:
    hours = (Fraction(counts.minutes_worked, 60 * counts.placement_weeks)
             if counts.placement_weeks else None)
    return EvaluationFigures(
        referred=counts.referred,
        with_paid_work=counts.with_paid_work,
        job_rate=Share(counts.with_paid_work, counts.referred),
        placements=counts.placements,
        with_two_or_more=counts.with_two_or_more,
        median_weeks_to_first_job=median_from_histogram(counts.weeks_to_first_job),
        mean_weeks_to_first_job=mean_from_histogram(counts.weeks_to_first_job),
        mean_hours_per_week=hours,
        self_supporting_within_year=counts.self_supporting_within_year,
    )


def one_decimal(value: Fraction | None, language: str = "da") -> str:
    """A figure as people read it: '4,5' in Danish, '4.5' in English, '–' when there is none."""
    if value is None:
        return "–"
    tenths = (value * 10 + Fraction(1, 2)).__floor__()
    text = f"{tenths // 10}.{tenths % 10}"
    return text.replace(".", ",") if language == "da" else text
