"""Placement life cycle and what an ending means for the candidate. Pure."""

from __future__ import annotations

from smajob.placements.models import EndReason, PlacementStatus

MOVES = {
    PlacementStatus.AGREED: frozenset({PlacementStatus.ACTIVE, PlacementStatus.ENDED}),
    PlacementStatus.ACTIVE: frozenset({PlacementStatus.ENDED}),
    PlacementStatus.ENDED: frozenset(),
}
OPEN = frozenset({PlacementStatus.AGREED, PlacementStatus.ACTIVE})

# Reasons that mean the person moved on, and the outflow category they feed.
MOVING_ON: dict[EndReason, str] = {
    EndReason.HIRED_BY_BUSINESS: "ordinary_work",
    EndReason.OTHER_ORDINARY_JOB: "ordinary_work",
    EndReason.EDUCATION: "ordinary_education",
    EndReason.FLEX_JOB: "flex_job",
    EndReason.MOVED: "moved",
}


def can_move(current: str, target: str) -> bool:
    return PlacementStatus(target) in MOVES[PlacementStatus(current)]


def candidate_after_end(reason: str, other_open_placements: int) -> tuple[str, str | None]:
    """(the candidate's next status, outflow category or None) when a placement ends.

    Moving on ends the course (exited, with the outflow) unless they still hold another small
    job; otherwise they keep their other job (placed) or return to ready.
    """
    outflow = MOVING_ON.get(EndReason(reason))
    if other_open_placements:
        return "placed", None
    if outflow:
        return "exited", outflow
    return "ready", None
