"""Pure task rules: hour limits, dates, status moves, material changes, phones, DAWA parsing."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from smajob.postcodes import dawa
from smajob.tasks import rules
from smajob.tasks.models import TaskStatus

LIMITS = rules.HourLimits()


@given(st.integers(min_value=0, max_value=7 * 24 * 60))
def test_hours_are_refused_below_five_and_above_37_and_warned_between_10_and_37(total):
    problem = rules.hours_problem(total, LIMITS)
    assert (problem == "too_few") == (total < 300)
    assert (problem == "too_many") == (total > 37 * 60)
    assert rules.hours_warning(total, LIMITS) == (600 < total <= 37 * 60)
    assert not (problem and rules.hours_warning(total, LIMITS))


@given(st.dates(date(2000, 1, 1), date(2100, 1, 1)), st.integers(-400, 400),
       st.one_of(st.none(), st.integers(-400, 400)))
def test_dates(today, start_offset, end_offset):
    start = today + timedelta(days=start_offset)
    end = None if end_offset is None else start + timedelta(days=end_offset)
    problem = rules.dates_problem(start, end, today)
    if start < today:
        assert problem == "start_past"
    elif end is not None and end < start:
        assert problem == "end_before_start"
    else:
        assert problem is None


def test_closed_and_expired_are_final_and_every_move_is_declared():
    for status in TaskStatus:
        assert status in rules.TRANSITIONS
    assert not rules.TRANSITIONS[TaskStatus.CLOSED] and not rules.TRANSITIONS[TaskStatus.EXPIRED]
    assert rules.can_move("submitted", "open") and not rules.can_move("rejected", "open")


def test_material_changes():
    old = {"wage": 14_000, "contact_name": "A", "start_date": date(2026, 12, 1)}
    assert rules.changes(old, {**old, "contact_name": "B"}) == {"contact_name": ["A", "B"]}
    assert not rules.is_material(rules.changes(old, {**old, "contact_name": "B"}))
    assert rules.is_material(rules.changes(old, {**old, "wage": 15_000}))
    assert rules.changes(old, dict(old)) == {}


@given(st.text(max_size=30))
def test_phone_normalisation_never_raises_and_keeps_only_digits(raw):
    phone = rules.normalise_phone(raw)
    assert phone is None or (phone.lstrip("+").isdigit() and 8 <= len(phone.lstrip("+")) <= 15)


def test_phone_examples():
    assert rules.normalise_phone("+45 98 12 34 56") == "+4598123456"
    assert rules.normalise_phone("98-12-34-56") == "98123456"
    assert rules.normalise_phone("1234") is None and rules.normalise_phone("123456789") is None


def test_dawa_rows_and_errors():
    text = ("\ufeffnr;navn;visueltcenter_x;visueltcenter_y\n9000;Aalborg;9,92;57,05\n"
            "9000;Aalborg;9.92;57.05\nabcd;X;9;57\n8000;;10;56\n5000;Odense;x;55\n")
    rows, errors = dawa.parse(text)
    assert rows == [dawa.PostcodeRow("9000", "Aalborg", 57.05, 9.92)]
    assert [(e.line, e.code) for e in errors] == [(3, "duplicate"), (4, "number"), (5, "town"),
                                                  (6, "coordinates")]


@given(st.text(max_size=500))
def test_dawa_parse_never_raises_anything_but_a_header_error(text):
    try:
        rows, _errors = dawa.parse("nr,navn,visueltcenter_x,visueltcenter_y\n" + text)
    except dawa.HeaderError:
        return
    assert all(len(r.number) == 4 and r.number.isdigit() for r in rows)
