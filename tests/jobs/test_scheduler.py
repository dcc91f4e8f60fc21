"""The scheduler wrapper and the housekeeping jobs: idempotent, recorded, safe to run twice."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from smajob import clock, scheduler
from smajob.accounts.models import LoginAttempt, PasswordResetToken, UserSession
from smajob.accounts.sessions import start_session
from smajob.extensions import db
from smajob.system.models import JobRun
from tests import factories
from tests.web.test_security import _row_counts


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_jobs_are_declared_once_with_unique_ids_and_importable_functions():
    ids = [spec.id for spec in scheduler.JOBS]
    assert len(ids) == len(set(ids))
    for spec in scheduler.JOBS:
        assert callable(scheduler._resolve(spec)), spec.id


def test_the_scheduler_has_every_job_with_coalescing_and_one_instance(app):
    built = scheduler.build_scheduler(app)
    jobs = {job.id: job for job in built.get_jobs()}
    assert set(jobs) == {spec.id for spec in scheduler.JOBS}
    for job in jobs.values():
        assert job.coalesce is True and job.max_instances == 1
        assert job.misfire_grace_time == scheduler.MISFIRE_GRACE_SECONDS
    assert str(built.timezone) == "Europe/Copenhagen"


def test_purge_removes_old_sessions_attempts_and_tokens_and_a_second_run_changes_nothing(app, now):
    user = factories.make_user()
    with clock.frozen(now - timedelta(days=40)):
        start_session(user, now=clock.now())
    start_session(user, now=now)  # live: kept
    db.session.add(LoginAttempt(account_key="a", address_key="b", at=now - timedelta(days=2)))
    db.session.add(LoginAttempt(account_key="a", address_key="b", at=now))
    db.session.add(PasswordResetToken(token_hash="x" * 64, user_id=user.id,
                                      expires_at=now - timedelta(minutes=1)))
    db.session.commit()
    first = scheduler.run_job(app, "purge_expired", now=now)
    assert first.outcome == "success"
    assert first.counts == {"sessions": 1, "login_attempts": 1, "reset_tokens": 1,
                            "api_counters": 0}
    assert (_count(UserSession), _count(LoginAttempt), _count(PasswordResetToken)) == (1, 1, 0)
    before = {k: v for k, v in _row_counts().items() if k != "job_run"}
    second = scheduler.run_job(app, "purge_expired", now=now)
    assert second.counts == {"sessions": 0, "login_attempts": 0, "reset_tokens": 0,
                             "api_counters": 0}
    assert {k: v for k, v in _row_counts().items() if k != "job_run"} == before
    assert _count(JobRun) == 2


def test_a_failing_job_rolls_back_its_effects_and_records_the_error(app, monkeypatch, now):
    def broken(moment):
        factories.make_municipality(name="Halvskrevet")
        raise RuntimeError("midway")

    monkeypatch.setattr(scheduler, "_resolve", lambda spec: broken)
    run = scheduler.run_job(app, "purge_expired", now=now)
    assert run.outcome == "failed" and "midway" in run.error
    from smajob.municipalities.models import Municipality

    assert _count(Municipality) == 0


def test_run_job_cli_runs_a_job_and_rejects_an_unknown_one(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["smajob", "run-job", "purge_expired"])
    assert result.exit_code == 0 and "success" in result.output
    result = runner.invoke(args=["smajob", "run-job", "nope"])
    assert result.exit_code != 0 and "Unknown job" in result.output


def test_admin_can_run_a_job_now_and_see_the_run(client, login_as):
    login_as("admin")
    response = client.post("/admin/jobs/purge_expired/run", follow_redirects=True)
    assert response.status_code == 200
    assert "purge_expired" in response.get_data(as_text=True)
    assert _count(JobRun) == 1
    assert client.post("/admin/jobs/nope/run").status_code == 404


@pytest.mark.skipif(
    not __import__("tests.conftest", fromlist=["PG_URL"]).PG_URL,
    reason="the advisory lock exists only on PostgreSQL (set SMAJOB_TEST_DATABASE_URL)")
def test_two_processes_never_run_the_same_job_body_at_once(app):
    from sqlalchemy import text

    other = db.engine.connect()
    try:
        transaction = other.begin()
        key = scheduler._lock_key("purge_expired")
        assert other.execute(text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": key}).scalar()
        run = scheduler.run_job(app, "purge_expired")
        assert run.outcome == "skipped"
        transaction.rollback()
    finally:
        other.close()
    assert scheduler.run_job(app, "purge_expired").outcome == "success"
