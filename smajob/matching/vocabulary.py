"""The shared words of tasks and candidates that the matcher compares. Pure.

A task says what the work demands and what the workplace offers; a candidate states functional
limits (never diagnoses). A limit conflicts with a demand, or with an offer the task lacks.
"""

from __future__ import annotations

from enum import IntEnum, StrEnum


class TaskTrait(StrEnum):
    """What the work involves (demands) or the workplace offers."""

    STANDING = "standing"  # long periods standing
    LIFTING = "lifting"  # lifting heavier things
    OUTDOORS = "outdoors"  # work outside
    FAST_PACE = "fast_pace"  # a high pace at times
    SUPERVISION = "supervision"  # close supervision available (offer)
    ACCESSIBLE = "accessible"  # step-free, accessible workplace (offer)


class CandidateLimit(StrEnum):
    NO_LIFTING = "no_lifting"
    NOT_STANDING_LONG = "not_standing_long"
    INDOORS_ONLY = "indoors_only"
    NEEDS_CALM_PACE = "needs_calm_pace"
    NEEDS_CLOSE_SUPERVISION = "needs_close_supervision"
    NEEDS_ACCESSIBLE_WORKPLACE = "needs_accessible_workplace"


# limit → (trait, True if the task must NOT have the trait / False if it MUST have it)
CONFLICTS: dict[CandidateLimit, tuple[TaskTrait, bool]] = {
    CandidateLimit.NO_LIFTING: (TaskTrait.LIFTING, True),
    CandidateLimit.NOT_STANDING_LONG: (TaskTrait.STANDING, True),
    CandidateLimit.INDOORS_ONLY: (TaskTrait.OUTDOORS, True),
    CandidateLimit.NEEDS_CALM_PACE: (TaskTrait.FAST_PACE, True),
    CandidateLimit.NEEDS_CLOSE_SUPERVISION: (TaskTrait.SUPERVISION, False),
    CandidateLimit.NEEDS_ACCESSIBLE_WORKPLACE: (TaskTrait.ACCESSIBLE, False),
}


class DanishLevel(IntEnum):
    """How much Danish the work needs / the candidate has (ordered)."""

    NONE = 0  # not needed / none
    BASIC = 1  # simple instructions
    GOOD = 2  # everyday conversation
    FLUENT = 3  # reads and writes well


def conflicting_limits(limits: frozenset[CandidateLimit] | set[CandidateLimit],
                       traits: frozenset[TaskTrait] | set[TaskTrait]) -> list[CandidateLimit]:
    """The candidate's limits that this task's traits conflict with (empty: compatible)."""
    found = []
    for limit in sorted(limits):
        trait, forbidden = CONFLICTS[limit]
        if (trait in traits) == forbidden:
            found.append(limit)
    return found
