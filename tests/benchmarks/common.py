"""Timing helpers shared by the benchmarks."""

from __future__ import annotations

import resource
import statistics
import time
from collections.abc import Callable


def median_seconds(fn: Callable[[], object], *, repeat: int = 5, warmup: int = 1) -> float:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def row(bench: str, size: str, metric: str, value: float, unit: str,
        baseline: float | None = None) -> dict:
    """One JSON line; ratio = baseline / value for times (higher is better: × faster)."""
    ratio = round(baseline / value, 3) if baseline and value else None
    return {"bench": bench, "size": size, "metric": metric, "value": round(value, 6),
            "unit": unit, "baseline": None if baseline is None else round(baseline, 6),
            "ratio": ratio}
