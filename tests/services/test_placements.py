"""Placements: creating one checks every rule and is race-safe; ending one moves the candidate
on or back to ready; the tasks' seat and worker hooks and the business story count them."""

import threading
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from smajob.candidates.models import Candidate
from smajob.errors import Conflict, RuleViolation
from smajob.extensions import db
from smajob.placements import services
from smajob.placements.models import Placement
from smajob.tasks import queries as task_queries
from tests import factories

TODAY = date(2026, 11, 16)
NOW = datetime(2026, 11, 16, 8, tzinfo=UTC)
START = date(2026, 11, 24)


@pytest.fixture
def consultant(app):
    return factories.make_user(role="consultant")


def place(actor, task, candidate, **fields):
    return services.create_placement(actor, task, candidate, start_date=fields.pop("start", START),
                                     now=NOW, today=TODAY, **fields)


def test_create_fills_a_seat_and_places_the_candidate(consultant):
    task = factories.make_task(seats=2)
    candidate = factories.make_candidate(status="ready")
    placement = place(consultant, task, candidate)
    assert (placement.weekly_minutes, placement.wage, placement.bill_rate) == (
        task.weekly_minutes, task.wage, task.bill_rate)
    assert candidate.status == "placed"
    assert task_queries.filled_seats_by_task([task.id]) == {task.id: 1}
    workers = task_queries.workers_in_task(task.id)
    assert workers == [{"first_name": candidate.first_name, "last_name": candidate.last_name,
                        "start_date": START, "weekly_minutes": task.weekly_minutes}]
    assert "cpr" not in str(workers).lower()


@pytest.mark.parametrize(("change", "match"), [
    ({"task_status": "submitted"}, "ikke åben"), ({"candidate_status": "maturing"}, "klar"),
    ({"wage_ore": 12_000}, "mindsteløn"), ({"weekly_minutes": 120}, "mindst 5 timer"),
    ({"start": date(2026, 11, 1)}, "fortiden"), ({"max_minutes": 300}, "højeste"),
])
def test_create_rules(consultant, change, match):
    task = factories.make_task(status=change.pop("task_status", "open"))
    candidate = factories.make_candidate(status=change.pop("candidate_status", "ready"),
                                         max_weekly_minutes=change.pop("max_minutes", 900))
    with pytest.raises(RuleViolation, match=match):
        place(consultant, task, candidate, **change)


def test_no_seat_no_placement_and_no_pair_twice(consultant):
    task = factories.make_task(seats=1)
    first, second = (factories.make_candidate(status="ready") for _ in range(2))
    place(consultant, task, first)
    with pytest.raises(Conflict):
        place(consultant, task, second)
    other = factories.make_task(seats=3)
    first.max_weekly_minutes = 2000
    place(consultant, other, first)
    with pytest.raises(Conflict):
        place(consultant, other, first)


def test_ending_moves_the_candidate_on_or_back(consultant):
    task = factories.make_task(seats=3)
    hired, dropped = (factories.make_candidate(status="ready") for _ in range(2))
    a, b = place(consultant, task, hired), place(consultant, task, dropped)
    services.end_placement(consultant, a, end_date=START, reason="hired_by_business", now=NOW,
                           today=TODAY)
    assert (hired.status, hired.outflow) == ("exited", "ordinary_work")
    services.end_placement(consultant, b, end_date=START, reason="illness", now=NOW, today=TODAY)
    assert dropped.status == "ready"
    with pytest.raises(RuleViolation):
        services.end_placement(consultant, b, end_date=TODAY, reason="illness", now=NOW,
                               today=TODAY)
    assert task_queries.filled_seats_by_task([task.id]) == {}


def test_business_story_counts_people_and_moving_on(consultant):
    from smajob.placements.story import counts_for_business

    task = factories.make_task(seats=3)
    people = [factories.make_candidate(status="ready") for _ in range(2)]
    people[0].consent_named_in_story = True
    first = place(consultant, task, people[0])
    place(consultant, task, people[1])
    services.end_placement(consultant, first, end_date=START, reason="education", now=NOW,
                           today=TODAY)
    counts = counts_for_business(task.business_id)
    assert (counts.people, counts.education, counts.direct_employment) == (2, 1, 0)
    assert counts.named == (people[0].first_name,)


def _race(app, actor_id: int, pairs: list[tuple[int, int]]) -> list[str]:
    """Accept each (task id, candidate id) in its own thread and connection, all at once."""
    barrier, outcomes = threading.Barrier(len(pairs)), []

    def accept(task_id, candidate_id):
        with app.app_context():
            from smajob.accounts.models import User
            from smajob.tasks.models import Task

            actor = db.session.get(User, actor_id)
            task_row = db.session.get(Task, task_id)
            candidate = db.session.get(Candidate, candidate_id)
            barrier.wait()
            try:
                place(actor, task_row, candidate)
                db.session.commit()
                outcomes.append("placed")
            except (RuleViolation, OperationalError):  # Conflict is a RuleViolation
                db.session.rollback()
                outcomes.append("refused")
            except Exception as error:  # reported by the caller's assertion
                db.session.rollback()
                outcomes.append(f"error: {error!r}")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=accept, args=pair) for pair in pairs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return sorted(outcomes)


def test_two_consultants_racing_for_the_last_seat(app, consultant):
    task = factories.make_task(seats=1)
    ids = [factories.make_candidate(status="ready").id for _ in range(2)]
    db.session.commit()
    assert _race(app, consultant.id, [(task.id, cid) for cid in ids]) == ["placed", "refused"]
    db.session.expire_all()
    assert db.session.scalar(select(func.count(Placement.id))) == 1


def test_the_same_person_accepted_for_two_tasks_at_once_stays_within_max_hours(app, consultant):
    tasks = [factories.make_task(seats=1).id for _ in range(2)]
    person = factories.make_candidate(status="ready", max_weekly_minutes=600).id  # room for one
    db.session.commit()
    assert _race(app, consultant.id, [(t, person) for t in tasks]) == ["placed", "refused"]
