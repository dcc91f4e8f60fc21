"""Scheduled jobs of the hours ledger. Both work from database state: run twice → same database;
run late → they catch up."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from smajob import clock
from smajob.extensions import db
from smajob.hours import notify
from smajob.hours.missing import missing_weeks
from smajob.hours.models import ConfirmedVia, HoursEntry, HoursEvent, HoursReminder, HoursStatus
from smajob.placements.models import Placement
from smajob.rates.services import get_rate


def auto_confirm(now: datetime) -> dict[str, int]:
    """Weeks nobody confirmed within the configured number of days are confirmed; the business is
    told."""
    today = clock.to_local(now).date()
    days = get_rate("hours_auto_confirm", today)
    due = list(db.session.scalars(select(HoursEntry).where(
        HoursEntry.status == HoursStatus.ENTERED,
        HoursEntry.entered_at <= now - timedelta(days=days)).order_by(HoursEntry.id)))
    for entry in due:
        entry.status, entry.confirmed_via, entry.confirmed_at = (
            HoursStatus.CONFIRMED, ConfirmedVia.AUTO, now)
        db.session.flush()
        db.session.add(HoursEvent(entry_id=entry.id, at=now, action="auto_confirmed",
                                  new_minutes=entry.minutes))
        if entry.entered_side == "bureau":  # the business did not answer: tell it
            notify.auto_confirmed(db.session.get(Placement, entry.placement_id), entry)
    return {"confirmed": len(due)}


def remind_missing(now: datetime) -> dict[str, int]:
    """Monday: every placement without hours for a past week → a reminder to its consultant (and
    the business, if it has entered hours itself), once per placement and week."""
    today = clock.to_local(now).date()
    sent = 0
    reminded = {tuple(row) for row in db.session.execute(
        select(HoursReminder.placement_id, HoursReminder.week_start))}
    for missing in missing_weeks(today, weeks_back=4):
        key = (missing.placement.id, missing.week.monday)
        if key in reminded:
            continue
        business_enters = db.session.scalar(select(HoursEntry.id).where(
            HoursEntry.placement_id == missing.placement.id,
            HoursEntry.entered_side == "business").limit(1)) is not None
        notify.missing_week(missing.placement, missing.week.monday,
                            business_enters=business_enters)
        db.session.add(HoursReminder(placement_id=key[0], week_start=key[1], sent_at=now))
        reminded.add(key)
        sent += 1
    return {"reminders": sent}
