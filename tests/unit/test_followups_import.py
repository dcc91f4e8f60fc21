from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from smajob.outcomes import csv_import
from smajob.outcomes.definitions import OutcomeStatus
from smajob.outcomes.followups import add_months, due, parse_months, schedule

TODAY = date(2026, 11, 16)


def test_add_months_clamps_to_the_months_last_day():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert add_months(date(2026, 5, 15), 12) == date(2027, 5, 15)


@given(st.dates(date(2000, 1, 1), date(2090, 1, 1)), st.integers(0, 120))
def test_add_months_moves_exactly_that_many_calendar_months(day, months):
    later = add_months(day, months)
    assert (later.year - day.year) * 12 + later.month - day.month == months
    assert later.day == day.day or (later.day < day.day and (later + timedelta(days=1)).day == 1)


def test_schedule_and_reference_week():
    points = schedule(date(2026, 3, 10))
    assert [p.months_after for p in points] == [1, 3, 6, 12]
    assert points[0].due == date(2026, 4, 10)
    assert str(points[0].reference_week) == "2026-W15"


def test_due_lists_missed_points_until_recorded():
    end = date(2026, 1, 15)
    assert [f.months_after for f in due(end, TODAY)] == [1, 3, 6]
    assert [f.months_after for f in due(end, TODAY, recorded=[1, 6])] == [3]
    assert due(end, date(2026, 2, 14)) == []
    assert [f.months_after for f in due(end, date(2026, 2, 15))] == [1]


def test_parse_months():
    assert parse_months("12, 1;3,6") == (1, 3, 6, 12)
    for bad in ("", "0", "a", "61", "-1"):
        try:
            parse_months(bad)
        except ValueError:
            continue
        raise AssertionError(bad)


GOOD = ("sagsnummer;referencedato;status;timer_pr_uge\n"
        "J-100;01-10-2026;ordinært job;12\n"
        "J-101;2026-10-01;uddannelse;\n"
        "J-102;01.10.2026;UKENDT;\n")


def test_parse_reads_danish_headers_words_and_dates():
    parsed = csv_import.parse("\ufeff" + GOOD, today=TODAY)
    assert parsed.ok, parsed.errors
    assert [(r.case_reference, r.status, r.hours_per_week) for r in parsed.rows] == [
        ("J-100", OutcomeStatus.ORDINARY_JOB, 12), ("J-101", OutcomeStatus.EDUCATION_SU, None),
        ("J-102", OutcomeStatus.UNKNOWN, None)]
    assert {r.reference_date for r in parsed.rows} == {date(2026, 10, 1)}


def test_parse_reports_each_bad_row_with_line_and_field():
    text = ("case_reference,reference_date,status,hours\n"
            "J-1,2026-10-01,flex_job,\n"
            ",2026-10-01,flex_job,\n"
            "J-3,32-10-2026,flex_job,\n"
            "J-4,2027-01-01,flex_job,\n"
            "J-5,2026-10-01,arbejdsløs,\n"
            "J-6,2026-10-01,ordinary_job,200\n"
            "J-1,2026-10-01,other,\n")
    parsed = csv_import.parse(text, today=TODAY)
    assert not parsed.ok
    assert [(e.line, e.field, e.code) for e in parsed.errors] == [
        (3, "case_reference", "required"), (4, "reference_date", "date"),
        (5, "reference_date", "future"), (6, "status", "status"),
        (7, "hours_per_week", "hours"), (8, "case_reference", "duplicate")]
    assert [r.case_reference for r in parsed.rows] == ["J-1"]


def test_parse_rejects_missing_columns_and_empty_files():
    assert csv_import.parse("navn;dato\nA;2026-01-01\n", today=TODAY).errors[0].code == (
        "missing_columns")
    assert csv_import.parse("", today=TODAY).errors[0].code == "empty"
    assert csv_import.parse("sagsnummer;dato;status\n", today=TODAY).errors[0].code == "empty"


def test_same_file_same_fingerprint():
    first = csv_import.parse(GOOD, today=TODAY)
    again = csv_import.parse("\ufeff" + GOOD + "\n", today=TODAY)
    assert first.fingerprint == again.fingerprint
    assert csv_import.parse(GOOD.replace("12", "13"), today=TODAY).fingerprint != first.fingerprint


@given(st.text(max_size=400))
def test_parse_never_raises(text):
    parsed = csv_import.parse(text, today=TODAY)
    assert parsed.ok or parsed.errors
