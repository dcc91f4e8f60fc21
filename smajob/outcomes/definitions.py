"""The jobcenter's definitions, fixed in one pure place (PRODUCT.md "Outcome follow-up").

*Self-supporting* means on no public benefit in the reference week: an ordinary job or education
on SU counts, a flex job or any other public benefit does not. *Unknown* is kept apart — never
counted as unemployed, never in a denominator. Like the jobcenter's own outflow tables (seed 002:
"Dermed regnes flyttede personer ikke med"), people who moved away are left out of rates too.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

FOLLOW_UP_MONTHS = (1, 3, 6, 12)  # the default; the dated rates table may change it


class OutcomeStatus(StrEnum):
    ORDINARY_JOB = "ordinary_job"  # ordinary, unsubsidised work (hours per week recorded)
    EDUCATION_SU = "education_su"  # ordinary education on SU
    FLEX_JOB = "flex_job"
    OTHER_BENEFIT = "other_benefit"  # which one is recorded alongside
    MOVED_AWAY = "moved_away"
    OTHER = "other"
    UNKNOWN = "unknown"


class OutcomeSource(StrEnum):
    JOBCENTER_SYSTEM = "jobcenter_system"
    CANDIDATE = "candidate"
    BUSINESS = "business"


SELF_SUPPORTING = frozenset({OutcomeStatus.ORDINARY_JOB, OutcomeStatus.EDUCATION_SU})
# Statuses that say nothing about self-support for the rate: kept apart and shown separately.
OUTSIDE_RATE = frozenset({OutcomeStatus.UNKNOWN, OutcomeStatus.MOVED_AWAY})


def is_self_supporting(status: OutcomeStatus | str) -> bool:
    return OutcomeStatus(status) in SELF_SUPPORTING


def counts_in_rate(status: OutcomeStatus | str) -> bool:
    """Whether a follow-up belongs in the denominator of a self-support rate."""
    return OutcomeStatus(status) not in OUTSIDE_RATE


@dataclass(frozen=True)
class Share:
    """A rate shown the honest way: numerator, denominator and the unknowns beside it."""

    numerator: int
    denominator: int
    unknown: int = 0

    @property
    def percent(self) -> int | None:
        """Whole percent, rounded half up (102 of 160 → 64); None when nobody counts."""
        if self.denominator <= 0:
            return None
        quotient, remainder = divmod(self.numerator * 100, self.denominator)
        return quotient + (1 if remainder * 2 >= self.denominator else 0)


def self_support_share(statuses: list[OutcomeStatus | str]) -> Share:
    """The share self-supporting among the follow-ups that count; unknowns reported apart."""
    known = [OutcomeStatus(s) for s in statuses if counts_in_rate(s)]
    unknown = sum(1 for s in statuses if OutcomeStatus(s) == OutcomeStatus.UNKNOWN)
    return Share(numerator=sum(1 for s in known if s in SELF_SUPPORTING),
                 denominator=len(known), unknown=unknown)
