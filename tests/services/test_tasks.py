"""Task services: every rule with its message, matching by CVR, history, status moves, expiry."""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from smajob.businesses.models import Business
from smajob.errors import RuleViolation
from smajob.extensions import db
from smajob.mail.models import OutboxMessage
from smajob.tasks import review, services
from smajob.tasks.models import Task, TaskEvent
from smajob.weekly import Window
from tests import factories


def _public(data=None, *, cvr=None, now=None, key="k1", via_helper=False):
    from smajob import clock

    cvr = cvr or factories._unused_cvr()
    return services.submit_public(cvr, "Testfirma ApS", data or factories.task_input(),
                                  via_helper=via_helper, address_key=key, now=clock.now(),
                                  today=clock.today())


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize(("overrides", "field", "words"), [
    ({"windows": [Window(0, 540, 720)]}, "windows", "mindst 5 timer"),
    ({"windows": [Window(d, 0, 8 * 60) for d in range(5)]}, "windows", "Højst 37"),
    ({"windows": [Window(0, 540, 720), Window(0, 600, 900)]}, "windows", "overlapper"),
    ({"windows": [Window(0, 720, 540)]}, "windows", "slutte efter"),
    ({"windows": []}, "windows", "mindst ét tidsrum"),
    ({"windows": [Window(0, 545, 900)]}, "windows", "kvarterer"),
    ({"wage": 12_000}, "wage", "mindsteløn"),
    ({"start_date": date(2026, 11, 15)}, "start_date", "før i dag"),
    ({"end_date": date(2026, 11, 20)}, "end_date", "efter startdatoen"),
    ({"postcode": "0999"}, "postcode", "findes ikke"),
    ({"postcode": "abcd"}, "postcode", "findes ikke"),
    ({"contact_email": "ikke-en-mail"}, "contact_email", "gyldig e-mail"),
    ({"contact_phone": "12 34"}, "contact_phone", "8 cifre"),
    ({"title": "x" * 121}, "title", "Højst 120"),
    ({"title": "   "}, "title", "Udfyld"),
    ({"seats": 0}, "seats", "mellem 1"),
    ({"traits": ["flying"]}, "traits", "listen"),
    ({"category_id": 999999}, "category_id", "kategori"),
])
def test_each_rule_refuses_with_a_specific_message_and_saves_nothing(app, now, overrides, field,
                                                                     words):
    with pytest.raises(RuleViolation) as caught:
        _public(factories.task_input(**overrides))
    assert caught.value.field == field and words in str(caught.value.message)
    db.session.rollback()
    assert _count(Task) == 0


def test_a_bad_cvr_is_refused(app, now):
    with pytest.raises(RuleViolation) as caught:
        _public(cvr="12345678")
    assert caught.value.field == "cvr"


def test_public_submission_lands_submitted_matches_the_business_and_mails(app, now):
    factories.make_user(role="consultant", language="en")
    existing = factories.make_business()
    task, token = _public(cvr=existing.cvr, via_helper=True)
    assert task.status == "submitted" and task.source == "helper" and token
    assert task.business_id == existing.id and _count(Business) == 1
    assert task.weekly_minutes == 360 and task.contact_phone == "98123456"
    kinds = {m.kind: m for m in db.session.scalars(select(OutboxMessage))}
    assert set(kinds) == {"task_received", "task_new_submission"}
    assert "/opgaver/folg/" in kinds["task_received"].body
    assert kinds["task_new_submission"].subject.startswith("New task")
    assert [e.action for e in db.session.scalars(select(TaskEvent))] == ["submitted"]


def test_public_submissions_are_limited_per_address(app, now):
    for _ in range(services.PUBLIC_LIMIT_PER_HOUR):
        _public(key="same")
    with pytest.raises(services.RateLimited):
        _public(key="same")
    _public(key="other")


def test_approve_reject_pause_close_and_history(app, now):
    consultant = factories.make_user(role="consultant")
    task, _ = _public()
    review.approve(consultant, task, now=now, bill_rate=20_000,
                   category_id=factories.get_category("office").id)
    assert task.status == "open" and task.bill_rate == 20_000
    review.pause(consultant, task, now=now)
    review.resume(consultant, task, now=now)
    review.close(consultant, task, now=now)
    with pytest.raises(RuleViolation):
        review.pause(consultant, task, now=now)
    actions = [e.action for e in db.session.scalars(select(TaskEvent).order_by(TaskEvent.id))]
    assert actions == ["submitted", "approved", "paused", "resumed", "closed"]
    other, _ = _public()
    with pytest.raises(RuleViolation):
        review.reject(consultant, other, "  ", now=now)
    review.reject(consultant, other, "Opgaven er et fuldtidsjob.", now=now)
    assert other.status == "rejected" and other.rejection_reason.startswith("Opgaven")


def test_approve_without_a_rate_uses_the_standard_bill_rate(app, now):
    task, _ = _public()
    review.approve(factories.make_user(), task, now=now)
    assert task.bill_rate == 18_500


def test_a_material_change_sends_an_open_task_back_to_review_but_contact_changes_do_not(app,
                                                                                        now):
    business = factories.make_business()
    user = factories.make_user(role="business", business=business)
    task = factories.make_task(business=business, status="open")
    services.edit_task(user, task, factories.task_input(contact_name="Ny Person"), now=now,
                       today=now.date())
    assert task.status == "open"
    changed = services.edit_task(user, task, factories.task_input(
        contact_name="Ny Person", wage=15_000), now=now, today=now.date())
    assert task.status == "submitted" and changed["wage"] == [14_000, 15_000]


def test_the_expiry_job_expires_ended_tasks_once(app, now):
    ended = factories.make_task(status="open", end_date=now.date() - timedelta(days=1),
                                start_date=now.date() - timedelta(days=30))
    running = factories.make_task(status="open", end_date=now.date())
    assert review.expire_ended(now=now, today=now.date()) == 1
    assert ended.status == "expired" and running.status == "open"
    assert review.expire_ended(now=now, today=now.date()) == 0


def test_the_demo_has_fifteen_aalborg_tasks_across_categories_and_statuses(app, now):
    from smajob.demo import seed

    seed.run(now=now)
    tasks = list(db.session.scalars(select(Task)))
    assert len(tasks) == 15
    assert {t.status for t in tasks} == {"submitted", "open", "paused", "rejected", "closed",
                                        "expired"}
    assert len({t.category_id for t in tasks}) >= 8
    assert all(t.postcode.startswith("9") for t in tasks)
