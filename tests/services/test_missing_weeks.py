"""Missing weeks found in SQL equal the plain rule (every ISO week touching the placement's days
within the look-back, up to last week, with no entry), for any placements and entries; with a
limit, the first ones in order and the full count."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete

from smajob.extensions import db
from smajob.hours.missing import look_back, missing_weeks
from smajob.hours.models import HoursEntry
from smajob.isoweek import IsoWeek, weeks_between
from smajob.placements.models import Placement
from tests import factories

TODAY = date(2026, 11, 18)  # a Wednesday: last week is 2026-W46
# Days on week boundaries (Monday, Sunday) and mid-week, from 17 weeks ago to next week.
DAY = st.builds(lambda weeks, weekday: IsoWeek.of(TODAY).monday + timedelta(weeks=weeks,
                                                                           days=weekday),
                st.integers(min_value=-17, max_value=1), st.sampled_from([0, 3, 6]))
PLACEMENT = st.tuples(DAY, st.one_of(st.none(), DAY), st.sampled_from(["agreed", "active",
                                                                       "ended"]),
                      st.sampled_from([0, 1]))
ENTRY_WEEKS = st.sets(st.integers(min_value=0, max_value=17), max_size=10)


def oracle(rows, written, weeks_back):
    """The rule as the Python loop it replaced: per placement, every week touching its days."""
    weeks = look_back(TODAY, weeks_back)
    first_start, last_sunday = weeks[0].monday, weeks[-1].sunday
    out = []
    for placement, title in rows:
        if placement.start_date > last_sunday:
            continue
        if placement.status == "ended" and not (placement.end_date
                                                and placement.end_date >= first_start):
            continue
        first = max(placement.start_date, first_start)
        last = min(placement.end_date or last_sunday, last_sunday)
        for week in (weeks_between(first, last) if first <= last else []):
            if (placement.id, week.monday) not in written:
                out.append((week.monday, title, placement.id))
    return sorted(out)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(PLACEMENT, ENTRY_WEEKS), max_size=6), st.sampled_from([4, 8]),
       st.sampled_from([None, 1, 3]), st.booleans())
def test_sql_equals_the_rule(app, specs, weeks_back, limit, one_business):
    tasks = [factories.make_task(seats=50, title="Bager"),
             factories.make_task(seats=50, title="Avis")]
    db.session.execute(delete(HoursEntry))
    db.session.execute(delete(Placement))
    rows, written = [], set()
    for (start, end, status, which), entry_weeks in specs:
        if status == "ended" and end is None:
            end = start
        if end is not None and end < start:
            start, end = end, start
        task = tasks[which]
        placement = factories.make_placement(task=task, start=start, end_date=end, status=status)
        rows.append((placement, task.title))
        for n in entry_weeks:
            monday = IsoWeek.of(TODAY).monday - timedelta(weeks=n)
            db.session.add(HoursEntry(placement_id=placement.id, week_start=monday, minutes=60,
                                      entered_side="bureau",
                                      entered_at=datetime(2026, 11, 1, tzinfo=UTC)))
            written.add((placement.id, monday))
    db.session.flush()
    business = tasks[0].business_id if one_business else None
    expected = oracle([r for r in rows if business is None or r[0].business_id == business],
                      written, weeks_back)
    found = missing_weeks(TODAY, business_id=business, weeks_back=weeks_back, limit=limit)
    got = [(m.week.monday, m.task.title, m.placement.id) for m in found.shown]
    assert got == (expected if limit is None else expected[:limit])
    assert found.total == len(expected) and bool(found) == bool(expected)
    assert all(m.candidate.id == m.placement.candidate_id for m in found.shown)


def test_a_placement_ending_on_a_monday_or_starting_on_a_sunday_misses_that_week(app):
    task = factories.make_task(seats=5)
    last_week = IsoWeek.of(TODAY - timedelta(days=7))
    ends = factories.make_placement(task=task, start=last_week.monday - timedelta(weeks=1),
                                    end_date=last_week.monday, status="ended")
    starts = factories.make_placement(task=task, start=last_week.sunday)
    db.session.flush()
    found = missing_weeks(TODAY, weeks_back=2)
    assert sorted((m.placement.id, m.week) for m in found) == sorted(
        [(ends.id, last_week.previous()), (ends.id, last_week), (starts.id, last_week)])
