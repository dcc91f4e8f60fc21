"""The hours ledger: one side writes a week, the other confirms; the rules refuse what cannot be;
corrections of confirmed weeks need a reason and keep history; edits name their version; the
jobs confirm silent weeks and remind of missing ones, once."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from smajob.errors import Conflict, RuleViolation
from smajob.extensions import db
from smajob.hours import jobs, queries, services
from smajob.hours.missing import missing_weeks
from smajob.hours.models import ConfirmLink, HoursEntry, HoursEvent
from smajob.isoweek import IsoWeek
from smajob.mail.models import OutboxMessage
from smajob.placements.models import Placement
from tests import factories

NOW = datetime(2026, 11, 16, 8, tzinfo=UTC)  # Monday of week 47
TODAY = date(2026, 11, 16)
W45, W46, W47 = IsoWeek(2026, 45), IsoWeek(2026, 46), IsoWeek(2026, 47)


@pytest.fixture
def consultant(app):
    return factories.make_user(role="consultant")


@pytest.fixture
def placement(app):
    return make_placement()


def make_placement(**fields) -> Placement:
    return factories.make_placement(**fields)


def business_user(placement):
    return factories.make_user(role="business", business_id=placement.business_id)


def record(actor, placement, week, minutes, **kw):
    return services.record_week(actor, placement, week, minutes, now=kw.pop("now", NOW),
                                today=TODAY, **kw)


def test_bureau_writes_the_business_confirms_and_the_placement_becomes_active(
        consultant, placement):
    entry = record(consultant, placement, W46, 390)
    assert (entry.status, entry.entered_side, placement.status) == ("entered", "bureau", "active")
    mail = db.session.scalars(select(OutboxMessage)).one()
    assert mail.kind == "hours_confirm" and "/timer/bekraeft/" in mail.body
    assert "6,50" in mail.body and "Testesen" not in mail.body  # first name only
    with pytest.raises(RuleViolation, match="anden part"):
        services.confirm(consultant, entry, expected_version=entry.version, now=NOW)
    services.confirm(business_user(placement), entry, expected_version=entry.version, now=NOW)
    assert (entry.status, entry.confirmed_via) == ("confirmed", "portal")
    with pytest.raises(Conflict):
        services.confirm(business_user(placement), entry, expected_version=entry.version, now=NOW)


def test_business_writes_and_the_bureau_confirms_without_a_mail(consultant, placement):
    entry = record(business_user(placement), placement, W46, 360)
    assert entry.entered_side == "business"
    assert db.session.scalar(select(func.count(OutboxMessage.id))) == 0
    services.confirm(consultant, entry, expected_version=entry.version, now=NOW)
    assert entry.confirmed_via == "bureau"


@pytest.mark.parametrize(("week", "minutes", "per_day", "match"), [
    (W46, -60, None, "negative"), (W46, 7 * 24 * 60 + 1, None, "så mange timer"),
    (IsoWeek(2026, 44), 60, None, "før ansættelsens start"), (IsoWeek(2026, 48), 60, None,
                                                             "ikke begyndt"),
    (W46, 300, [60, 60, 60, 60, 0, 0, 0], "tilsammen"), (W46, 1500, [1500, 0, 0, 0, 0, 0, 0],
                                                         "24 timer"),
])
def test_rules_refuse_with_a_clear_message_and_save_nothing(consultant, placement, week,
                                                            minutes, per_day, match):
    with pytest.raises(RuleViolation, match=match):
        record(consultant, placement, week, minutes, per_day=per_day)
    assert db.session.scalar(select(func.count(HoursEntry.id))) == 0


def test_no_hours_after_the_end(consultant):
    placement = make_placement(end_date=date(2026, 11, 3), status="ended")
    with pytest.raises(RuleViolation, match="slutdato"):
        record(consultant, placement, W46, 60)
    entry = record(consultant, placement, W45, 120, per_day=[60, 60, 0, 0, 0, 0, 0])
    assert entry.minutes == 120
    with pytest.raises(RuleViolation, match="slutdato"):
        record(consultant, placement, W45, 180, per_day=[60, 60, 60, 0, 0, 0, 0],
               expected_version=entry.version)


def test_flags_are_warnings_not_errors(consultant, placement):
    assert record(consultant, placement, W45, 120).flags == ["below_minimum"]
    assert record(consultant, placement, W46, 900).flags == ["far_above_agreed"]


def test_correcting_a_confirmed_week_needs_a_reason_and_keeps_the_old_value(consultant,
                                                                           placement):
    entry = record(consultant, placement, W46, 360)
    services.confirm(business_user(placement), entry, expected_version=entry.version, now=NOW)
    with pytest.raises(RuleViolation, match="begrundelse"):
        record(consultant, placement, W46, 420, expected_version=entry.version)
    record(consultant, placement, W46, 420, expected_version=entry.version,
           reason="Glemte fredag")
    assert (entry.minutes, entry.status) == (420, "entered")  # the business confirms again
    events = [(e.action, e.old_minutes, e.new_minutes, e.reason)
              for e in queries.history(entry.id)]
    assert events == [("entered", None, 360, None), ("confirmed", None, 360, None),
                      ("corrected", 360, 420, "Glemte fredag")]


def test_the_second_of_two_editors_gets_a_conflict(consultant, placement):
    entry = record(consultant, placement, W46, 360)
    seen = entry.version
    record(business_user(placement), placement, W46, 390, expected_version=seen)
    with pytest.raises(Conflict, match="ændret af en anden"):
        record(consultant, placement, W46, 420, expected_version=seen)
    with pytest.raises(Conflict):  # a new week someone else created meanwhile
        record(consultant, placement, W45, 60, expected_version=0)
        record(consultant, placement, W45, 90, expected_version=0)
    assert entry.minutes == 390


def test_a_new_value_kills_the_old_confirmation_link(consultant, placement):
    entry = record(consultant, placement, W46, 360)
    record(consultant, placement, W46, 390, expected_version=entry.version)
    links = list(db.session.scalars(select(ConfirmLink).order_by(ConfirmLink.id)))
    assert len(links) == 2 and links[0].expires_at <= NOW < links[1].expires_at
    assert links[1].entry_version == entry.version


def test_auto_confirm_after_the_set_days_tells_the_business_once(consultant, placement):
    entry = record(consultant, placement, W46, 360, now=NOW - timedelta(days=6))
    own = record(business_user(placement), placement, W45, 300, now=NOW - timedelta(days=6))
    fresh = make_placement()
    young = record(consultant, fresh, W46, 300, now=NOW - timedelta(days=2))
    assert jobs.auto_confirm(NOW) == {"confirmed": 2}
    assert (entry.confirmed_via, own.confirmed_via, young.status) == ("auto", "auto", "entered")
    kinds = list(db.session.scalars(select(OutboxMessage.kind)))
    assert kinds.count("hours_auto_confirmed") == 1  # only the week the bureau wrote
    assert jobs.auto_confirm(NOW) == {"confirmed": 0}
    assert db.session.scalar(select(func.count(HoursEvent.id)).where(
        HoursEvent.action == "auto_confirmed")) == 2


def test_monday_reminder_once_per_missing_week_and_catching_up(consultant, placement):
    record(consultant, placement, W45, 360)
    missing = [m.week for m in missing_weeks(TODAY)]
    assert missing == [W46]
    later = NOW + timedelta(days=14)  # two Mondays missed: weeks 46, 47 and 48 are now due
    assert jobs.remind_missing(later) == {"reminders": 3}
    assert jobs.remind_missing(later) == {"reminders": 0}
    mails = list(db.session.scalars(select(OutboxMessage).where(
        OutboxMessage.kind == "hours_missing")))
    assert {m.recipient for m in mails} == {consultant.email}
    # A business that writes its own hours is reminded too.
    record(business_user(placement), placement, W46, 360)
    assert jobs.remind_missing(later + timedelta(days=7)) == {"reminders": 1}
    recipients = {m.recipient for m in db.session.scalars(select(OutboxMessage).where(
        OutboxMessage.kind == "hours_missing"))}
    assert placement_contact(placement) in recipients


def placement_contact(placement):
    from smajob.tasks.models import Task

    return db.session.get(Task, placement.task_id).contact_email


def test_the_business_story_counts_confirmed_hours_only(consultant, placement):
    from smajob.placements.story import counts_for_business

    entry = record(consultant, placement, W45, 360)
    record(consultant, placement, W46, 300)
    services.confirm(business_user(placement), entry, expected_version=entry.version, now=NOW)
    assert counts_for_business(placement.business_id).minutes == 360
