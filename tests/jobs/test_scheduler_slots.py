"""One body per slot: a scheduled run names its fire time, and a slot that already ran (in any
scheduler process) is skipped; runs by hand are never skipped for a slot."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from smajob import clock, scheduler
from smajob.extensions import db
from smajob.system import triggers
from smajob.system.models import JobRun


def test_a_slot_runs_its_body_once_however_many_schedulers_fire_it(app, now):
    first = scheduler.run_job(app, "purge_expired", now=now, slot=now)
    second = scheduler.run_job(app, "purge_expired", now=now + timedelta(seconds=1), slot=now)
    assert first.outcome == "success" and first.slot == now
    assert second.outcome == "skipped" and second.counts == {"reason": "slot already run"}
    assert scheduler.run_job(app, "purge_expired", now=now).outcome == "success"  # by hand
    later = now + timedelta(days=1)
    assert scheduler.run_job(app, "purge_expired", now=later, slot=later).outcome == "success"
    assert scheduler.run_job(app, "deliver_mail", now=now, slot=now).outcome == "success"


def test_a_failed_slot_is_not_run_again_by_another_scheduler(app, now, monkeypatch):
    monkeypatch.setattr(scheduler, "_resolve", lambda spec: lambda moment: 1 / 0)
    assert scheduler.run_job(app, "purge_expired", now=now, slot=now).outcome == "failed"
    monkeypatch.undo()
    assert scheduler.run_job(app, "purge_expired", now=now, slot=now).outcome == "skipped"
    assert db.session.scalar(select(func.count()).select_from(JobRun)) == 2


def test_the_scheduler_runs_each_job_for_the_slot_of_its_own_trigger(app, now):
    built = {job.id: job for job in scheduler.build_scheduler(app).get_jobs()}
    job = built["purge_expired"]  # cron 03:05 Copenhagen
    assert job.func is scheduler.run_scheduled and job.args[2] is job.trigger
    fired = job.trigger.get_next_fire_time(None, now)
    with clock.frozen(fired + timedelta(seconds=3)):
        run = scheduler.run_scheduled(*job.args)
        again = scheduler.run_scheduled(*job.args)
    assert (run.outcome, run.slot, run.trigger) == ("success", fired, "schedule")
    assert again.outcome == "skipped"


def test_the_drill_setting_puts_every_job_on_a_short_interval(app):
    app.config["SCHEDULER_EVERY_SECONDS"] = 30
    jobs = scheduler.build_scheduler(app).get_jobs()
    starts = [job.trigger.start_date for job in jobs]
    assert all(job.trigger.interval == timedelta(seconds=30) for job in jobs)
    assert starts == sorted(starts) and starts[0] == triggers.EPOCH
    assert [job.id for job in jobs] == [spec.id for spec in scheduler.JOBS]
