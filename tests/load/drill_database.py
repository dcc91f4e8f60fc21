"""Drill 1: the database restarted under load. The drill's private PostgreSQL server is restarted
(`pg_ctl restart -m fast`) and then stopped for OUTAGE_SECONDS and started again, while the
background clients keep going against the same gunicorn, which is never restarted.

Passes when, in every phase, each response is either the expected one or a friendly 503 (the
Danish error page for pages, a JSON error body for /api/) — no 500, no other 5xx, no connection
reset or timeout, no unexpected status — and requests succeed again within RECOVERY_LIMIT
seconds of the server being back, with the same gunicorn master and the same workers."""

from __future__ import annotations

import time
from pathlib import Path

from tests.benchmarks.common import row
from tests.load.cluster import Cluster
from tests.load.drill_clients import Clients, failures, tally

WARM_SECONDS = 5
AFTER_RESTART_SECONDS = 5
OUTAGE_SECONDS = 5
RECOVERY_LIMIT = 10.0
SETTLE_SECONDS = 3.0


def workers(master: int) -> set[int]:
    """The gunicorn master's child processes (its workers)."""
    try:
        text = Path(f"/proc/{master}/task/{master}/children").read_text()
    except OSError:
        return set()
    return {int(pid) for pid in text.split()}


def _recovered(clients: Clients, since: float, users: int) -> float:
    """Wait until every request of the last SETTLE_SECONDS succeeded (at least one per user);
    give up after a minute. Returns when that was seen."""
    deadline = since + 60
    while time.perf_counter() < deadline:
        time.sleep(0.5)
        now = time.perf_counter()
        recent = clients.between(max(since, now - SETTLE_SECONDS), now)
        if len(recent) >= users and all(h.verdict == "ok" for h in recent):
            return now
    return time.perf_counter()


def _phase(name: str, size: str, clients: Clients, users: int, fault) -> tuple[dict, list]:
    """Run `fault()` (returns the instant the server is up again) and measure until recovered."""
    begin = time.perf_counter()
    up, down_seconds = fault()
    end = _recovered(clients, up, users)
    hits = clients.between(begin, end)
    not_ok = [h for h in hits if h.verdict != "ok"]
    recovery = max([0.0] + [h.ended - up for h in not_ok])
    seen = (max(h.ended for h in not_ok) - min(h.started for h in not_ok)) if not_ok else 0.0
    line = {**row("drill", size, f"database {name}: recovery after the server is back",
                  recovery, "s"),
            "database_down_s": round(down_seconds, 2), "clients_saw_failures_s": round(seen, 2),
            **tally(hits)}
    return line, failures(hits)


def run(cluster: Cluster, clients: Clients, users: int, size: str, master: int,
        emit) -> list[str]:
    """The drill; emits its JSON lines and returns what went wrong (empty when it passed)."""
    problems: list[str] = []
    before = workers(master)
    start = time.perf_counter()
    time.sleep(WARM_SECONDS)
    warm = clients.between(start)
    emit({**row("drill", size, "database up: requests/s", len(warm) / WARM_SECONDS, "req/s"),
          **tally(warm)})
    if failures(warm) or not warm:
        problems.append(f"errors before any fault: {tally(warm)}")

    def restart():
        took = cluster.restart("fast")
        return time.perf_counter(), took

    def stop_and_start():
        began = time.perf_counter()
        cluster.stop("fast")
        time.sleep(OUTAGE_SECONDS)
        cluster.start()
        return time.perf_counter(), time.perf_counter() - began

    for name, fault in (("restart -m fast", restart),
                        (f"stopped {OUTAGE_SECONDS} s", stop_and_start)):
        line, bad = _phase(name, size, clients, users, fault)
        emit(line)
        if bad:
            problems.append(f"{name}: {len(bad)} bad responses, e.g. "
                            f"{[(h.path, h.status, h.verdict) for h in bad[:5]]}")
        if line["value"] > RECOVERY_LIMIT:
            problems.append(f"{name}: recovered after {line['value']:.1f} s "
                            f"(limit {RECOVERY_LIMIT} s)")
        time.sleep(AFTER_RESTART_SECONDS)
    after = workers(master)
    emit({**row("drill", size, "database: gunicorn workers replaced", len(before - after),
                "workers"), "master_alive": Path(f"/proc/{master}").exists(),
          "workers_before": len(before), "workers_after": len(after)})
    if before != after or not Path(f"/proc/{master}").exists():
        problems.append(f"gunicorn changed: workers {sorted(before)} → {sorted(after)}")
    return problems
