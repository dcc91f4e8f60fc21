"""Drills 2 and 3, while the web load goes on. The schedulers are real `flask smajob scheduler`
processes on the compressed drill schedule (SMAJOB_SCHEDULER_EVERY_SECONDS=EVERY: every job
every EVERY seconds, in the declared order, spread over the period).

2. Two schedulers at once for CYCLES periods: every (job, slot) runs its body at most once — the
   other process records a skip — no slot inside the window is lost, no job effect is doubled,
   and running every job once more by hand afterwards changes nothing (nothing left undone).
3. The draft claim lines are removed (so the milestone job has its full work again), one
   scheduler is started and SIGKILLed while the milestone job holds its lock; nothing of that
   run may remain (no lines, no run row); a new scheduler then completes it on its next slot with
   every line exactly once, and another run by hand adds none."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, text

from smajob.config import normalise_database_url
from tests.benchmarks.common import row
from tests.load import drill_checks as checks

EVERY = 20
CYCLES = 3
JOB = "detect_milestones"
RUNNING = "Scheduler running"  # what `flask smajob scheduler` prints before it starts
ATTEMPTS = 3


class Drills:
    def __init__(self, env: dict, processes, size: str, emit, logs: Path) -> None:
        self.env = {**env, "SMAJOB_SCHEDULER_EVERY_SECONDS": str(EVERY), "PYTHONUNBUFFERED": "1"}
        self.processes, self.size, self.emit, self.logs = processes, size, emit, logs
        self.engine = create_engine(normalise_database_url(env["SMAJOB_DATABASE_URL"]),
                                    isolation_level="AUTOCOMMIT")

    def _scheduler(self) -> subprocess.Popen:
        log = tempfile.mkstemp(prefix="scheduler-", suffix=".log", dir=self.logs)[1]
        process = self.processes.add(subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "wsgi", "smajob", "scheduler"],
            env=self.env, stdout=open(log, "w"), stderr=subprocess.STDOUT))  # noqa: SIM115
        process.log = Path(log)
        return process

    @staticmethod
    def _until_running(processes: list[subprocess.Popen]) -> datetime:
        """Wait until every scheduler has printed that it runs (importing the app under load
        takes seconds); the moment they all did."""
        deadline = time.perf_counter() + 120
        while time.perf_counter() < deadline:
            if all(RUNNING in p.log.read_text() for p in processes):
                return datetime.now(UTC)
            if any(p.poll() is not None for p in processes):
                raise RuntimeError(f"a scheduler exited: {[p.log.read_text() for p in processes]}")
            time.sleep(0.2)
        raise RuntimeError("the schedulers did not start within 2 minutes")

    @staticmethod
    def _end(process: subprocess.Popen, sig: int = signal.SIGINT) -> None:
        if process.poll() is None:
            os.kill(process.pid, sig)
        process.wait(timeout=300)

    def _run_every_job_by_hand(self) -> dict[str, int]:
        """Each job once more, in this process: the effects it still finds to make."""
        from smajob import create_app, scheduler

        app = create_app()
        made = {}
        for spec in scheduler.JOBS:
            run = scheduler.run_job(app, spec.id, trigger="manual")
            made[spec.id] = run.outcome
        with app.app_context():
            from smajob.extensions import db

            db.engine.dispose()
        return made

    def two_schedulers(self) -> list[str]:
        with self.engine.connect() as conn:
            before = checks.effect_counts(conn)
        launched = datetime.now(UTC)
        pair = [self._scheduler(), self._scheduler()]
        both = self._until_running(pair)
        time.sleep(CYCLES * EVERY + 2)
        stopped = datetime.now(UTC)
        for process in pair:  # like Ctrl+C: no new runs, the running ones finish
            os.kill(process.pid, signal.SIGINT)
        for process in pair:
            process.wait(timeout=300)
        with self.engine.connect() as conn:
            slots = checks.runs_by_slot(conn, launched, EVERY)
            after = checks.effect_counts(conn)
            doubled = checks.duplicates(conn)
        # the slots both processes were surely up for, and whose job was done before the stop
        window = checks.slots_between(both + timedelta(seconds=1),
                                      stopped - timedelta(seconds=6), EVERY)
        summary, problems = checks.judge_slots(slots, window, EVERY)
        outcomes = self._run_every_job_by_hand()
        with self.engine.connect() as conn:
            rerun = checks.effect_counts(conn)
        self.emit({**row("drill", self.size, "two schedulers: job bodies run twice in a slot",
                         summary.pop("twice"), "slots"), **summary, "every_s": EVERY,
                   "cycles": CYCLES, "effects_made": {k: after[k] - before[k] for k in after},
                   "duplicate_effect_keys": sum(doubled.values()),
                   "left_for_a_rerun": {k: rerun[k] - after[k] for k in rerun
                                        if rerun[k] != after[k]}})
        if any(doubled.values()):
            problems.append(f"duplicated effects: {doubled}")
        if rerun != after or any(o != "success" for o in outcomes.values()):
            problems.append(f"a rerun by hand still found work or failed: {outcomes}")
        return problems

    def killed_mid_job(self) -> list[str]:
        # First try to kill it once its lines are written but not committed (the worst moment);
        # a job too quick to catch there is killed a tenth of a second after it took its lock.
        for attempt, writing in enumerate((True,) * ATTEMPTS + (False,), start=1):
            with self.engine.connect() as conn:  # the job's full work again
                expected = conn.execute(text("DELETE FROM result_claim WHERE status = 'draft' "
                                             "AND batch_id IS NULL")).rowcount
            outcome = self._kill_once(expected, attempt, writing)
            if outcome != "missed":
                return outcome
        return [f"the milestone job finished before it could be killed, {attempt} times"]

    def _kill(self, conn, victim: subprocess.Popen, writing: bool) -> dict | str:
        """SIGKILL the scheduler while JOB runs; when and during which statement."""
        deadline = time.perf_counter() + 2 * EVERY + 15
        while (holder := checks.lock_holder(conn, JOB)) is None:
            if time.perf_counter() > deadline:
                return "never started"
            time.sleep(0.005)
        seen = time.perf_counter()
        while True:
            statement = checks.statement_of(conn, holder, JOB)
            if statement is None:
                return "missed"  # the job ended (its session let go of the lock)
            if not writing and time.perf_counter() - seen >= 0.1:
                break
            if writing and checks.WRITING.match(statement):
                break
            time.sleep(0.005)
        os.kill(victim.pid, signal.SIGKILL)
        return {"seen": seen, "killed": time.perf_counter(), "during": statement[:60]}

    def _kill_once(self, expected: int, attempt: int, writing: bool) -> list[str] | str:
        victim = self._scheduler()
        launched = datetime.now(UTC)
        with self.engine.connect() as conn:
            kill = self._kill(conn, victim, writing)
            if isinstance(kill, str):
                self._end(victim)
                return "missed" if kill == "missed" else [f"{JOB} {kill}"]
            victim.wait(timeout=30)
            killed = kill["killed"]
            while checks.lock_holder(conn, JOB) is not None and time.perf_counter() < killed + 30:
                time.sleep(0.05)
            freed = time.perf_counter()
            left = conn.execute(text("SELECT count(*) FROM result_claim")).scalar()
            rows = conn.execute(text("SELECT count(*) FROM job_run WHERE job_id = :j AND "
                                     "started_at >= :t"), {"j": JOB, "t": launched.replace(
                                         tzinfo=None)}).scalar()
            half = checks.running_runs(conn)
        restarted = time.perf_counter()
        rescuer = self._scheduler()
        ready = self._until_running([rescuer])
        ready_s = time.perf_counter() - restarted - (datetime.now(UTC) - ready).total_seconds()
        done = self._wait_for_run(launched)
        finished = time.perf_counter()
        self._end(rescuer)
        with self.engine.connect() as conn:
            lines = conn.execute(text("SELECT count(*) FROM result_claim")).scalar()
            doubled = checks.duplicates(conn)["result_claim"]
        from smajob import create_app, scheduler

        again = scheduler.run_job(create_app(), JOB, trigger="manual")
        problems = []
        self.emit({**row("drill", self.size, "killed mid-job: next run completes after restart",
                         finished - restarted, "s"),
                   "job": JOB, "attempt": attempt, "killed_during": kill["during"],
                   "killed_after_lock_s": round(killed - kill["seen"], 3),
                   "lock_freed_after_kill_s": round(freed - killed, 3),
                   "lines_left_by_killed_run": left, "run_rows_left_by_killed_run": rows,
                   "running_rows": half, "new_scheduler_ready_s": round(ready_s, 2),
                   "completing_run_s": done.get("seconds"),
                   "new_lines": done.get("new_lines"), "expected_lines": expected,
                   "lines": lines, "duplicate_lines": doubled,
                   "new_lines_on_a_further_run": (again.counts or {}).get("new_lines")})
        if left or rows or half:
            problems.append(f"the killed run left {left} lines, {rows} run rows, {half} running")
        if done.get("new_lines") != expected or lines != expected or doubled:
            problems.append(f"completing run made {done.get('new_lines')} lines, table has "
                            f"{lines}, expected {expected}, {doubled} doubled")
        if (again.counts or {}).get("new_lines") != 0:
            problems.append(f"a further run still drafted lines: {again.counts}")
        return problems

    def _wait_for_run(self, since: datetime) -> dict:
        deadline = time.perf_counter() + 2 * EVERY + 30
        with self.engine.connect() as conn:
            while time.perf_counter() < deadline:
                found = conn.execute(text(
                    "SELECT started_at, finished_at, counts FROM job_run WHERE job_id = :j "
                    "AND started_at >= :t AND outcome = 'success' ORDER BY id LIMIT 1"),
                    {"j": JOB, "t": since.replace(tzinfo=None)}).mappings().first()
                if found:
                    seconds = (found["finished_at"] - found["started_at"]).total_seconds()
                    return {"seconds": round(seconds, 2), **(found["counts"] or {})}
                time.sleep(0.5)
        return {}


