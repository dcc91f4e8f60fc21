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
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

from smajob.matching import constraints, scoring, vectorised
from smajob.matching.profiles import OpenTask, Proposal, ReadyCandidate, Reason, Weights


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


def edges(tasks: Sequence[OpenTask], candidates: Sequence[ReadyCandidate], *, today: date,
          weights: Weights | None = None,
          excluded: frozenset[tuple[int, int]] = frozenset()) -> dict[tuple[int, int], int]:
    """{(task id, candidate id): score} for every possible pair (vectorised, regional blocks)."""
    return vectorised.scored_edges(tasks, candidates, excluded, weights or Weights(), today)


def _proposal(task: OpenTask, candidate: ReadyCandidate, score_milli: int, weights: Weights,
              today: date) -> Proposal:
    _, reasons = scoring.score(task, candidate, weights, today)
    return Proposal(task.task_id, candidate.candidate_id, score_milli, reasons)


def plan(tasks: Iterable[OpenTask], candidates: Iterable[ReadyCandidate], *, today: date,
         weights: Weights | None = None, excluded: frozenset[tuple[int, int]] = frozenset(),
         pair_scores: dict[tuple[int, int], int] | None = None) -> list[Proposal]:
    """The best set of proposals: most seats filled, then the highest total score; ties are
    broken the same way every time (inputs are sorted by id first).

    One sparse assignment problem: a row per free seat (of tasks someone fits), a column per
    candidate plus one "left empty" column per seat (so a full matching always exists, however
    many seats nobody fits), costs all positive (the solver drops zeros).
    """
    tasks, candidates = _sorted(tasks, candidates)
    weights = weights or Weights()
    scores = pair_scores if pair_scores is not None else edges(
        tasks, candidates, today=today, weights=weights, excluded=excluded)
    if not scores:
        return []
    by_task = {t.task_id: t for t in tasks}
    by_person = {c.candidate_id: c for c in candidates}
    wanted = {task_id for task_id, _ in scores}
    seats = [task.task_id for task in tasks if task.task_id in wanted
             for _ in range(max(task.free_seats, 0))]
    first_seat, offset = {}, 0
    for task in tasks:
        if task.task_id in wanted:
            first_seat[task.task_id] = offset
            offset += max(task.free_seats, 0)
    used = sorted({cid for _, cid in scores})
    columns = {cid: i for i, cid in enumerate(used)}
    keys = list(scores)
    values = np.fromiter((scores[k] for k in keys), dtype=np.int64, count=len(keys))
    low, high = int(values.min()), int(values.max())
    # filling one more seat must beat any difference in score among fewer seats
    bonus = (high - low) * min(len(used), len(seats)) + abs(low) + 1
    ceiling = bonus + high + 1
    pair_columns = np.fromiter((columns[c] for _, c in keys), dtype=np.int64, count=len(keys))
    starts = np.fromiter((first_seat[t] for t, _ in keys), dtype=np.int64, count=len(keys))
    counts = np.fromiter((by_task[t].free_seats for t, _ in keys), dtype=np.int64,
                         count=len(keys))
    # a row per seat, an edge to each candidate who fits its task, and the seat's own
    # "left empty" column so a full matching of the seats always exists
    rows = np.repeat(starts, counts) + (np.arange(counts.sum()) - np.repeat(
        np.cumsum(counts) - counts, counts))
    cols = np.repeat(pair_columns, counts)
    cost = np.repeat((ceiling - (bonus + values)).astype(float), counts)
    empty = np.arange(len(seats))
    graph = csr_matrix((np.concatenate([cost, np.full(len(seats), float(ceiling))]),
                        (np.concatenate([rows, empty]), np.concatenate([cols, len(used) + empty]))),
                       shape=(len(seats), len(used) + len(seats)))
    seat_rows, chosen_cols = min_weight_full_bipartite_matching(graph)
    result = [_proposal(by_task[seats[row]], by_person[used[col]],
                        scores[(seats[row], used[col])], weights, today)
              for row, col in zip(seat_rows, chosen_cols, strict=True) if col < len(used)]
    return sorted(result, key=lambda p: (p.task_id, -p.score_milli, p.candidate_id))


def shortlists(tasks: Sequence[OpenTask], candidates: Sequence[ReadyCandidate], *, today: date,
               pair_scores: dict[tuple[int, int], int], weights: Weights | None = None,
               limit: int = 5) -> dict[int, list[Proposal]]:
    """Each task's best candidates (reasons computed only for those shown)."""
    weights = weights or Weights()
    by_task = {t.task_id: t for t in tasks}
    by_person = {c.candidate_id: c for c in candidates}
    ranked: dict[int, list[tuple[int, int]]] = {}
    for (task_id, cid), value in pair_scores.items():
        ranked.setdefault(task_id, []).append((-value, cid))
    return {task_id: [_proposal(by_task[task_id], by_person[cid], -neg, weights, today)
                      for neg, cid in sorted(pairs)[:limit]]
            for task_id, pairs in ranked.items()}


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
