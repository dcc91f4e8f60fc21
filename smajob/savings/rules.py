"""The savings arithmetic, pure and in øre (issue: "påvis besparelsen – og aktivér den").

Two sources of saving for the municipality, each returned with the numbers it used so the report
can show every assumption next to the figure:

1. **Earnings reduce the benefit.** A month's small-job earnings (wages *including* holiday pay)
   reduce social assistance krone for krone, except a disregard (*beskæftigelsesfradrag*) of a
   fixed amount per hour worked, capped per month. The reduction never goes below zero and never
   above the month's benefit.
2. **Self-support ends the benefit.** For a candidate recorded as self-supporting, the benefit
   no longer paid is the monthly benefit for each month counted (a sensitivity choice: 3, 6 or
   12 months after the recorded date), capped by the months actually elapsed.

Rates come from a dated table per benefit type; this module only computes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from smajob.billing.money import amount_for_minutes

SENSITIVITY_MONTHS = (3, 6, 12)


@dataclass(frozen=True)
class BenefitRate:
    """One benefit type's monthly amount and earnings disregard, as valid for a month."""

    monthly_benefit_ore: int
    disregard_ore_per_hour: int
    disregard_cap_ore_per_month: int


@dataclass(frozen=True)
class EarningsSaving:
    earnings_ore: int  # the month's wages incl. holiday pay
    minutes: int
    disregard_ore: int  # min(hours × per-hour disregard, monthly cap)
    reduction_ore: int  # max(0, earnings − disregard), at most the month's benefit


def earnings_saving(earnings_ore: int, minutes: int, rate: BenefitRate) -> EarningsSaving:
    """How much one month's earnings reduce the benefit."""
    if earnings_ore < 0 or minutes < 0:
        raise ValueError("earnings and minutes cannot be negative")
    disregard = min(amount_for_minutes(minutes, rate.disregard_ore_per_hour),
                    rate.disregard_cap_ore_per_month)
    reduction = min(max(0, earnings_ore - disregard), rate.monthly_benefit_ore)
    return EarningsSaving(earnings_ore=earnings_ore, minutes=minutes, disregard_ore=disregard,
                          reduction_ore=reduction)


@dataclass(frozen=True)
class SelfSupportSaving:
    months_counted: int
    monthly_benefit_ore: int
    saving_ore: int


def self_support_saving(months_elapsed: int, sensitivity_months: int,
                        rate: BenefitRate) -> SelfSupportSaving:
    """The benefit not paid: the monthly benefit × the months counted (≤ months elapsed)."""
    if sensitivity_months not in SENSITIVITY_MONTHS:
        raise ValueError(f"sensitivity must be one of {SENSITIVITY_MONTHS}")
    counted = max(0, min(months_elapsed, sensitivity_months))
    return SelfSupportSaving(months_counted=counted,
                             monthly_benefit_ore=rate.monthly_benefit_ore,
                             saving_ore=counted * rate.monthly_benefit_ore)


@dataclass(frozen=True)
class SavingsSummary:
    earnings_ore: int
    self_support_ore: int
    gross_ore: int
    paid_to_bureau_ore: int
    net_ore: int
    # Return per krone paid, in hundredths (e.g. 235 = 2,35 kr. back per krone); None if unpaid.
    return_per_krone_hundredths: int | None


def summarise(earnings: Iterable[int], self_support: Iterable[int],
              paid_to_bureau_ore: int) -> SavingsSummary:
    """Gross = both sources; net = gross − what the municipality paid the bureau."""
    earnings_total = sum(earnings)
    self_support_total = sum(self_support)
    gross = earnings_total + self_support_total
    ratio = None
    if paid_to_bureau_ore > 0:
        quotient, remainder = divmod(gross * 100, paid_to_bureau_ore)
        ratio = quotient + (1 if remainder * 2 >= paid_to_bureau_ore else 0)
    return SavingsSummary(earnings_ore=earnings_total, self_support_ore=self_support_total,
                          gross_ore=gross, paid_to_bureau_ore=paid_to_bureau_ore,
                          net_ore=gross - paid_to_bureau_ore,
                          return_per_krone_hundredths=ratio)
