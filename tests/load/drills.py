"""The fault drills (`make load` after the load phase; `python -m tests.load --drills-only`).

A private PostgreSQL server (tests/load/cluster.py: initdb into a temporary directory, run as
the `postgres` user on a free loopback port — the machine's shared server is never touched),
migrated and seeded; gunicorn against it; ten signed-in users across the roles in threads
(tests/load/drill_clients.py) for the whole run. Then, in order:

1. the database restarted and stopped under load (drill_database.py);
2. two `flask smajob scheduler` processes at once (drill_scheduler.two_schedulers);
3. a scheduler SIGKILLed in the middle of the milestone job, then started again
   (drill_scheduler.killed_mid_job).

Every process and the server are cleaned up, also when a drill fails. JSON lines like
tests/benchmarks with "bench": "drill"; returns 1 when any drill failed."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.benchmarks.common import row
from tests.load import drill_database, drill_scheduler, run
from tests.load.cluster import Cluster
from tests.load.drill_clients import Clients, failures, tally
from tests.load.users import User

DATABASE = "smajob_drill"
CLIENTS = {"business": 3, "consultant": 4, "jobcenter": 3}


class Processes:
    """Every child process a drill starts, so that all of them are ended however it ends."""

    def __init__(self) -> None:
        self.started: list[subprocess.Popen] = []

    def add(self, process: subprocess.Popen) -> subprocess.Popen:
        self.started.append(process)
        return process

    def end_all(self) -> None:
        for process in self.started:
            if process.poll() is None:
                process.terminate()
        for process in self.started:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def _database(cluster: Cluster) -> str:
    admin = create_engine(make_url(cluster.url).set(drivername="postgresql+psycopg"),
                          isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{DATABASE}"'))
    admin.dispose()
    return make_url(cluster.url).set(database=DATABASE).render_as_string(hide_password=False)


def _users(base: str, seeded: dict) -> list[User]:
    users = []
    for role, count in CLIENTS.items():
        for email in seeded["users"][role][:count]:
            user = User(base, role, email)
            user.log_in()
            users.append(user)
    return users


def main(args, size: str) -> int:
    from tests.load.__main__ import app_env

    # a plain `kill` of this process still ends the children and the server (via `finally`)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    cluster, processes, clients = Cluster(), Processes(), None
    logs = Path(tempfile.mkdtemp(prefix="smajob-drill-logs-"))
    problems: list[str] = []
    try:
        started = time.perf_counter()
        cluster.create()
        run._print(row("drill", size, "private PostgreSQL server ready",
                       time.perf_counter() - started, "s"))
        env = app_env(_database(cluster))
        seeded = run._seed(env, size, 9, bench="drill")  # 3 a role, and 8 more consultants
        gunicorn, base = run._gunicorn(env, args.workers, str(logs / "gunicorn.log"))
        processes.add(gunicorn)
        users = _users(base, seeded)
        clients = Clients(users).start()
        problems += [f"database drill: {p}" for p in drill_database.run(
            cluster, clients, len(users), size, gunicorn.pid, run._print)]
        jobs_started = time.perf_counter()
        drills = drill_scheduler.Drills(env, processes, size, run._print, logs)
        problems += [f"two schedulers: {p}" for p in drills.two_schedulers()]
        problems += [f"killed mid-job: {p}" for p in drills.killed_mid_job()]
        during = clients.between(jobs_started)
        run._print({**row("drill", size, "scheduler drills: web requests/s",
                          len(during) / (time.perf_counter() - jobs_started), "req/s"),
                    **tally(during)})
        if failures(during):
            problems.append(f"web errors during the scheduler drills: {tally(during)}")
    except Exception as error:  # a drill that cannot run is a failed drill, with its reason
        problems.append(f"drill aborted: {error!r}")
        (logs / "postgresql.log").write_text(cluster.log_tail(200))
    finally:
        if clients is not None:
            clients.stop()
        processes.end_all()
        cluster.destroy()
    for problem in problems:
        print(f"DRILL FAILED: {problem}", file=sys.stderr)
    if problems:
        print(f"The drills' logs (gunicorn, schedulers, server): {logs}", file=sys.stderr)
    else:
        shutil.rmtree(logs, ignore_errors=True)
    run._print(row("drill", size, "drills failed", len(problems), "drills"))
    return 1 if problems else 0
