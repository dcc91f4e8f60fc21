"""The outflow, cohort and hours reports over a generated country (50,000 candidates in 98
municipalities, 1,000,000 weekly hours entries, follow-ups for everyone who left), in SQL
(GROUP BY) against computing the same figures in Python from fetched rows in the same run:
the whole country and one municipality, on SQLite and, when SMAJOB_TEST_DATABASE_URL is set,
on PostgreSQL. The data set is smajob.demo.country's, the one `flask smajob seed-demo --scale
country` loads. Sizes via SMAJOB_BENCH_CANDIDATES / SMAJOB_BENCH_HOURS."""

from __future__ import annotations

import os
import tempfile
import time
from collections import Counter
from datetime import date, timedelta

from smajob.demo.country import COUNTRY, Scale, analyse, generate
from tests.benchmarks.common import median_seconds, row

SCALE = Scale(candidates=int(os.environ.get("SMAJOB_BENCH_CANDIDATES", COUNTRY.candidates)),
              hours=int(os.environ.get("SMAJOB_BENCH_HOURS", COUNTRY.hours)))
TODAY = date(2026, 11, 16)


def _python_outflow(scope):
    """The baseline: fetch one row per exited candidate and count in Python."""
    from sqlalchemy import select

    from smajob.candidates.models import Candidate
    from smajob.extensions import db

    stmt = select(Candidate.outflow, Candidate.exited_on, Candidate.municipality_id).where(
        Candidate.status == "exited")
    counted = Counter()
    for outflow, day, municipality in db.session.execute(stmt):
        if scope.start <= day <= scope.end and (
                scope.municipality_ids is None or municipality in scope.municipality_ids):
            counted[(outflow or "unknown", day.year)] += 1
    return counted


def _python_cohorts(scope):
    from sqlalchemy import select

    from smajob.candidates.models import Candidate
    from smajob.extensions import db
    from smajob.outcomes.definitions import OUTSIDE_RATE, SELF_SUPPORTING
    from smajob.outcomes.models import Outcome
    from smajob.placements.models import Placement

    def wanted(day, municipality):
        return scope.start <= day <= scope.end and (
            scope.municipality_ids is None or municipality in scope.municipality_ids)

    counted, window = Counter(), {}
    for candidate, end, point, status, municipality in db.session.execute(select(
            Outcome.candidate_id, Outcome.course_end, Outcome.months_after, Outcome.status,
            Outcome.municipality_id)):
        if wanted(end, municipality):
            counted[(end.year, end.month, point, status)] += 1
            if 3 <= point <= 6 and status:
                flags = window.setdefault((candidate, end), [0, 0, 0])
                flags[0] |= status in SELF_SUPPORTING
                flags[1] |= status not in OUTSIDE_RATE
                flags[2] |= status == "unknown"
    # Cohort sizes: exits, and last ends of people whose placements have all ended.
    ends: dict[int, list] = {}
    for candidate, status, end in db.session.execute(select(
            Placement.candidate_id, Placement.status, Placement.end_date)):
        ends.setdefault(candidate, []).append((status, end))
    sizes = Counter()
    for cid, status, exited_on, municipality in db.session.execute(select(
            Candidate.id, Candidate.status, Candidate.exited_on, Candidate.municipality_id)):
        end = exited_on if status == "exited" else None
        jobs = ends.get(cid)
        if end is None and status in ("ready", "paused") and jobs and all(
                s == "ended" for s, _ in jobs):
            end = max(e for _, e in jobs)
        if end and wanted(end, municipality):
            sizes[(end.year, end.month)] += 1
    return counted, window, sizes


def _python_hours(scope):
    """The baseline: fetch every week in the ledger and sum by its Thursday's month."""
    from sqlalchemy import select

    from smajob.candidates.models import Candidate
    from smajob.extensions import db
    from smajob.hours.models import HoursEntry
    from smajob.hours.rules import month_of
    from smajob.placements.models import Placement

    municipality_of = dict(db.session.execute(select(Placement.id, Candidate.municipality_id)
                                              .join(Candidate)).all())
    counted = Counter()
    for placement, week, minutes in db.session.execute(select(
            HoursEntry.placement_id, HoursEntry.week_start, HoursEntry.minutes)):
        thursday = week + timedelta(days=3)
        if scope.start <= thursday <= scope.end and (
                scope.municipality_ids is None
                or municipality_of[placement] in scope.municipality_ids):
            month = month_of(week)
            counted[(month.year, month.month)] += minutes
    return counted


def _reports(scope):
    from smajob.reports import cohort_queries, queries

    return {
        "outflow": (lambda: queries.outflow_counts(scope), lambda: _python_outflow(scope)),
        "cohorts": (lambda: (cohort_queries.status_counts(scope),
                             cohort_queries.cohort_sizes(scope),
                             cohort_queries.window_counts(scope)),
                    lambda: _python_cohorts(scope)),
        "hours": (lambda: queries.minutes_by_month(scope), lambda: _python_hours(scope)),
    }


def _measure(engine: str, url: str):
    from smajob import create_app
    from smajob.extensions import db
    from smajob.reports.queries import ReportScope

    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        db.drop_all()
        db.create_all()
        started = time.perf_counter()
        generated = generate(SCALE, today=TODAY)
        db.session.commit()
        analyse()
        size = f"{SCALE.candidates} candidates, {SCALE.hours} hours entries ({engine})"
        yield row("reports.generate", size, "time", time.perf_counter() - started, "s")
        country = ReportScope(None, date(2024, 1, 1), TODAY)
        largest = generated.municipality_ids[:1]  # about 10 % of the country
        one = ReportScope(tuple(largest), date(2024, 1, 1), TODAY)
        for label, scope in (("country", country), ("one municipality", one)):
            for name, (sql, python) in _reports(scope).items():
                took = median_seconds(sql, repeat=3)
                baseline = median_seconds(python, repeat=1)
                if name == "hours":  # the same figures both ways
                    assert {k: v[0] for k, v in sql().items()} == +python()
                yield row(f"reports.{name}", f"{size}, {label}", "time_vs_python", took, "s",
                          baseline)
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


def run():
    with tempfile.TemporaryDirectory() as tmp:
        yield from _measure("sqlite", f"sqlite:///{tmp}/reports.db")
    url = os.environ.get("SMAJOB_TEST_DATABASE_URL")
    if url:
        from sqlalchemy import create_engine, text
        from sqlalchemy.engine import make_url

        from smajob.config import normalise_database_url

        base = make_url(normalise_database_url(url))
        admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text('DROP DATABASE IF EXISTS "smajob_bench_reports" WITH (FORCE)'))
            conn.execute(text('CREATE DATABASE "smajob_bench_reports"'))
        yield from _measure("postgresql", base.set(database="smajob_bench_reports")
                            .render_as_string(hide_password=False))
        with admin.connect() as conn:
            conn.execute(text('DROP DATABASE IF EXISTS "smajob_bench_reports" WITH (FORCE)'))
        admin.dispose()
