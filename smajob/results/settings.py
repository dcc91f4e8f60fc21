"""The dated tariffs and milestone parameters of payment by results, read from the rates table."""

from __future__ import annotations

from datetime import date

from smajob.rates.services import get_rate
from smajob.results.rules import Milestone, MilestoneSettings


def tariff_ore(milestone: Milestone | str, day: date, municipality_id: int | None) -> int:
    """What the municipality pays for `milestone` reached on `day` (its own row, else general)."""
    return get_rate(f"tariff.{Milestone(milestone).value}", day, municipality_id)


def milestone_settings(day: date, municipality_id: int | None) -> MilestoneSettings:
    def value(name: str) -> int:
        return get_rate(f"milestone.{name}", day, municipality_id)

    return MilestoneSettings(
        sustained_weeks=value("sustained_weeks"),
        sustained_min_minutes=value("sustained_min_minutes"),
        sustained_gap_weeks=value("sustained_gap_weeks"),
        increase_minutes=value("increase_minutes"),
        increase_weeks=value("increase_weeks"),
    )
