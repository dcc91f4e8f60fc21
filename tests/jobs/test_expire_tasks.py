"""The expire-tasks job: tasks whose end date passed (Copenhagen dates) expire once, with a
history entry and an e-mail to the business; running it again changes nothing."""

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select

from smajob import scheduler
from smajob.extensions import db
from smajob.mail.models import OutboxMessage
from smajob.tasks.models import Task, TaskEvent
from tests import factories


def test_expire_tasks_job_is_idempotent_and_tells_the_business(app, now):
    past = now.date() - timedelta(days=1)
    ended = factories.make_task(status="open", start_date=past - timedelta(days=10),
                                end_date=past, contact_language="en")
    paused = factories.make_task(status="paused", start_date=past - timedelta(days=10),
                                 end_date=past)
    today = factories.make_task(status="open", end_date=now.date())
    closed = factories.make_task(status="closed", start_date=past - timedelta(days=10),
                                 end_date=past)
    db.session.commit()
    first = scheduler.run_job(app, "expire_tasks", now=now)
    assert first.outcome == "success" and first.counts == {"expired": 2}
    statuses = {t.id: t.status for t in db.session.scalars(select(Task))}
    assert statuses == {ended.id: "expired", paused.id: "expired", today.id: "open",
                        closed.id: "closed"}
    mails = list(db.session.scalars(select(OutboxMessage)))
    assert len(mails) == 2 and any(m.subject.startswith("Your task has expired") for m in mails)
    second = scheduler.run_job(app, "expire_tasks", now=now)
    assert second.counts == {"expired": 0}
    assert db.session.scalar(select(func.count()).select_from(TaskEvent)) == 2


def test_the_end_date_is_a_copenhagen_date(app):
    task = factories.make_task(status="open", start_date=date(2026, 11, 1),
                               end_date=date(2026, 11, 16))
    db.session.commit()
    # 23:30 UTC on the 16th is already the 17th in Copenhagen: the end date has passed.
    run = scheduler.run_job(app, "expire_tasks", now=datetime(2026, 11, 16, 23, 30, tzinfo=UTC))
    assert run.counts == {"expired": 1} and db.session.get(Task, task.id).status == "expired"
