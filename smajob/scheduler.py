"""The declarative list of scheduled jobs and the one wrapper that runs them.

One BlockingScheduler runs in its own process (`flask smajob scheduler`); never in the web app.
Each job takes `now`, works from database state, and is safe to run twice or late.
"""

from __future__ import annotations

import logging
import traceback
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flask import Flask
from sqlalchemy import select, text

from smajob import clock
from smajob.extensions import db
from smajob.system.models import JobOutcome, JobRun

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class JobSpec:
    id: str
    func: str  # "module:function", imported when run so the list stays cheap to read
    trigger: str  # "cron" or "interval"
    trigger_args: dict[str, Any] = field(default_factory=dict)
    description: str = ""


# The nightly cycle, in the order it runs (Europe/Copenhagen), NIGHTLY_SPACING minutes apart
# from NIGHTLY_START. Why this order: hours nobody answered are confirmed first, because the
# milestones, the tracker and the invoices read confirmed hours; maturing deadlines and the
# Monday reminders go out before the day starts; tasks past their end expire; milestones become
# claim lines; the outcome follow-ups that fell due are opened; the invoice run on the 1st;
# retention last, so nothing it anonymises is still waiting to be counted. Each job works from
# database state, so a failed or missed one never breaks the next, and the next night catches up.
NIGHTLY_START = (1, 0)
NIGHTLY_SPACING = 10
NIGHTLY: tuple[tuple[str, str, dict[str, Any], str], ...] = (
    ("auto_confirm_hours", "smajob.hours.jobs:auto_confirm", {},
     "Confirm weeks nobody answered within the set days"),
    ("maturing_deadlines", "smajob.candidates.jobs:maturing_deadlines", {},
     "Alert consultants of maturing deadlines near or passed"),
    ("remind_missing_hours", "smajob.hours.jobs:remind_missing", {"day_of_week": "mon"},
     "Remind consultants (and businesses) of weeks without hours"),
    ("expire_tasks", "smajob.tasks.jobs:expire_tasks", {},
     "Expire tasks whose end date has passed"),
    ("detect_milestones", "smajob.results.jobs:detect_milestones", {},
     "Draft claim lines for milestones reached; flag lines whose facts changed"),
    ("outcome_followups", "smajob.outcomes.jobs:outcome_followups", {},
     "Create the outcome follow-ups that have fallen due (and any missed)"),
    ("monthly_invoices", "smajob.billing.jobs:monthly_invoices", {"day": 1},
     "Draft last month's invoices (and any month missed)"),
    ("retention", "smajob.candidates.jobs:retention", {},
     "Anonymise candidates who left longer ago than the retention period"),
)


def _nightly_specs() -> list[JobSpec]:
    hour, minute = NIGHTLY_START
    specs = []
    for index, (job_id, func, extra, description) in enumerate(NIGHTLY):
        at = hour * 60 + minute + index * NIGHTLY_SPACING
        specs.append(JobSpec(job_id, func, "cron", {"hour": at // 60, "minute": at % 60, **extra},
                             description))
    return specs


JOBS: list[JobSpec] = [
    JobSpec("deliver_mail", "smajob.system.jobs:deliver_mail", "interval", {"minutes": 1},
            "Send e-mail waiting in the outbox"),
    JobSpec("purge_expired", "smajob.system.jobs:purge_expired", "cron", {"hour": 3, "minute": 5},
            "Delete old sessions, login failures and reset tokens"),
    *_nightly_specs(),
]

MISFIRE_GRACE_SECONDS = 3600


def get_job(job_id: str) -> JobSpec:
    for spec in JOBS:
        if spec.id == job_id:
            return spec
    raise KeyError(job_id)


def _resolve(spec: JobSpec) -> Callable[[datetime], dict | None]:
    import importlib

    module_name, _, attr = spec.func.partition(":")
    return getattr(importlib.import_module(module_name), attr)


def _lock_key(job_id: str) -> int:
    return zlib.crc32(f"smajob:{job_id}".encode())


def _try_lock(job_id: str) -> bool:
    """A transaction-scoped PostgreSQL advisory lock; SQLite serialises writers itself."""
    if db.engine.dialect.name != "postgresql":
        return True
    return bool(db.session.execute(text("SELECT pg_try_advisory_xact_lock(:k)"),
                                   {"k": _lock_key(job_id)}).scalar())


def _slot_done(job_id: str, slot: datetime) -> bool:
    """Whether a run of this slot already ran its body (read under the job's lock, so the
    answer cannot change before this transaction ends)."""
    return db.session.execute(select(JobRun.id).where(
        JobRun.job_id == job_id, JobRun.slot == slot,
        JobRun.outcome.in_((JobOutcome.SUCCESS, JobOutcome.FAILED))).limit(1)).first() is not None


def _skip(run: JobRun, reason: str) -> JobRun:
    db.session.rollback()
    run.outcome, run.finished_at, run.counts = JobOutcome.SKIPPED, clock.now(), {"reason": reason}
    db.session.add(run)
    db.session.commit()
    return _detached(run)


def run_job(app: Flask, job_id: str, *, trigger: str = "schedule",
            now: datetime | None = None, slot: datetime | None = None) -> JobRun:
    """Run one job in an app context: lock, body, commit or rollback, and a JobRun row. A
    scheduled run names its `slot` (the fire time): a slot whose body already ran — in this or
    any other scheduler process — is skipped, so two schedulers run each body once."""
    spec = get_job(job_id)
    with app.app_context():
        moment = now or clock.now()
        run = JobRun(job_id=job_id, started_at=moment, trigger=trigger, slot=slot)
        if not _try_lock(job_id):
            return _skip(run, "locked")  # another process is running it right now
        if slot is not None and _slot_done(job_id, slot):
            return _skip(run, "slot already run")
        try:
            counts = _resolve(spec)(moment)
            run.outcome, run.counts = JobOutcome.SUCCESS, counts or {}
            run.finished_at = clock.now()
            db.session.add(run)
            db.session.commit()  # the body's effects and its JobRun row land together
        except Exception:
            db.session.rollback()
            log.exception("scheduled job %s failed", job_id)
            run.outcome, run.finished_at = JobOutcome.FAILED, clock.now()
            run.error = traceback.format_exc(limit=5)[-4000:]
            db.session.add(run)
            db.session.commit()
        return _detached(run)


def run_scheduled(app: Flask, job_id: str, fire_trigger) -> JobRun:
    """What the scheduler calls: `run_job` for the slot that this moment belongs to."""
    from smajob.system import triggers

    moment = clock.now()
    slot = triggers.slot_of(fire_trigger, moment, grace_seconds=MISFIRE_GRACE_SECONDS)
    return run_job(app, job_id, now=moment, slot=slot)


def _detached(run: JobRun) -> JobRun:
    db.session.refresh(run)
    db.session.expunge(run)
    return run


_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def run_nightly(app: Flask, *, now: datetime | None = None,
                trigger: str = "manual") -> list[JobRun]:
    """The nightly cycle by hand, in its order (each job still takes its own lock). Jobs bound
    to a weekday or a day of the month run only on that day, as they would at night."""
    moment = now or clock.now()
    local = clock.to_local(moment)
    runs = []
    for job_id, _func, extra, _description in NIGHTLY:
        if "day" in extra and local.day != extra["day"]:
            continue
        if "day_of_week" in extra and _WEEKDAYS[local.weekday()] != extra["day_of_week"]:
            continue
        runs.append(run_job(app, job_id, trigger=trigger, now=moment))
    return runs


def build_scheduler(app: Flask):
    """A BlockingScheduler with every job of JOBS; started only by `flask smajob scheduler`.
    SCHEDULER_EVERY_SECONDS > 0 (fault drills only) runs every job that often instead."""
    from apscheduler.schedulers.blocking import BlockingScheduler

    from smajob.system import triggers

    zone = app.config["SCHEDULER_TIMEZONE"]
    every = app.config["SCHEDULER_EVERY_SECONDS"]
    scheduler = BlockingScheduler(timezone=zone)
    for index, spec in enumerate(JOBS):
        trigger = triggers.build(spec.trigger, spec.trigger_args, zone=zone, index=index,
                                 count=len(JOBS), every_seconds=every)
        scheduler.add_job(run_scheduled, trigger, args=(app, spec.id, trigger), id=spec.id,
                          name=spec.description or spec.id, replace_existing=True,
                          coalesce=True, max_instances=1,
                          misfire_grace_time=MISFIRE_GRACE_SECONDS)
    return scheduler
