"""The scheduler's triggers: every process agrees on the slots; the slot a run belongs to."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from smajob.system import triggers

ZONE = "Europe/Copenhagen"


def _cron(**args):
    return triggers.build("cron", args, zone=ZONE, index=0, count=1)


def test_a_run_belongs_to_the_latest_fire_time_at_or_before_it():
    nightly = _cron(hour=1, minute=40)  # 01:40 in Copenhagen = 00:40 UTC in November
    fired = datetime(2026, 11, 23, 0, 40, tzinfo=UTC)
    assert triggers.slot_of(nightly, fired, grace_seconds=3600) == fired
    late = fired + timedelta(minutes=25)
    assert triggers.slot_of(nightly, late, grace_seconds=3600) == fired


def test_a_run_outside_the_grace_time_of_any_fire_time_has_no_slot():
    nightly = _cron(hour=1, minute=40)
    before = datetime(2026, 11, 23, 0, 39, tzinfo=UTC)
    assert triggers.slot_of(nightly, before, grace_seconds=3600) is None
    assert triggers.slot_of(nightly, before + timedelta(hours=3), grace_seconds=3600) is None


def test_interval_slots_count_from_a_fixed_instant_so_processes_started_apart_agree():
    first = triggers.build("interval", {"minutes": 1}, zone=ZONE, index=0, count=1)
    second = triggers.build("interval", {"minutes": 1}, zone=ZONE, index=0, count=1)
    moment = datetime(2026, 11, 23, 12, 0, 41, 500_000, tzinfo=UTC)
    slot = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
    assert triggers.slot_of(first, moment, grace_seconds=3600) == slot
    assert triggers.slot_of(second, moment, grace_seconds=3600) == slot
    assert first.get_next_fire_time(None, moment) == second.get_next_fire_time(None, moment)


def test_the_compressed_drill_schedule_runs_every_job_each_period_in_the_declared_order():
    built = [triggers.build("cron", {"hour": 1}, zone=ZONE, index=i, count=4, every_seconds=20)
             for i in range(4)]
    moment = datetime(2026, 11, 23, 12, 0, 0, tzinfo=UTC)
    fires = [t.get_next_fire_time(None, moment) for t in built]
    assert [(f - moment).total_seconds() for f in fires] == [0, 5, 10, 15]
    assert triggers.slot_of(built[1], moment + timedelta(seconds=27), grace_seconds=20) == \
        moment + timedelta(seconds=25)
