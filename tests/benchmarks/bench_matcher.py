"""The matcher over generated seats and candidates, in the same run against (1) a naive Python
double loop over every pair with a greedy assignment (best pair first) and (2) scipy's dense
`linear_sum_assignment` on the full matrix where it fits: time as ratios, and how many more seats
the plan fills and how much more score it finds than greedy (quality, not speed). At national
scale only the engine runs (the naive loop would take tens of minutes), with its peak memory."""

from __future__ import annotations

import random
from datetime import date

from tests.benchmarks.common import median_seconds, row

TODAY = date(2026, 11, 16)
SIZES = ((50, 50), (200, 300), (1000, 3000))  # seats (tasks) × candidates; the last: a municipality
NATIONAL = (20_000, 50_000)


def _instance(seats: int, people: int, rng: random.Random):
    from smajob.matching.profiles import OpenTask, ReadyCandidate
    from smajob.matching.vocabulary import CandidateLimit, TaskTrait
    from smajob.weekly import Window

    def windows(count):
        days = rng.sample(range(5), count)
        start = rng.choice([480, 540, 600])
        return tuple(Window(d, start, start + rng.choice([180, 240])) for d in days)

    spread = 0.3 if people <= 5000 else 3.0  # a municipality, or the whole country

    def lat():
        return 54.7 + (2.3 if spread < 1 else 0) + rng.random() * spread

    def lon():
        return 8.3 + (1.5 if spread < 1 else 0) + rng.random() * spread * 1.3

    tasks = [OpenTask(i, rng.randint(1, seats // 3 + 1), rng.randint(1, 10), "opgave", "task",
                      windows(rng.randint(2, 3)), "9000", lat(), lon(),
                      traits=frozenset(rng.sample(list(TaskTrait), rng.randint(0, 2))),
                      free_seats=rng.choice([1, 1, 2]))
             for i in range(1, seats + 1)]
    candidates = [ReadyCandidate(i, windows(rng.randint(3, 5)), rng.choice([600, 900, 1200]),
                                 rng.choice([300, 480, 600]), "9000", lat(), lon(),
                                 date(2026, rng.randint(1, 11), 1),
                                 max_travel_km=rng.choice([5.0, 10.0, 20.0]),
                                 categories=tuple(rng.sample(range(1, 11), 3)),
                                 limits=frozenset(rng.sample(list(CandidateLimit),
                                                             rng.randint(0, 1))),
                                 current_minutes=rng.choice([0, 0, 0, 240]))
                  for i in range(1, people + 1)]
    return tasks, candidates


def greedy(tasks, candidates):
    """The naive baseline: score every pair, then take the best remaining pair first."""
    from smajob.matching.engine import scored_pairs
    from smajob.matching.profiles import Weights

    pairs = scored_pairs(tasks, candidates, frozenset(), Weights(), TODAY)
    seats = {t.task_id: t.free_seats for t in tasks}
    taken, result = set(), []
    for proposal in sorted(pairs.values(), key=lambda p: (-p.score_milli, p.task_id,
                                                          p.candidate_id)):
        if seats[proposal.task_id] > 0 and proposal.candidate_id not in taken:
            seats[proposal.task_id] -= 1
            taken.add(proposal.candidate_id)
            result.append(proposal)
    return result


def dense(tasks, candidates):
    """scipy's dense assignment on the full candidate × seat matrix (where it fits)."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    from smajob.matching.engine import edges

    scores = edges(tasks, candidates, today=TODAY)
    seats = [t.task_id for t in tasks for _ in range(t.free_seats)]
    people = sorted({c for _, c in scores})
    rows = {c: i for i, c in enumerate(people)}
    matrix = np.full((len(people), len(seats) + len(people)), -1e12)
    for column, task_id in enumerate(seats):
        for cid in people:
            if (task_id, cid) in scores:
                matrix[rows[cid], column] = 1e7 + scores[(task_id, cid)]
    matrix[np.arange(len(people)), len(seats) + np.arange(len(people))] = 0
    r, c = linear_sum_assignment(matrix, maximize=True)
    return [(seats[j], people[i]) for i, j in zip(r, c, strict=True) if j < len(seats)]


def run():
    from smajob.matching.engine import edges, plan
    from tests.benchmarks.common import peak_rss_mib

    rng = random.Random(11)
    for seats, people in SIZES:
        tasks, candidates = _instance(seats, people, rng)
        size = f"{people}x{seats}"
        took = median_seconds(lambda t=tasks, c=candidates: plan(t, c, today=TODAY), repeat=3)
        naive = median_seconds(lambda t=tasks, c=candidates: greedy(t, c), repeat=1, warmup=0)
        yield row("matcher.plan", size, "time_vs_naive_loop", took, "s", naive)
        dense_time = median_seconds(lambda t=tasks, c=candidates: dense(t, c), repeat=1,
                                    warmup=0)
        yield row("matcher.plan", size, "time_vs_dense_lsa", took, "s", dense_time)
        best, greedy_result = plan(tasks, candidates, today=TODAY), greedy(tasks, candidates)
        yield _gain(row("matcher.plan", size, "feasible_pairs",
                        len(edges(tasks, candidates, today=TODAY)), "pairs", None))
        yield _gain(row("matcher.plan", size, "seats_filled", len(best), "seats",
                        len(greedy_result)))
        yield _gain(row("matcher.plan", size, "total_score",
                        sum(p.score_milli for p in best) / 1000, "points",
                        sum(p.score_milli for p in greedy_result) / 1000))
    seats, people = NATIONAL
    tasks, candidates = _instance(seats, people, rng)
    size = f"{people}x{seats}"
    took = median_seconds(lambda: plan(tasks, candidates, today=TODAY), repeat=1, warmup=0)
    yield row("matcher.plan", size, "time", took, "s", None)
    yield row("matcher.plan", size, "peak_rss", peak_rss_mib(), "MiB", None)
    yield row("matcher.plan", size, "feasible_pairs",
              len(edges(tasks, candidates, today=TODAY)), "pairs", None)


def _gain(line: dict) -> dict:
    """For quality figures the ratio is plan ÷ greedy: above 1 means the plan does better."""
    line["ratio"] = round(line["value"] / line["baseline"], 3) if line["baseline"] else None
    return line
