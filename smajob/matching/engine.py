"""The matcher: explainable, globally optimal proposals. Pure (numpy/scipy, no Flask, no SQL).

`plan` fills as many free seats as possible and, among those plans, takes the one with the
highest total score (one assignment problem over every seat at once, not first come first
served), with each candidate proposed at most once per run. `shortlist` ranks every possible
candidate for one task; `explain` says why a pair is impossible, or why it fits.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from scipy.optimize import linear_sum_assignment

from smajob.matching import constraints, scoring
from smajob.matching.profiles import OpenTask, Proposal, ReadyCandidate, Reason, Weights

FORBIDDEN = -1e15


@dataclass(frozen=True)
class Explanation:
    possible: bool
    failures: tuple[Reason, ...]
    score_milli: int | None
    reasons: tuple[Reason, ...]


def _sorted(tasks: Iterable[OpenTask], candidates: Iterable[ReadyCandidate]):
    return (sorted(tasks, key=lambda t: t.task_id),
            sorted(candidates, key=lambda c: c.candidate_id))


def scored_pairs(tasks: Sequence[OpenTask], candidates: Sequence[ReadyCandidate],
                 excluded: frozenset[tuple[int, int]], weights: Weights,
                 today: date) -> dict[tuple[int, int], Proposal]:
    """Every possible (task, candidate) pair with its score and reasons."""
    pairs = {}
    for task in tasks:
        for candidate in candidates:
            key = (task.task_id, candidate.candidate_id)
            if constraints.possible(task, candidate, excluded=key in excluded):
                points, reasons = scoring.score(task, candidate, weights, today)
                pairs[key] = Proposal(task.task_id, candidate.candidate_id, points, reasons)
    return pairs


def plan(tasks: Iterable[OpenTask], candidates: Iterable[ReadyCandidate], *, today: date,
         weights: Weights | None = None,
         excluded: frozenset[tuple[int, int]] = frozenset()) -> list[Proposal]:
    """The best set of proposals: most seats filled, then the highest total score; ties are
    broken the same way every time (inputs are sorted by id first)."""
    tasks, candidates = _sorted(tasks, candidates)
    weights = weights or Weights()
    pairs = scored_pairs(tasks, candidates, excluded, weights, today)
    if not pairs:
        return []
    seats = [task for task in tasks for _ in range(max(task.free_seats, 0))]
    used = sorted({cid for _, cid in pairs})
    rows = {cid: i for i, cid in enumerate(used)}
    bonus = 1.0 + sum(p.score_milli for p in pairs.values() if p.score_milli > 0)
    matrix = np.full((len(used), len(seats) + len(used)), FORBIDDEN)
    for column, task in enumerate(seats):
        for cid in used:
            proposal = pairs.get((task.task_id, cid))
            if proposal is not None:  # filling a seat is worth more than any score difference
                matrix[rows[cid], column] = bonus + proposal.score_milli
    for row in rows.values():
        matrix[row, len(seats) + row] = 0.0  # the candidate is not proposed this run
    chosen_rows, chosen_cols = linear_sum_assignment(matrix, maximize=True)
    result = [pairs[(seats[col].task_id, used[row])]
              for row, col in zip(chosen_rows, chosen_cols, strict=True) if col < len(seats)]
    return sorted(result, key=lambda p: (p.task_id, -p.score_milli, p.candidate_id))


def shortlist(task: OpenTask, candidates: Iterable[ReadyCandidate], *, today: date,
              weights: Weights | None = None, excluded: frozenset[tuple[int, int]] = frozenset(),
              limit: int = 10) -> list[Proposal]:
    """The best candidates for one task, best first (ties by id)."""
    pairs = scored_pairs([task], list(candidates), excluded, weights or Weights(), today)
    ranked = sorted(pairs.values(), key=lambda p: (-p.score_milli, p.candidate_id))
    return ranked[:limit]


def explain(task: OpenTask, candidate: ReadyCandidate, *, today: date,
            weights: Weights | None = None, excluded: bool = False) -> Explanation:
    """'Why not Anna for this task?': every failed constraint, or the score and its reasons."""
    failed = constraints.failures(task, candidate, excluded=excluded,
                                  seat_free=task.free_seats > 0)
    if failed:
        return Explanation(False, tuple(failed), None, ())
    points, reasons = scoring.score(task, candidate, weights or Weights(), today)
    return Explanation(True, (), points, reasons)
