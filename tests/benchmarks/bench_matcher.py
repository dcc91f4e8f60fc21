"""The matcher over generated seats and candidates: the global plan against a greedy pass (best
pair first) in the same run — time as a ratio, and how many more seats the plan fills and how
much more score it finds (quality, not speed)."""

from __future__ import annotations

import random
from datetime import date

from tests.benchmarks.common import median_seconds, row

TODAY = date(2026, 11, 16)
SIZES = ((50, 50), (200, 300), (500, 1000))


def _instance(seats: int, people: int, rng: random.Random):
    from smajob.matching.profiles import OpenTask, ReadyCandidate
    from smajob.matching.vocabulary import CandidateLimit, TaskTrait
    from smajob.weekly import Window

    def windows(count):
        days = rng.sample(range(5), count)
        start = rng.choice([480, 540, 600])
        return tuple(Window(d, start, start + rng.choice([180, 240])) for d in days)

    tasks = [OpenTask(i, rng.randint(1, seats // 3 + 1), rng.randint(1, 10), "opgave", "task",
                      windows(rng.randint(2, 3)), "9000", 57.0 + rng.random() * 0.3,
                      9.8 + rng.random() * 0.3,
                      traits=frozenset(rng.sample(list(TaskTrait), rng.randint(0, 2))),
                      free_seats=rng.choice([1, 1, 2]))
             for i in range(1, seats + 1)]
    candidates = [ReadyCandidate(i, windows(rng.randint(3, 5)), rng.choice([600, 900, 1200]),
                                 rng.choice([300, 480, 600]), "9000", 57.0 + rng.random() * 0.3,
                                 9.8 + rng.random() * 0.3, date(2026, rng.randint(1, 11), 1),
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


def run():
    from smajob.matching.engine import plan

    rng = random.Random(11)
    for seats, people in SIZES:
        tasks, candidates = _instance(seats, people, rng)
        size = f"{seats}x{people}"
        repeat = 3 if seats < 500 else 1
        base = median_seconds(lambda t=tasks, c=candidates: greedy(t, c), repeat=repeat)
        took = median_seconds(lambda t=tasks, c=candidates: plan(t, c, today=TODAY),
                              repeat=repeat)
        yield row("matcher.plan", size, "time", took, "s", base)
        best, naive = plan(tasks, candidates, today=TODAY), greedy(tasks, candidates)
        yield _gain(row("matcher.plan", size, "seats_filled", len(best), "seats", len(naive)))
        yield _gain(row("matcher.plan", size, "total_score",
                        sum(p.score_milli for p in best) / 1000, "points",
                        sum(p.score_milli for p in naive) / 1000))


def _gain(line: dict) -> dict:
    """For quality figures the ratio is plan ÷ greedy: above 1 means the plan does better."""
    line["ratio"] = round(line["value"] / line["baseline"], 3) if line["baseline"] else None
    return line
