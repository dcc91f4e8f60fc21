"""The hours summary always equals the ledger summed per municipality, week and status, whatever
writes it: the services (enter, confirm, correct), the auto-confirm job, bulk inserts, updates and
deletes, and a candidate or placement that changes municipality."""

import contextlib
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, func, insert, select, update

from smajob.candidates.models import Candidate
from smajob.errors import RuleViolation
from smajob.extensions import db
from smajob.hours import jobs, services
from smajob.hours.models import ConfirmLink, HoursEntry, HoursEvent, HoursSummary
from smajob.isoweek import IsoWeek
from smajob.placements.models import Placement
from tests import factories

NOW = datetime(2026, 11, 16, 8, tzinfo=UTC)
TODAY = date(2026, 11, 16)
FIRST = date(2026, 9, 7)  # a Monday; ten weeks before TODAY's
WEEKS = st.integers(0, 3)  # few weeks, so operations meet on the same ones
MINUTES = st.sampled_from([0, 60, 300, 360, 420, 900])


def ledger() -> dict:
    """The ledger summed the slow way, by the candidates' municipalities now."""
    return {(m, w, s): (int(minutes), int(n)) for m, w, s, minutes, n in db.session.execute(
        select(Candidate.municipality_id, HoursEntry.week_start, HoursEntry.status,
               func.sum(HoursEntry.minutes), func.count(HoursEntry.id))
        .join(Placement, Placement.id == HoursEntry.placement_id)
        .join(Candidate, Candidate.id == Placement.candidate_id)
        .group_by(Candidate.municipality_id, HoursEntry.week_start, HoursEntry.status))}


def summary() -> dict:
    rows = db.session.execute(select(HoursSummary.municipality_id, HoursSummary.week_start,
                                     HoursSummary.status, HoursSummary.minutes,
                                     HoursSummary.entries)).all()
    assert all(minutes == 0 for *_, minutes, n in rows if n == 0)  # nothing left behind
    return {(m, w, s): (minutes, n) for m, w, s, minutes, n in rows if n}


OPERATIONS = st.one_of(
    st.tuples(st.just("record"), st.integers(0, 3), WEEKS, MINUTES, st.booleans()),
    st.tuples(st.just("confirm"), st.integers(0, 3), WEEKS),
    st.tuples(st.just("auto_confirm")),
    st.tuples(st.just("bulk_insert"), st.integers(0, 3), st.lists(WEEKS, max_size=5)),
    st.tuples(st.just("bulk_update"), st.integers(0, 3), st.integers(-60, 60)),
    st.tuples(st.just("bill"), st.integers(0, 3)),
    st.tuples(st.just("delete"), st.integers(0, 3), WEEKS),
    st.tuples(st.just("move_candidate"), st.integers(0, 2), st.integers(0, 2)),
    st.tuples(st.just("move_placement"), st.integers(0, 3), st.integers(0, 2)),
)


class World:
    def __init__(self):
        municipalities = [factories.make_municipality() for _ in range(3)]
        self.municipalities = [m.id for m in municipalities]
        self.candidates = [factories.make_candidate(municipality=m, status="placed").id
                           for m in municipalities]
        self.placements = []
        for i in range(4):
            candidate = db.session.get(Candidate, self.candidates[i % 3])
            self.placements.append(factories.make_placement(candidate=candidate,
                                                            start=FIRST).id)
        self.consultant = factories.make_user(role="consultant").id
        self.business = {p: factories.make_user(role="business", business_id=db.session.get(
            Placement, p).business_id).id for p in self.placements}

    def apply(self, operation) -> None:
        from smajob.accounts.models import User

        name, *args = operation
        if name in ("record", "confirm", "delete"):
            placement = db.session.get(Placement, self.placements[args[0]])
            week = IsoWeek.of(FIRST + timedelta(weeks=args[1]))
            entry = services.get_entry(placement.id, week)
        if name == "record":
            actor = db.session.get(User, self.business[placement.id] if args[3] else
                                   self.consultant)
            with contextlib.suppress(RuleViolation):  # e.g. a week before the start
                services.record_week(actor, placement, week, args[2], reason="rettet",
                                     now=NOW, today=TODAY)
        elif name == "confirm" and entry is not None and entry.status == "entered":
            other = (self.consultant if entry.entered_side == "business"
                     else self.business[placement.id])
            services.confirm(db.session.get(User, other), entry, expected_version=None, now=NOW)
        elif name == "auto_confirm":
            jobs.auto_confirm(NOW + timedelta(days=30))
        elif name == "bulk_insert":
            placement_id = self.placements[args[0]]
            taken = set(db.session.scalars(select(HoursEntry.week_start).where(
                HoursEntry.placement_id == placement_id)))
            weeks = sorted({FIRST + timedelta(weeks=w) for w in args[1]} - taken)
            if weeks:
                db.session.execute(insert(HoursEntry), [
                    {"placement_id": placement_id, "week_start": w, "minutes": 300,
                     "status": "confirmed", "entered_side": "bureau", "entered_at": NOW,
                     "flags": []} for w in weeks])
        elif name == "bulk_update":
            db.session.execute(update(HoursEntry).where(
                HoursEntry.placement_id == self.placements[args[0]],
                HoursEntry.minutes + args[1] >= 0).values(minutes=HoursEntry.minutes + args[1]))
        elif name == "bill":  # invoicing touches other columns only
            db.session.execute(update(HoursEntry).where(
                HoursEntry.placement_id == self.placements[args[0]])
                .values(invoiced_minutes=HoursEntry.minutes))
        elif name == "delete" and entry is not None:
            for model in (HoursEvent, ConfirmLink):
                db.session.execute(delete(model).where(model.entry_id == entry.id))
            db.session.execute(delete(HoursEntry).where(HoursEntry.id == entry.id))
        elif name == "move_candidate":
            db.session.get(Candidate, self.candidates[args[0]]).municipality_id = (
                self.municipalities[args[1]])
        elif name == "move_placement":
            db.session.get(Placement, self.placements[args[0]]).candidate_id = (
                self.candidates[args[1]])
        db.session.flush()
        db.session.expire_all()


@pytest.fixture
def world(app):
    world = World()
    db.session.commit()
    return world


def test_the_summary_equals_the_ledger_after_every_kind_of_write(world):
    @settings(max_examples=80, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.lists(OPERATIONS, min_size=1, max_size=12))
    def run(operations):
        try:
            for operation in operations:
                world.apply(operation)
                assert summary() == ledger(), operation
        finally:
            db.session.rollback()

    run()


def test_a_week_moves_between_statuses_and_municipalities_with_its_ledger_row(world):
    world.apply(("record", 0, 2, 360, False))
    municipality, week = world.municipalities[0], FIRST + timedelta(weeks=2)
    assert summary() == {(municipality, week, "entered"): (360, 1)}
    world.apply(("confirm", 0, 2))
    assert summary() == {(municipality, week, "confirmed"): (360, 1)}
    world.apply(("record", 0, 2, 420, False))  # a correction, with a reason
    assert summary() == {(municipality, week, "entered"): (420, 1)}
    world.apply(("move_candidate", 0, 1))
    assert summary() == {(world.municipalities[1], week, "entered"): (420, 1)}
    world.apply(("move_placement", 0, 2))  # to the candidate in the third municipality
    assert summary() == {(world.municipalities[2], week, "entered"): (420, 1)}
