"""What the scheduler drills read back from the database: job runs grouped by slot, the effects
of the jobs and their duplicates, and whether a job's advisory lock is held."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta

from sqlalchemy import text

from smajob import scheduler
from smajob.system import triggers

# Each job effect and the key it may have only once (whatever the database constraints say).
EFFECTS = {
    "result_claim": ("candidate_id, milestone", "true"),
    "invoice": ("period_key", "period_key IS NOT NULL"),
    "invoice_line": ("entry_id", "entry_id IS NOT NULL AND NOT is_adjustment"),
    "hours_reminder": ("placement_id, week_start", "true"),
    "outcome": ("candidate_id, course_end, months_after", "true"),
    "hours_event": ("entry_id", "action = 'auto_confirmed'"),
    "candidate_event": ("candidate_id, note", "action = 'deadline_alert'"),
    "outbox_message": ("recipient, kind, subject, body",
                       "kind IN ('hours_missing', 'hours_auto_confirmed', 'candidate_deadline',"
                       " 'task_expired')"),
}


def _offset(job_id: str, every: int) -> float:
    ids = [spec.id for spec in scheduler.JOBS]
    return every * ids.index(job_id) / len(ids)


def slot_number(job_id: str, started: datetime, every: int) -> int:
    """Which period of the compressed schedule a run started in — computed here from the
    schedule's definition, not read from the app's own bookkeeping."""
    return int(((started - triggers.EPOCH).total_seconds() - _offset(job_id, every)) // every)


def fire_time(job_id: str, number: int, every: int) -> datetime:
    return triggers.EPOCH + timedelta(seconds=_offset(job_id, every) + number * every)


def overran(slots: dict, job_id: str, number: int, every: int) -> bool:
    """Whether an earlier run of the job was still going when this slot fired (the scheduler
    then leaves the slot out: one instance at a time; the next run catches up)."""
    fired = fire_time(job_id, number, every)
    return any(r["started_at"] <= fired <= (r["finished_at"] or fired)
               for (job, n), rows in slots.items() if job == job_id and n < number
               for r in rows if r["outcome"] != "skipped")


def slots_between(start: datetime, end: datetime, every: int) -> set[tuple[str, int]]:
    """Every (job, slot) of the compressed schedule whose fire time lies in [start, end]."""
    found = set()
    for spec in scheduler.JOBS:
        first, last = slot_number(spec.id, start, every), slot_number(spec.id, end, every)
        found |= {(spec.id, n) for n in range(first + 1, last + 1)}
    return found


def runs_by_slot(conn, since: datetime, every: int) -> dict[tuple[str, int], list[dict]]:
    rows = conn.execute(text(
        "SELECT job_id, started_at, finished_at, outcome, counts, slot FROM job_run "
        "WHERE trigger = 'schedule' AND started_at >= :since ORDER BY id"),
        {"since": since.replace(tzinfo=None)}).mappings()
    slots: dict[tuple[str, int], list[dict]] = defaultdict(list)
    for found in rows:
        found = {**found, "started_at": found["started_at"].replace(tzinfo=UTC),
                 "finished_at": found["finished_at"] and found["finished_at"].replace(tzinfo=UTC),
                 "slot": found["slot"] and found["slot"].replace(tzinfo=UTC)}
        key = (found["job_id"], slot_number(found["job_id"], found["started_at"], every))
        slots[key].append(found)
    return slots


def effect_counts(conn) -> dict[str, int]:
    return {table: conn.execute(text(f"SELECT count(*) FROM {table} WHERE {where}")).scalar()  # noqa: S608
            for table, (_key, where) in EFFECTS.items()}


def duplicates(conn) -> dict[str, int]:
    """Per effect table, how many keys occur more than once (0 everywhere when exactly once)."""
    return {table: conn.execute(text(
        f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {where} "  # noqa: S608
        f"GROUP BY {key} HAVING count(*) > 1) AS twice")).scalar()
        for table, (key, where) in EFFECTS.items()}


# the milestone job's statements once its lines are written (before its commit)
WRITING = re.compile(r"\s*(INSERT INTO|UPDATE) result_claim\b", re.IGNORECASE)


def lock_holder(conn, job_id: str) -> int | None:
    """The server process holding `job_id`'s advisory lock (the job is running), or None."""
    return conn.execute(text(
        "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objid::text = :key "
        "AND granted"), {"key": str(scheduler._lock_key(job_id))}).scalar()


def statement_of(conn, pid: int, job_id: str) -> str | None:
    """The statement server process `pid` runs (or ran last) while it holds `job_id`'s lock;
    None once it has let go of it (that run is over)."""
    return conn.execute(text(
        "SELECT a.query FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid "
        "WHERE a.pid = :pid AND l.locktype = 'advisory' AND l.objid::text = :key "
        "AND l.granted"), {"pid": pid, "key": str(scheduler._lock_key(job_id))}).scalar()


def running_runs(conn) -> int:
    return conn.execute(text("SELECT count(*) FROM job_run WHERE outcome = 'running'")).scalar()


def judge_slots(slots: dict, window: set, every: int) -> tuple[dict, list[str]]:
    """Two schedulers' runs, slot by slot: bodies run twice, slots lost (no body, and not because
    the previous run overran), runs recording a slot other than their fire time, failures."""
    bodies = {key: sum(r["outcome"] in ("success", "failed") for r in rows)
              for key, rows in slots.items()}
    skips = Counter((r["counts"] or {}).get("reason") for rows in slots.values() for r in rows
                    if r["outcome"] == "skipped")
    twice = sorted(key for key, n in bodies.items() if n > 1)
    empty = [key for key in window if bodies.get(key, 0) == 0]
    lost = sorted(key for key in empty if not overran(slots, *key, every))
    misnamed = [key for key, rows in slots.items() for r in rows
                if r["slot"] != fire_time(*key, every)]
    failed = [key for key, rows in slots.items() if any(r["outcome"] == "failed" for r in rows)]
    summary = {"twice": len(twice), "slots": len(slots), "slots_in_window": len(window),
               "bodies_run": sum(bodies.values()), "skipped_locked": skips["locked"],
               "skipped_slot_done": skips["slot already run"],
               "both_processes_seen": sum(len(rows) >= 2 for rows in slots.values()),
               "lost_slots": len(lost), "overran_slots": len(empty) - len(lost),
               "runs_naming_another_slot": len(misnamed), "failed": len(failed),
               "longest_body_s": _longest(slots)}
    problems = []
    for found, what in ((twice, "ran a job body twice"), (lost, "ran no body at all"),
                        (misnamed, "recorded a slot other than their fire time"),
                        (failed, "had a failed run")):
        if found:
            problems.append(f"{len(found)} slots {what}, e.g. {found[:5]}")
    return summary, problems


def _longest(slots: dict) -> dict[str, float]:
    """The longest body run per job in seconds (jobs that took a second or more)."""
    longest: dict[str, float] = {}
    for (job_id, _), rows in slots.items():
        for r in rows:
            if r["outcome"] != "skipped" and r["finished_at"]:
                seconds = (r["finished_at"] - r["started_at"]).total_seconds()
                longest[job_id] = max(longest.get(job_id, 0.0), round(seconds, 2))
    return {k: v for k, v in sorted(longest.items()) if v >= 1}
