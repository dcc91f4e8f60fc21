"""APScheduler triggers for the job list — the declared schedule, or a compressed one for fault
drills — and the slot (the fire time) that a scheduled run belongs to.

Every trigger counts from the same fixed instant, so every scheduler process started against
one database agrees on the slots: that is what lets the second of two schedulers see that a slot
has already run (see `smajob.scheduler.run_job`)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

# Interval slots count from here (a fixed instant, not the moment a process started).
EPOCH = datetime(2026, 1, 1, tzinfo=UTC)


def build(trigger: str, trigger_args: dict[str, Any], *, zone: str, index: int, count: int,
          every_seconds: int = 0):
    """The trigger of the `index`-th of `count` jobs. With `every_seconds` > 0 (drills only)
    every job runs that often instead, in the declared order, spread evenly over the period."""
    from apscheduler.triggers.cron import CronTrigger
    from apscheduler.triggers.interval import IntervalTrigger

    if every_seconds > 0:
        offset = timedelta(seconds=every_seconds * index / count)
        return IntervalTrigger(seconds=every_seconds, start_date=EPOCH + offset, timezone=zone)
    if trigger == "cron":
        return CronTrigger(timezone=zone, **trigger_args)
    return IntervalTrigger(start_date=EPOCH, timezone=zone, **trigger_args)


def slot_of(trigger, now: datetime, *, grace_seconds: int) -> datetime | None:
    """The trigger's latest fire time at or before `now` and no older than the grace time, in
    UTC: the slot a run started at `now` belongs to (APScheduler does not hand it to the job)."""
    moment = trigger.get_next_fire_time(None, now - timedelta(seconds=grace_seconds))
    latest = None
    while moment is not None and moment <= now:
        latest = moment
        moment = trigger.get_next_fire_time(moment, moment + timedelta(microseconds=1))
    return None if latest is None else latest.astimezone(UTC)
