"""The dated benefit amounts and earnings disregards per benefit type, from the rates table."""

from __future__ import annotations

from datetime import date

from smajob.rates.catalogue import BENEFIT_TYPES
from smajob.rates.services import get_rate
from smajob.savings.rules import BenefitRate

KNOWN_BENEFIT_TYPES = frozenset(code for code, *_ in BENEFIT_TYPES)


def benefit_rate(benefit_type: str, day: date, municipality_id: int | None) -> BenefitRate:
    """The rate in force on `day`; an unrecorded benefit type uses the 'other' row."""
    code = benefit_type if benefit_type in KNOWN_BENEFIT_TYPES else "other"
    return BenefitRate(
        monthly_benefit_ore=get_rate(f"benefit_monthly.{code}", day, municipality_id),
        disregard_ore_per_hour=get_rate(f"benefit_disregard_hour.{code}", day, municipality_id),
        disregard_cap_ore_per_month=get_rate(f"benefit_disregard_cap.{code}", day,
                                             municipality_id),
    )
