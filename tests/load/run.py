"""The load run's steps: migrate and seed, start gunicorn, measure, report."""

from __future__ import annotations

import gc
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict

from tests.benchmarks.common import row
from tests.load.users import Sample, User

ROLES = ("business", "consultant", "jobcenter")
TASK_LIST = "/opgaver/"


def _print(line: dict) -> None:
    print(json.dumps(line, ensure_ascii=False), flush=True)


def _seed(env: dict, size: str, users: int, bench: str = "load") -> dict:
    """Migrate with Alembic, then the demo and the bulk data in one transaction."""
    flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
    subprocess.run([*flask, "db", "upgrade"], env=env, check=True, capture_output=True)
    os.environ.update({k: v for k, v in env.items() if k.startswith("SMAJOB_")})
    from smajob import clock, create_app
    from smajob.demo import seed
    from smajob.extensions import db
    from tests.load import scale

    per_role = {role: users // 3 + (1 if i < users % 3 else 0) for i, role in enumerate(ROLES)}
    per_role["consultant"] += 8  # the throughput phase's clients log in as consultants
    app = create_app()
    started = time.perf_counter()
    with app.app_context():
        seed.run(now=clock.now())
        seeded = scale.seed(size, now=clock.now(), users_per_role=per_role)
        db.session.commit()
        # VACUUM as well as ANALYZE, then a checkpoint: otherwise autovacuum and the
        # checkpointer work through the freshly loaded tables in the middle of the measurement,
        # taking one of the two cores (and the disk) for a while.
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(db.text("VACUUM ANALYZE"))
            conn.execute(db.text("CHECKPOINT"))
        db.engine.dispose()
    # This process is also the load generator: the seeding's objects are garbage or for good,
    # so the collector need not walk them while the clients' threads are timing requests.
    gc.collect()
    gc.freeze()
    _print({"bench": bench, "size": size, "metric": "seed_seconds",
            "value": round(time.perf_counter() - started, 1), "unit": "s", "baseline": None,
            "ratio": None, **seeded.counts})
    return {"users": seeded.users, "placements": seeded.placement_ids}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _gunicorn(env: dict, workers: int, log: str) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--worker-class", "sync",
         "--bind", f"127.0.0.1:{port}", "--timeout", "60", "--log-level", "warning", "wsgi:app"],
        env=env, stdout=open(log, "w"), stderr=subprocess.STDOUT)  # noqa: SIM115
    base = f"http://127.0.0.1:{port}"
    import requests

    for _ in range(120):
        try:
            if requests.get(base + "/healthz", timeout=5).status_code == 200:
                return process, base
        except requests.RequestException:
            time.sleep(0.5)
    process.terminate()
    process.wait(timeout=30)
    raise RuntimeError(f"gunicorn did not start; see {log}")


def _pct(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def _drive(users: list[User], seconds: float, step) -> float:
    """Run `step(user, n)` in a thread per user until the time is up; the elapsed seconds."""
    stop = time.perf_counter() + seconds
    errors: list[BaseException] = []

    def loop(user: User) -> None:
        n = 0
        try:
            while time.perf_counter() < stop:
                step(user, n)
                n += 1
        except Exception as error:  # a broken response is a failed run, not a silent thread
            errors.append(error)

    threads = [threading.Thread(target=loop, args=(u,)) for u in users]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise RuntimeError(f"{len(errors)} simulated users failed: {errors[0]!r}")
    return time.perf_counter() - start


def _report(size: str, samples: list[Sample], elapsed: float) -> int:
    by_endpoint: dict[str, list[Sample]] = defaultdict(list)
    for sample in samples:
        by_endpoint[sample.endpoint].append(sample)
    failed = 0
    for endpoint, rows in sorted(by_endpoint.items()):
        seconds = [s.seconds for s in rows]
        bad = [s.status for s in rows if not s.ok]
        failed += len(bad)
        _print({**row("load", size, f"{endpoint} p50", statistics.median(seconds), "s"),
                "p95": round(_pct(seconds, 0.95), 4), "p99": round(_pct(seconds, 0.99), 4),
                "requests": len(rows), "rps": round(len(rows) / elapsed, 1), "errors": len(bad),
                "error_statuses": sorted(set(bad))})
    total = len(samples)
    _print({**row("load", size, "all requests/s", total / elapsed, "req/s"),
            "requests": total, "errors": failed})
    return failed


def everything(args, env: dict, *, log: str) -> int:
    from smajob import clock

    seeded = _seed(env, args.size, args.users)
    process, base = _gunicorn(env, args.workers, log)
    today = clock.today()
    try:
        probes = [User(base, "consultant", email) for email in seeded["users"]["consultant"][-8:]]
        for probe in probes:
            probe.log_in()
        size = f"{args.size}, {args.workers} sync workers, 8 clients"
        rates = {}
        for name, path in (("healthz", "/healthz"), ("task list", TASK_LIST)):
            for probe in probes:
                probe.samples.clear()
            elapsed = _drive(probes, args.burst,
                             lambda u, n, p=path, e=name: u.get_bare(e, p))
            samples = [s for p in probes for s in p.samples]
            if any(not s.ok for s in samples):
                raise RuntimeError(f"{name}: errors {sorted({s.status for s in samples})}")
            seconds = [s.seconds for s in samples]
            rates[name] = len(samples) / elapsed
            _print({**row("throughput", size, f"{name} req/s", rates[name], "req/s"),
                    "p50": round(statistics.median(seconds), 4),
                    "p99": round(_pct(seconds, 0.99), 4)})
        _print(row("throughput", size, "task list share of healthz",
                   rates["task list"] / rates["healthz"], "ratio"))
        users = _users(base, seeded, args.users)
        elapsed = _drive(users, args.seconds, lambda u, n: u.round(n, today))
        size = f"{args.size}, {args.users} users, {args.seconds} s, {args.workers} workers"
        failed = _report(size, [s for u in users for s in u.samples], elapsed)
    finally:
        process.terminate()
        process.wait(timeout=30)
    return 1 if failed else 0


def _users(base: str, seeded: dict, count: int) -> list[User]:
    users = []
    consultants = seeded["users"]["consultant"][:-8]
    placements = seeded["placements"]
    for role in ROLES:
        emails = consultants if role == "consultant" else seeded["users"][role]
        for index, email in enumerate(emails):
            user = User(base, role, email)
            if role == "consultant":  # each consultant records hours on placements of its own
                user.placements = placements[index::len(emails)][:50]
            user.log_in()
            users.append(user)
    assert len(users) == count, (len(users), count)
    return users
