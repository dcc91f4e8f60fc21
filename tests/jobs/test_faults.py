"""Faults in the background: SMTP away keeps mail in the outbox for the next run; a job that
raises is recorded as failed and the next run works."""

from __future__ import annotations

from datetime import timedelta

from smajob import scheduler
from smajob.extensions import db
from smajob.mail.models import MailStatus, OutboxMessage
from smajob.system.models import JobOutcome


def test_smtp_down_keeps_mail_in_the_outbox_and_the_next_run_delivers(app, now, smtp_server):
    from tests.smtp import _free_port

    app.config.update(smtp_server.config(), SMTP_PORT=_free_port())  # nothing listens there
    db.session.add(OutboxMessage(recipient="kunde@example.com", subject="Hej", body="Tekst\n",
                                 kind="test", status=MailStatus.PENDING))
    db.session.commit()
    run = scheduler.run_job(app, "deliver_mail", now=now)
    assert run.outcome == JobOutcome.SUCCESS and run.counts == {"sent": 0, "failed": 1}
    message = db.session.scalar(db.select(OutboxMessage))
    assert message.status == MailStatus.PENDING and message.attempts == 1
    app.config.update(smtp_server.config())  # the server is back
    run = scheduler.run_job(app, "deliver_mail", now=now + timedelta(minutes=1))
    assert run.counts == {"sent": 1, "failed": 0}
    assert [m["To"] for m in smtp_server.wait_for(1)] == ["kunde@example.com"]
    db.session.refresh(message)
    assert message.status == MailStatus.SENT


def test_a_job_that_raises_is_failed_and_the_next_run_succeeds(app, now, monkeypatch):
    from smajob.system import jobs

    original = jobs.purge_expired
    monkeypatch.setattr(jobs, "purge_expired", lambda now: 1 / 0)
    failed = scheduler.run_job(app, "purge_expired", now=now)
    assert failed.outcome == JobOutcome.FAILED and "ZeroDivisionError" in failed.error
    monkeypatch.setattr(jobs, "purge_expired", original)
    assert scheduler.run_job(app, "purge_expired",
                             now=now + timedelta(days=1)).outcome == JobOutcome.SUCCESS
