"""Making, refreshing, issuing, deleting and crediting invoices. Numbers come from one locked
counter inside the issuing transaction; an issued invoice is never changed."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select, update

from smajob.audit.services import record_audit
from smajob.billing import invoicing
from smajob.billing.models import Invoice, InvoiceKind, InvoiceLine, InvoiceSequence, InvoiceStatus
from smajob.businesses.models import Business
from smajob.errors import Conflict, RuleViolation
from smajob.extensions import db
from smajob.hours.models import HoursEntry, HoursStatus
from smajob.hours.queries import unsettled_weeks
from smajob.hours.rules import month_of, next_month
from smajob.isoweek import IsoWeek
from smajob.placements.models import Placement
from smajob.rates.services import get_rate


def billable(business_id: int | None, up_to_month: date, *,
             for_invoice_id: int | None = None) -> list[invoicing.Billable]:
    """Confirmed weeks with something left to bill, up to `up_to_month`, not held by another
    draft."""
    return [item for items in billable_by_business(
        business_id, up_to_month, for_invoice_id=for_invoice_id).values() for item in items]


def billable_by_business(business_id: int | None, up_to_month: date, *,
                         for_invoice_id: int | None = None) -> dict[int, list[invoicing.Billable]]:
    """`billable`, grouped by the business each week is billed to."""
    held = select(InvoiceLine.entry_id).join(Invoice, Invoice.id == InvoiceLine.invoice_id).where(
        Invoice.status == InvoiceStatus.DRAFT, InvoiceLine.entry_id.is_not(None))
    if for_invoice_id is not None:
        held = held.where(Invoice.id != for_invoice_id)
    where = [HoursEntry.id.not_in(held)]
    if business_id is not None:
        where.append(Placement.business_id == business_id)
    grouped: dict[int, list[invoicing.Billable]] = {}
    for entry, placement, candidate, task, terms in unsettled_weeks(
            HoursEntry.invoiced_minutes, up_to_month, *where):
        grouped.setdefault(placement.business_id, []).append(invoicing.Billable(
            entry.id, placement.id, entry.week_start, entry.minutes, entry.invoiced_minutes,
            terms.bill_rate, f"{candidate.first_name}, {task.title}"))
    return grouped


def _set_lines(invoice: Invoice, lines: list[invoicing.Line], today: date) -> None:
    db.session.execute(delete(InvoiceLine).where(InvoiceLine.invoice_id == invoice.id))
    for line in lines:
        week = IsoWeek.of(line.week_start)
        text = f"{line.label}, uge {week.week} {week.year}"
        db.session.add(InvoiceLine(
            invoice_id=invoice.id, placement_id=line.placement_id, entry_id=line.entry_id,
            week_start=line.week_start, minutes=line.minutes, rate=line.rate, amount=line.amount,
            is_adjustment=line.is_adjustment,
            description=(f"Regulering: {text}" if line.is_adjustment else text)[:300]))
    invoice.vat_basis_points = get_rate("vat", today)
    invoice.payment_days = get_rate("payment_terms", today)
    sums = invoicing.totals(lines, invoice.vat_basis_points)
    invoice.subtotal, invoice.vat, invoice.total = sums.subtotal, sums.vat, sums.total
    db.session.flush()


def refresh(invoice: Invoice, today: date) -> None:
    """Rebuild a draft's lines from the ledger as it stands (corrections and late weeks in)."""
    if invoice.status != InvoiceStatus.DRAFT or invoice.kind != InvoiceKind.INVOICE:
        return
    _set_lines(invoice, invoicing.lines_for(billable(invoice.business_id, invoice.month,
                                                     for_invoice_id=invoice.id)), today)


def refresh_drafts_holding(entry_id: int, today: date) -> None:
    """After a week changed: drafts that bill it are rebuilt."""
    for invoice in db.session.scalars(select(Invoice).join(
            InvoiceLine, InvoiceLine.invoice_id == Invoice.id).where(
            InvoiceLine.entry_id == entry_id, Invoice.status == InvoiceStatus.DRAFT).distinct()):
        refresh(invoice, today)


def create_drafts(actor, month: date, *, now: datetime, today: date) -> list[Invoice]:
    """One draft per business with something to bill up to `month` and no invoice for it yet.
    The billable weeks are read once for every business, grouped by business (a query per
    business read the whole ledger again each time: 432 drafts took 28 s at municipality size).
    Each business's share is exactly what `billable(business_id, month)` gives: the drafts made
    here hold weeks of their own business only."""
    month = month.replace(day=1)
    grouped = billable_by_business(None, month)
    keys = {business_id: f"{business_id}:{month:%Y-%m}" for business_id in grouped}
    taken = set(db.session.scalars(select(Invoice.period_key).where(
        Invoice.period_key.in_(list(keys.values())))))
    made = []
    for business_id in sorted(grouped):
        if keys[business_id] in taken:
            continue
        lines = invoicing.lines_for(grouped[business_id])
        if not lines:
            continue
        invoice = Invoice(business_id=business_id, month=month, period_key=keys[business_id],
                          created_at=now, created_by_id=getattr(actor, "id", None))
        db.session.add(invoice)
        db.session.flush()
        _set_lines(invoice, lines, today)
        made.append(invoice)
        record_audit(actor, "invoice.draft", object_type="invoice", object_id=invoice.id)
    return made


def months_due(today: date) -> list[date]:
    """Every month from the oldest unbilled confirmed week up to last month (catching up)."""
    oldest = db.session.scalar(select(HoursEntry.week_start).where(
        HoursEntry.status == HoursStatus.CONFIRMED,
        HoursEntry.minutes != HoursEntry.invoiced_minutes).order_by(HoursEntry.week_start))
    last = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    months, month = [], month_of(oldest) if oldest else None
    while month is not None and month <= last:
        months.append(month)
        month = next_month(month)
    return months


def _next_number() -> int:
    """Lock the counter row (an UPDATE takes the row lock on PostgreSQL and the write lock on
    SQLite) and take the next number; a rollback gives it back."""
    db.session.execute(update(InvoiceSequence).where(InvoiceSequence.id == 1)
                       .values(last_number=InvoiceSequence.last_number + 1))
    number = db.session.scalar(select(InvoiceSequence.last_number).where(InvoiceSequence.id == 1))
    if number is None:
        raise RuntimeError("invoice_sequence row missing (run the migrations)")
    return number


def _stamp(invoice: Invoice, actor, now: datetime, today: date) -> None:
    cfg = current_app.config
    business = db.session.get(Business, invoice.business_id)
    invoice.number = _next_number()
    invoice.status, invoice.issued_at, invoice.issue_date = InvoiceStatus.ISSUED, now, today
    invoice.issued_by_id = getattr(actor, "id", None)
    invoice.due_date = today + timedelta(days=invoice.payment_days)
    invoice.seller = "\n".join([cfg["BUREAU_NAME"], f"CVR {cfg['BUREAU_CVR']}",
                                cfg["BUREAU_ADDRESS"], cfg["BUREAU_BANK_ACCOUNT"]])
    invoice.buyer_name, invoice.buyer_cvr = business.name, business.cvr
    invoice.buyer_address = " ".join(filter(None, [business.address, business.postcode]))[:220]


def _lines(invoice_id: int) -> list[InvoiceLine]:
    return list(db.session.scalars(select(InvoiceLine).where(InvoiceLine.invoice_id == invoice_id)
                                   .order_by(InvoiceLine.id)))


def _book(lines: list[InvoiceLine]) -> None:
    """The weeks' billed minutes follow the document's lines."""
    for line in lines:
        if line.entry_id is not None:
            db.session.execute(update(HoursEntry).where(HoursEntry.id == line.entry_id).values(
                invoiced_minutes=HoursEntry.invoiced_minutes + line.minutes))


def issue(actor, invoice: Invoice, *, now: datetime, today: date) -> Invoice:
    """Refresh, then number and freeze the draft. A draft whose total turned negative (only
    downward corrections) is issued as a credit note."""
    db.session.execute(update(Invoice).where(Invoice.id == invoice.id)
                       .values(status=Invoice.status))  # lock: two clicks issue once
    db.session.refresh(invoice)
    if invoice.status != InvoiceStatus.DRAFT:
        raise Conflict(None, _l("Fakturaen er allerede udstedt."))
    refresh(invoice, today)
    lines = _lines(invoice.id)
    if not lines:
        raise RuleViolation(None, _l("Der er intet at fakturere; slet kladden."))
    if invoice.total < 0:
        invoice.kind = InvoiceKind.CREDIT_NOTE
        invoice.credits_invoice_id = db.session.scalar(
            select(InvoiceLine.invoice_id).join(Invoice, Invoice.id == InvoiceLine.invoice_id)
            .where(InvoiceLine.entry_id.in_([line.entry_id for line in lines]),
                   Invoice.status == InvoiceStatus.ISSUED).order_by(InvoiceLine.id.desc()))
    _stamp(invoice, actor, now, today)
    _book(lines)
    db.session.flush()
    record_audit(actor, "invoice.issue", object_type="invoice", object_id=invoice.id,
                 detail={"number": invoice.number, "total": invoice.total})
    return invoice


def delete_draft(actor, invoice: Invoice) -> None:
    if invoice.status != InvoiceStatus.DRAFT:
        raise RuleViolation(None, _l("En udstedt faktura kan ikke slettes; lav en kreditnota."))
    db.session.execute(delete(InvoiceLine).where(InvoiceLine.invoice_id == invoice.id))
    record_audit(actor, "invoice.delete_draft", object_type="invoice", object_id=invoice.id)
    db.session.delete(invoice)
    db.session.flush()


def credit(actor, invoice: Invoice, *, reason: str, now: datetime, today: date) -> Invoice:
    """A credit note of the whole invoice, issued at once; its weeks are billable again (at
    their current confirmed value) on the next invoice."""
    reason = (reason or "").strip()
    if not reason:
        raise RuleViolation("reason", _l("Skriv hvorfor fakturaen krediteres."))
    if invoice.status != InvoiceStatus.ISSUED or invoice.kind != InvoiceKind.INVOICE:
        raise RuleViolation(None, _l("Kun en udstedt faktura kan krediteres."))
    if db.session.scalar(select(Invoice.id).where(Invoice.credits_invoice_id == invoice.id,
                                                  Invoice.period_key.is_(None))):
        raise Conflict(None, _l("Fakturaen er allerede krediteret."))
    note = Invoice(business_id=invoice.business_id, kind=InvoiceKind.CREDIT_NOTE,
                   month=invoice.month, credits_invoice_id=invoice.id, reason=reason[:300],
                   created_at=now, created_by_id=getattr(actor, "id", None))
    db.session.add(note)
    db.session.flush()
    for line in _lines(invoice.id):
        db.session.add(InvoiceLine(
            invoice_id=note.id, placement_id=line.placement_id, entry_id=line.entry_id,
            week_start=line.week_start, minutes=-line.minutes, rate=line.rate,
            amount=-line.amount, is_adjustment=line.is_adjustment,
            description=f"Kreditering: {line.description}"[:300]))
    db.session.flush()
    note.vat_basis_points, note.payment_days = invoice.vat_basis_points, invoice.payment_days
    note.subtotal, note.vat, note.total = -invoice.subtotal, -invoice.vat, -invoice.total
    _stamp(note, actor, now, today)
    _book(_lines(note.id))
    db.session.flush()
    record_audit(actor, "invoice.credit", object_type="invoice", object_id=note.id,
                 detail={"credits": invoice.number, "reason": reason[:300]})
    return note


def ensure_sequence() -> None:
    """The counter row (the migration makes it; tests on create_all call this)."""
    if db.session.get(InvoiceSequence, 1) is None:
        db.session.add(InvoiceSequence(id=1, last_number=0))
        db.session.flush()
