"""Claim lines for payment by results: their life cycle and how recorded facts change them. Pure.

A claim line is one milestone reached by one candidate. It is drafted by the nightly job,
submitted by a consultant in a monthly batch per municipality, approved or rejected by jobcenter
staff of that municipality (never by the person who submitted it) and finally marked paid.
When facts change after a line was drafted, the line is flagged for review — never deleted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from smajob.permissions import Role
from smajob.results.rules import Milestone, Reached


class ClaimStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    REJECTED = "rejected"
    PAID = "paid"


class Action(StrEnum):
    SUBMIT = "submit"
    APPROVE = "approve"
    REJECT = "reject"
    PAY = "pay"
    REOPEN = "reopen"  # a rejected or flagged line back to draft after the facts were checked


# action → (statuses it may start from, the status it leads to, the roles that may take it)
TRANSITIONS: dict[Action, tuple[frozenset[ClaimStatus], ClaimStatus, frozenset[Role]]] = {
    Action.SUBMIT: (frozenset({ClaimStatus.DRAFT}), ClaimStatus.SUBMITTED,
                    frozenset({Role.CONSULTANT, Role.ADMIN})),
    Action.APPROVE: (frozenset({ClaimStatus.SUBMITTED}), ClaimStatus.APPROVED,
                     frozenset({Role.JOBCENTER})),
    Action.REJECT: (frozenset({ClaimStatus.SUBMITTED}), ClaimStatus.REJECTED,
                    frozenset({Role.JOBCENTER})),
    Action.PAY: (frozenset({ClaimStatus.APPROVED}), ClaimStatus.PAID,
                 frozenset({Role.CONSULTANT, Role.ADMIN})),
    Action.REOPEN: (frozenset({ClaimStatus.REJECTED, ClaimStatus.DRAFT}), ClaimStatus.DRAFT,
                    frozenset({Role.CONSULTANT, Role.ADMIN})),
}


@dataclass(frozen=True)
class LineState:
    status: ClaimStatus
    municipality_id: int
    has_evidence: bool
    flagged: bool = False
    submitted_by: int | None = None


@dataclass(frozen=True)
class Actor:
    id: int
    role: str
    municipality_id: int | None = None


def refusal(line: LineState, action: Action, actor: Actor) -> str | None:
    """Why `actor` may not take `action` on `line` (a code for a translated message), or None."""
    sources, _, roles = TRANSITIONS[action]
    if actor.role not in roles:
        return "role"
    if actor.role == Role.JOBCENTER and actor.municipality_id != line.municipality_id:
        return "municipality"
    if line.status not in sources:
        return "status"
    if action == Action.SUBMIT and not line.has_evidence:
        return "no_evidence"
    if action in (Action.SUBMIT, Action.APPROVE, Action.PAY) and line.flagged:
        return "flagged"
    if action == Action.APPROVE and line.submitted_by == actor.id:
        return "own_submission"
    return None


def next_status(action: Action) -> ClaimStatus:
    return TRANSITIONS[action][1]


@dataclass(frozen=True)
class ExistingLine:
    line_id: int
    candidate_id: int
    milestone: Milestone
    evidence_key: str  # a stable text of the evidence the line was drafted on
    flagged: bool = False


@dataclass(frozen=True)
class Reconciliation:
    new: list[tuple[int, Reached]]  # (candidate id, milestone reached) without a line yet
    flag: list[int]  # line ids whose milestone is no longer reached on the facts
    evidence_changed: list[int]  # still reached, on other evidence: flagged for a look too
    unflag: list[int]  # flagged lines whose milestone is reached again on the same evidence


def evidence_key(reached: Reached) -> str:
    e = reached.evidence
    return (f"h:{','.join(map(str, e.hours_entry_ids))}|p:{e.placement_id or ''}"
            f"|o:{e.outcome_id or ''}|d:{reached.reached_on.isoformat()}")


def reconcile(existing: Iterable[ExistingLine],
              reached: Iterable[tuple[int, Reached]]) -> Reconciliation:
    """Compare the lines we have with what the facts say now (both for the same candidates)."""
    now_reached = {(cid, r.milestone): r for cid, r in reached}
    lines = {(line.candidate_id, line.milestone): line for line in existing}
    new = [(cid, r) for (cid, m), r in sorted(now_reached.items()) if (cid, m) not in lines]
    flag, changed, unflag = [], [], []
    for key, line in sorted(lines.items()):
        current = now_reached.get(key)
        if current is None:
            if not line.flagged:
                flag.append(line.line_id)
        elif evidence_key(current) != line.evidence_key:
            if not line.flagged:
                changed.append(line.line_id)
        elif line.flagged:
            unflag.append(line.line_id)
    return Reconciliation(new, flag, changed, unflag)
