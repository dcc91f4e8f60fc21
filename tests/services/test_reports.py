"""Report aggregates against hand-computed fixtures: the outflow table of seed 002, the bureau's
evaluation (160 referred, 102 with paid work → 64 %), the cohort definitions (SU counts, a flex
job does not, unknown apart), and a query count that does not grow with the data."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import event, insert

from smajob.candidates.models import Candidate
from smajob.extensions import db
from smajob.hours.models import HoursEntry
from smajob.outcomes.models import Outcome
from smajob.placements.models import Placement
from smajob.reports import cohort_queries, cohorts, evaluation, evaluation_queries, queries, tables
from smajob.reports.queries import ReportScope
from tests import factories

# Seed 002, "Udslusning pr. 31. august 2017": category → (2015, 2016, 2017).
SEED_002 = {
    "ordinary_work": (1, 23, 45), "ordinary_education": (2, 35, 61), "igu": (0, 2, 13),
    "pension": (0, 1, 0), "moved": (5, 10, 17), "other": (1, 6, 6),
}


def _candidates(municipality, count, **fields):
    rows = [{"municipality_id": municipality.id, "first_name": "B", "last_name": str(i),
             "benefit_type": "kontanthjaelp_aktivitetsparat", "referral_date": date(2025, 1, 6),
             "status": "referred", **fields} for i in range(count)]
    if not rows:
        return []
    db.session.execute(insert(Candidate), rows)
    return list(db.session.scalars(db.select(Candidate.id).order_by(Candidate.id.desc())
                                   .limit(count)))[::-1]


def _seed_002(municipality):
    for category, per_year in SEED_002.items():
        for year, count in zip((2015, 2016, 2017), per_year, strict=True):
            _candidates(municipality, count, status="exited", outflow=category,
                        exited_on=date(year, 6, 1))


def test_the_outflow_table_matches_the_jobcenters_own(app):
    municipality = factories.make_municipality()
    _seed_002(municipality)
    _candidates(factories.make_municipality(), 7, status="exited", outflow="igu",
                exited_on=date(2016, 3, 1))  # another municipality: not in this table
    scope = ReportScope((municipality.id,), date(2015, 1, 1), date(2017, 8, 31))
    grid = tables.pivot(queries.outflow_counts(scope), [*SEED_002, "flex_job"],
                        [2015, 2016, 2017], suppressed=False)
    assert grid.col_totals == [9, 77, 142] and grid.grand_total == 228
    assert grid.row_totals[:6] == [69, 98, 15, 1, 32, 13] and grid.row_totals[6] == 0
    whole_country = ReportScope(None, date(2015, 1, 1), date(2017, 8, 31))
    assert sum(n for *_, n in queries.outflow_counts(whole_country)) == 235


def _placement_rows(task, candidate_ids, start_of, minutes=900):
    rows = [{"task_id": task.id, "candidate_id": cid, "business_id": task.business_id,
             "status": "ended", "start_date": start_of(cid), "end_date": start_of(cid)
             + timedelta(days=60), "end_reason": "task_ended", "weekly_minutes": minutes,
             "pattern": task.pattern, "wage": 14_000, "bill_rate": 18_500}
            for cid in candidate_ids]
    db.session.execute(insert(Placement), rows)
    placements = db.session.execute(db.select(Placement.id, Placement.start_date)).all()
    db.session.execute(insert(HoursEntry), [
        {"placement_id": pid, "week_start": start - timedelta(days=start.weekday()),
         "minutes": minutes, "status": "confirmed", "entered_side": "bureau",
         "entered_at": datetime(2026, 1, 1, tzinfo=UTC), "flags": []}
        for pid, start in placements if pid > (max(p for p, _ in placements) - len(rows))])


def _outcomes(candidate_ids, statuses, municipality, reference):
    db.session.execute(insert(Outcome), [
        {"candidate_id": cid, "municipality_id": municipality.id, "course_end": reference,
         "months_after": 3, "reference_date": reference + timedelta(days=91), "status": status,
         "source": "jobcenter_system"} for cid, status in zip(candidate_ids, statuses,
                                                                strict=True)])


def test_the_evaluation_figures_match_the_bureaus_own(app):
    municipality = factories.make_municipality()
    ids = _candidates(municipality, 160, referral_date=date(2025, 1, 6))
    task = factories.make_task(seats=200)
    first_start = date(2025, 1, 6) + timedelta(weeks=18)
    working = ids[:102]
    _placement_rows(task, working, lambda _: first_start)
    _placement_rows(task, working[:45], lambda _: first_start + timedelta(weeks=10))
    statuses = (["ordinary_job"] * 34 + ["education_su"] + ["flex_job"]
                + ["other_benefit"] * 64 + ["unknown"] * 2)
    _outcomes(working[:102], statuses, municipality, first_start + timedelta(days=30))
    scope = ReportScope((municipality.id,), date(2025, 1, 1), date(2025, 12, 31))
    result = evaluation.figures(evaluation_queries.evaluation_counts(scope))
    assert (result.referred, result.with_paid_work, result.job_rate.percent) == (160, 102, 64)
    assert (result.placements, result.with_two_or_more) == (147, 45)
    assert result.median_weeks_to_first_job == 18 and result.mean_weeks_to_first_job == 18
    assert result.mean_hours_per_week == 15
    # SU counts as self-supporting, a flex job does not, the two unknowns stay apart: 35/100.
    share = result.self_supporting_within_year
    assert (share.numerator, share.denominator, share.unknown, share.percent) == (35, 100, 2, 35)


def test_cohorts_count_su_as_self_supporting_and_keep_unknown_and_moved_apart(app):
    municipality = factories.make_municipality()
    ends = {date(2026, 1, 15): ["ordinary_job", "education_su", "flex_job", "unknown",
                                "moved_away", "other_benefit"],
            date(2026, 2, 3): ["ordinary_job", None]}
    for end, statuses in ends.items():
        ids = _candidates(municipality, len(statuses), status="exited", exited_on=end,
                          outflow="other")
        _outcomes(ids, statuses, municipality, end)
    scope = ReportScope((municipality.id,), date(2026, 1, 1), date(2026, 6, 30))
    rows = cohorts.assemble(cohort_queries.status_counts(scope),
                            cohort_queries.cohort_sizes(scope),
                            cohort_queries.window_counts(scope), "month")
    assert [(r.period, r.size) for r in rows] == [("2026-01", 6), ("2026-02", 2)]
    assert (rows[0].numerator, rows[0].denominator, rows[0].unknown) == (2, 4, 1)
    assert rows[0].window.percent == 50
    assert rows[1].points[3] == {"ordinary_job": 1, "pending": 1}
    quarter = cohorts.assemble(cohort_queries.status_counts(scope),
                               cohort_queries.cohort_sizes(scope),
                               cohort_queries.window_counts(scope), "quarter")
    assert [(r.period, r.size, r.numerator, r.denominator) for r in quarter] == [
        ("2026 K1", 8, 3, 5)]
    hidden = cohorts.window_lines(rows, suppressed=True)
    assert hidden[0].numerator is None and hidden[0].percent is None


def test_hours_by_month_count_a_week_in_the_month_of_its_thursday(app):
    here, there = factories.make_municipality(), factories.make_municipality()
    placement = factories.make_placement(
        candidate=factories.make_candidate(municipality=here), start=date(2026, 9, 14))
    elsewhere = factories.make_placement(
        candidate=factories.make_candidate(municipality=there), start=date(2026, 9, 14))
    weeks = {date(2026, 9, 21): 60,  # Thursday 24 September
             date(2026, 9, 28): 120,  # Monday in September, Thursday 1 October
             date(2026, 10, 26): 240,  # Thursday 29 October, Sunday 1 November
             date(2026, 11, 2): 480}
    db.session.execute(insert(HoursEntry), [
        {"placement_id": p.id, "week_start": monday, "minutes": minutes, "entered_side": "bureau",
         "status": "confirmed" if monday.month == 9 else "entered",
         "entered_at": datetime(2026, 11, 9, tzinfo=UTC), "flags": []}
        for p in (placement, elsewhere) for monday, minutes in weeks.items()])
    year = ReportScope((here.id,), date(2026, 1, 1), date(2026, 12, 31))
    assert queries.minutes_by_month(year) == {
        (2026, 9): (60, 60), (2026, 10): (360, 120), (2026, 11): (480, 0)}
    # October as a period holds the weeks counted in October, the week of 28 September too.
    october = ReportScope((here.id,), date(2026, 10, 1), date(2026, 10, 31))
    assert queries.minutes_by_month(october) == {(2026, 10): (360, 120)}
    country = ReportScope(None, date(2026, 10, 1), date(2026, 10, 31))
    assert queries.minutes_by_month(country) == {(2026, 10): (720, 240)}


@pytest.fixture
def statements():
    seen = []

    def _count(*_args):
        seen.append(1)

    event.listen(db.engine, "before_cursor_execute", _count)
    yield seen
    event.remove(db.engine, "before_cursor_execute", _count)


def _every_report(scope):
    queries.dashboard(scope, date(2026, 11, 16))
    queries.outflow_counts(scope)
    cohort_queries.status_counts(scope)
    cohort_queries.cohort_sizes(scope)
    cohort_queries.window_counts(scope)
    evaluation_queries.evaluation_counts(scope)


def test_the_query_count_of_every_report_does_not_grow_with_the_data(app, statements):
    municipality = factories.make_municipality()
    scope = ReportScope((municipality.id,), date(2024, 1, 1), date(2026, 11, 16))
    db.session.commit()
    statements.clear()
    _every_report(scope)
    small = len(statements)
    statements.clear()
    ids = _candidates(municipality, 300, status="exited", exited_on=date(2025, 5, 1),
                      outflow="ordinary_work", referral_date=date(2025, 1, 6))
    _placement_rows(factories.make_task(seats=400), ids, lambda _: date(2025, 2, 3))
    _outcomes(ids, ["ordinary_job"] * 300, municipality, date(2025, 5, 1))
    db.session.commit()
    statements.clear()
    _every_report(scope)
    assert len(statements) == small == 13  # dashboard 4, outflow 1, cohorts 3, evaluation 5
