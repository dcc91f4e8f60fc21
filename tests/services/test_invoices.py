"""Invoices: one draft per business and month from confirmed weeks; numbers only when issued,
consecutive, never reused; issued documents never change; corrections become adjustment lines on
the next invoice; a credit note reverses a whole invoice; the monthly job is idempotent and
catches up."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from smajob.billing import jobs, services
from smajob.billing.models import Invoice, InvoiceLine
from smajob.businesses.models import Business
from smajob.errors import Conflict, RuleViolation
from smajob.extensions import db
from smajob.hours import services as hours
from smajob.isoweek import IsoWeek
from tests import factories

NOW = datetime(2026, 11, 16, 8, tzinfo=UTC)
TODAY = date(2026, 11, 16)
DEC1 = datetime(2026, 12, 1, 5, tzinfo=UTC)
NOV = date(2026, 11, 1)


@pytest.fixture
def consultant(app):
    return factories.make_user(role="consultant")


def confirmed(consultant, placement, week: IsoWeek, minutes: int, *, reason=None, today=TODAY):
    entry = hours.get_entry(placement.id, week)
    entry = hours.record_week(consultant, placement, week, minutes, reason=reason,
                              expected_version=entry.version if entry else None, now=NOW,
                              today=today)
    business = factories.make_user(role="business", business_id=placement.business_id)
    hours.confirm(business, entry, expected_version=entry.version, now=NOW)
    return entry


def lines_of(invoice):
    return [(line.minutes, line.amount, line.is_adjustment) for line in db.session.scalars(
        select(InvoiceLine).where(InvoiceLine.invoice_id == invoice.id).order_by(InvoiceLine.id))]


def test_one_draft_per_business_and_month_with_a_line_per_week(consultant):
    a = factories.make_placement()
    b = factories.make_placement()
    confirmed(consultant, a, IsoWeek(2026, 45), 360)
    confirmed(consultant, a, IsoWeek(2026, 46), 390)
    confirmed(consultant, b, IsoWeek(2026, 46), 300)
    unconfirmed = hours.record_week(consultant, b, IsoWeek(2026, 45), 300, now=NOW, today=TODAY)
    drafts = services.create_drafts(consultant, NOV, now=DEC1, today=date(2026, 12, 1))
    assert [d.business_id for d in drafts] == sorted([a.business_id, b.business_id])
    first = next(d for d in drafts if d.business_id == a.business_id)
    assert lines_of(first) == [(360, 111_000, False), (390, 120_250, False)]
    assert (first.subtotal, first.vat, first.total) == (231_250, 57_813, 289_063)
    assert (first.number, first.status) == (None, "draft")
    assert services.create_drafts(consultant, NOV, now=DEC1, today=date(2026, 12, 1)) == []
    assert unconfirmed.invoiced_minutes == 0


def test_issuing_numbers_consecutively_and_freezes(consultant, app):
    placements = [factories.make_placement() for _ in range(3)]
    for p in placements:
        confirmed(consultant, p, IsoWeek(2026, 46), 360)
    drafts = services.create_drafts(consultant, NOV, now=DEC1, today=date(2026, 12, 1))
    issued = [services.issue(consultant, d, now=DEC1, today=date(2026, 12, 1)) for d in drafts]
    assert [i.number for i in issued] == [1, 2, 3]
    first = issued[0]
    business = db.session.get(Business, first.business_id)
    assert (first.due_date, first.buyer_cvr, first.buyer_name) == (
        date(2026, 12, 15), business.cvr, business.name)
    assert "CVR" in first.seller
    with pytest.raises(Conflict):
        services.issue(consultant, first, now=DEC1, today=date(2026, 12, 1))
    with pytest.raises(RuleViolation):
        services.delete_draft(consultant, first)
    assert hours.get_entry(placements[0].id, IsoWeek(2026, 46)).invoiced_minutes == 360


def test_a_refused_issue_uses_no_number(consultant):
    placement = factories.make_placement()
    entry = confirmed(consultant, placement, IsoWeek(2026, 46), 360)
    draft = services.create_drafts(consultant, NOV, now=DEC1, today=date(2026, 12, 1))[0]
    hours.record_week(consultant, placement, IsoWeek(2026, 46), 300, reason="Syg fredag",
                      expected_version=entry.version, now=NOW, today=TODAY)  # unconfirmed again
    db.session.commit()
    with pytest.raises(RuleViolation, match="intet at fakturere"):
        services.issue(consultant, draft, now=DEC1, today=date(2026, 12, 1))
    db.session.rollback()
    services.delete_draft(consultant, draft)
    other = factories.make_placement()
    confirmed(consultant, other, IsoWeek(2026, 46), 360)
    again = services.create_drafts(consultant, NOV, now=DEC1, today=date(2026, 12, 1))[0]
    assert services.issue(consultant, again, now=DEC1, today=date(2026, 12, 1)).number == 1


def test_a_correction_after_invoicing_is_an_adjustment_on_the_next_invoice(consultant):
    placement = factories.make_placement()
    confirmed(consultant, placement, IsoWeek(2026, 46), 390)
    nov = services.create_drafts(consultant, NOV, now=DEC1, today=date(2026, 12, 1))[0]
    services.issue(consultant, nov, now=DEC1, today=date(2026, 12, 1))
    total_before = nov.total
    confirmed(consultant, placement, IsoWeek(2026, 46), 420, reason="Glemt en halv time",
              today=date(2026, 12, 10))
    confirmed(consultant, placement, IsoWeek(2026, 49), 360, today=date(2026, 12, 10))
    dec = services.create_drafts(consultant, date(2026, 12, 1), now=DEC1,
                                 today=date(2027, 1, 1))[0]
    assert sorted(lines_of(dec)) == [(30, 9_250, True), (360, 111_000, False)]
    assert nov.total == total_before and lines_of(nov) == [(390, 120_250, False)]


def test_downward_corrections_alone_are_issued_as_a_credit_note(consultant):
    placement = factories.make_placement()
    confirmed(consultant, placement, IsoWeek(2026, 46), 390)
    nov = services.issue(consultant, services.create_drafts(
        consultant, NOV, now=DEC1, today=date(2026, 12, 1))[0], now=DEC1, today=date(2026, 12, 1))
    confirmed(consultant, placement, IsoWeek(2026, 46), 360, reason="Gik tidligt",
              today=date(2026, 12, 10))
    dec = services.create_drafts(consultant, date(2026, 12, 1), now=DEC1,
                                 today=date(2027, 1, 1))[0]
    note = services.issue(consultant, dec, now=DEC1, today=date(2027, 1, 1))
    assert (note.kind, note.credits_invoice_id, note.subtotal) == ("credit_note", nov.id, -9_250)


def test_credit_note_reverses_the_invoice_and_its_weeks_are_billed_again(consultant):
    placement = factories.make_placement()
    confirmed(consultant, placement, IsoWeek(2026, 46), 390)
    nov = services.issue(consultant, services.create_drafts(
        consultant, NOV, now=DEC1, today=date(2026, 12, 1))[0], now=DEC1, today=date(2026, 12, 1))
    with pytest.raises(RuleViolation, match="hvorfor"):
        services.credit(consultant, nov, reason=" ", now=DEC1, today=date(2026, 12, 2))
    note = services.credit(consultant, nov, reason="Forkert virksomhed", now=DEC1,
                           today=date(2026, 12, 2))
    assert (note.number, note.total, note.credits_invoice_id) == (2, -nov.total, nov.id)
    assert lines_of(note) == [(-390, -120_250, False)]
    assert hours.get_entry(placement.id, IsoWeek(2026, 46)).invoiced_minutes == 0
    with pytest.raises(Conflict):
        services.credit(consultant, nov, reason="igen", now=DEC1, today=date(2026, 12, 2))
    with pytest.raises(RuleViolation):
        services.credit(consultant, note, reason="kredit af kredit", now=DEC1,
                        today=date(2026, 12, 2))


def test_monthly_job_is_idempotent_and_catches_up_a_missed_month(consultant):
    placement = factories.make_placement(start=date(2026, 10, 5))
    confirmed(consultant, placement, IsoWeek(2026, 42), 360)  # October
    confirmed(consultant, placement, IsoWeek(2026, 46), 360)  # November
    jan = datetime(2027, 1, 1, 5, tzinfo=UTC)  # the December 1st run was missed
    assert jobs.monthly_invoices(jan) == {"drafts": 2}
    assert jobs.monthly_invoices(jan) == {"drafts": 0}
    months = dict(db.session.execute(select(Invoice.month, Invoice.subtotal)).all())
    assert months == {date(2026, 10, 1): 111_000, date(2026, 11, 1): 111_000}
    assert db.session.scalar(select(func.count(InvoiceLine.id))) == 2


def test_issuing_at_once_never_doubles_or_skips_a_number(app, consultant):
    import threading

    from sqlalchemy.exc import OperationalError

    for _ in range(4):
        confirmed(consultant, factories.make_placement(), IsoWeek(2026, 46), 360)
    ids = [d.id for d in services.create_drafts(consultant, NOV, now=DEC1,
                                                today=date(2026, 12, 1))]
    ids.append(ids[0])  # and the same draft twice
    actor_id = consultant.id
    db.session.commit()
    barrier, outcomes = threading.Barrier(len(ids)), []

    def issue(invoice_id):
        with app.app_context():
            from smajob.accounts.models import User

            actor, invoice = db.session.get(User, actor_id), db.session.get(Invoice, invoice_id)
            barrier.wait()
            try:
                services.issue(actor, invoice, now=DEC1, today=date(2026, 12, 1))
                db.session.commit()
                outcomes.append("issued")
            except (RuleViolation, OperationalError):
                db.session.rollback()
                outcomes.append("refused")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=issue, args=(i,)) for i in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    db.session.expire_all()
    numbers = sorted(db.session.scalars(select(Invoice.number).where(
        Invoice.number.is_not(None))))
    assert numbers == list(range(1, len(numbers) + 1))  # consecutive, no doubles
    assert outcomes.count("issued") == len(numbers) and "refused" in outcomes
    if db.engine.dialect.name == "postgresql":  # row locks wait; SQLite may time out a writer
        assert len(numbers) == 4


def test_old_weeks_keep_old_rates_after_a_dated_change(consultant):
    from smajob.placements import terms

    placement = factories.make_placement()
    terms.change_terms(consultant, placement, valid_from=date(2026, 11, 16), weekly_minutes=360,
                       wage=15_000, bill_rate=20_000, reason="Flere opgaver", now=NOW,
                       today=TODAY)
    confirmed(consultant, placement, IsoWeek(2026, 46), 60)  # before the change: 185,00 kr.
    confirmed(consultant, placement, IsoWeek(2026, 47), 60)  # from the change: 200,00 kr.
    draft = services.create_drafts(consultant, NOV, now=DEC1, today=date(2026, 12, 1))[0]
    assert lines_of(draft) == [(60, 18_500, False), (60, 20_000, False)]
    from smajob.payroll import services as payroll

    assert [(x.item.wage, x.wages) for x in payroll.preview(NOV)[0]] == [
        (14_000, 14_000), (15_000, 15_000)]


def test_a_business_already_invoiced_for_the_month_is_skipped_and_its_placements_share_one_draft(
        consultant):
    task = factories.make_task(seats=5)
    a1, a2 = factories.make_placement(task=task), factories.make_placement(task=task)
    b = factories.make_placement()
    confirmed(consultant, a1, IsoWeek(2026, 45), 360)
    confirmed(consultant, b, IsoWeek(2026, 45), 300)
    [first] = [d for d in services.create_drafts(consultant, NOV, now=DEC1,
                                                 today=date(2026, 12, 1))
               if d.business_id == b.business_id]
    confirmed(consultant, a2, IsoWeek(2026, 46), 390)  # a's draft is gone: delete it, bill again
    confirmed(consultant, b, IsoWeek(2026, 46), 300)  # b has its November draft already
    services.delete_draft(consultant, db.session.scalar(select(Invoice).where(
        Invoice.business_id == a1.business_id)))
    drafts = services.create_drafts(consultant, NOV, now=DEC1, today=date(2026, 12, 1))
    assert [d.business_id for d in drafts] == [a1.business_id]
    assert sorted(m for m, _, _ in lines_of(drafts[0])) == [360, 390]  # both placements
    assert [m for m, _, _ in lines_of(first)] == [300]
