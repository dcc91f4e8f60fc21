"""The outflow, cohort and hours reports over a generated country (50,000 candidates in 98
municipalities, 1,000,000 weekly hours entries, follow-ups for everyone who left), in SQL
(GROUP BY) against computing the same figures in Python from fetched rows in the same run:
the whole country and one municipality, on SQLite and, when SMAJOB_TEST_DATABASE_URL is set,
on PostgreSQL. Sizes via SMAJOB_BENCH_CANDIDATES / SMAJOB_BENCH_HOURS."""

from __future__ import annotations

import os
import random
import tempfile
import time
from collections import Counter
from datetime import UTC, date, datetime, timedelta

from tests.benchmarks.common import median_seconds, row

CANDIDATES = int(os.environ.get("SMAJOB_BENCH_CANDIDATES", "50000"))
HOURS = int(os.environ.get("SMAJOB_BENCH_HOURS", "1000000"))
MUNICIPALITIES = 98
TODAY = date(2026, 11, 16)
CHUNK = 10_000
# A few large municipalities and many small ones: the largest holds about 10 % of the candidates
# (Copenhagen has about 10 % of Denmark's people), the median one about 0.6 %.
WEIGHTS = [1 / k ** 0.7 for k in range(1, MUNICIPALITIES + 1)]
OUTFLOWS = ["ordinary_work", "ordinary_education", "igu", "flex_job", "pension", "moved",
            "other_benefit", "other", "unknown"]
STATUSES = ["ordinary_job", "education_su", "flex_job", "other_benefit", "moved_away", "other",
            "unknown", None]


def _insert(table, rows):
    from sqlalchemy import insert

    from smajob.extensions import db

    for start in range(0, len(rows), CHUNK):
        db.session.execute(insert(table), rows[start:start + CHUNK])


def generate(rng: random.Random) -> None:
    """Bulk inserts, no ORM objects: about a minute for the full size on SQLite."""
    from smajob.businesses.models import Business
    from smajob.candidates.models import Candidate
    from smajob.extensions import db
    from smajob.hours.models import HoursEntry
    from smajob.municipalities.models import Municipality
    from smajob.outcomes.followups import schedule
    from smajob.outcomes.models import Outcome
    from smajob.placements.models import Placement
    from smajob.postcodes.services import ensure_nordjylland
    from smajob.tasks.categories import ensure_default_categories, list_categories
    from smajob.tasks.models import Task

    ensure_default_categories()
    ensure_nordjylland()
    categories = [c.id for c in list_categories()]
    _insert(Municipality, [{"id": m, "code": f"{m:03d}", "name": f"Kommune {m}"}
                           for m in range(1, MUNICIPALITIES + 1)])
    _insert(Business, [{"id": b, "cvr": f"{10000000 + b}", "name": f"B{b}",
                        "industry": rng.choice(["Byggeri", "Handel", "Café", None])}
                       for b in range(1, 501)])
    _insert(Task, [{"id": t, "business_id": t % 500 + 1, "title": "t", "description": "d",
                    "category_id": categories[t % len(categories)], "pattern": [],
                    "weekly_minutes": 360,
                    "start_date": date(2024, 1, 1), "seats": 3, "address": "a",
                    "postcode": "9000", "contact_name": "c", "contact_phone": "1",
                    "contact_email": "c@e.dk", "agreement": "a", "agreement_min_wage": 1,
                    "wage": 1, "traits": [], "danish_level": 0, "status": "open",
                    "source": "portal", "submitted_at": datetime(2024, 1, 1, tzinfo=UTC),
                    "contact_language": "da"} for t in range(1, 2001)])
    candidates, outcomes = [], []
    for c in range(1, CANDIDATES + 1):
        exited = rng.random() < 0.45
        exit_day = TODAY - timedelta(days=rng.randint(30, 1000)) if exited else None
        municipality = rng.choices(range(1, MUNICIPALITIES + 1), WEIGHTS)[0]
        candidates.append({
            "id": c, "municipality_id": municipality, "first_name": "B", "last_name": str(c),
            "benefit_type": "kontanthjaelp_aktivitetsparat", "status": "exited" if exited
            else rng.choice(["referred", "ready", "placed"]), "exited_on": exit_day,
            "outflow": rng.choice(OUTFLOWS) if exited else None,
            "referral_date": TODAY - timedelta(days=rng.randint(60, 1100)), "danish_level": 0,
            "consent_named_in_story": False})
        if exited:
            outcomes += [{"candidate_id": c, "municipality_id": municipality,
                          "course_end": exit_day, "months_after": f.months_after,
                          "reference_date": f.due, "status": rng.choice(STATUSES)}
                         for f in schedule(exit_day) if f.due <= TODAY]
    _insert(Candidate, candidates)
    _insert(Outcome, outcomes)
    weeks_each = 25
    placements = [{"id": p, "task_id": rng.randint(1, 2000), "candidate_id": rng.randint(
        1, CANDIDATES), "status": "active", "start_date": date(2024, 1, 1) + timedelta(
        weeks=rng.randint(0, 100)), "weekly_minutes": 360, "pattern": [], "wage": 1,
        "bill_rate": 1} for p in range(1, HOURS // weeks_each + 1)]
    for p in placements:
        p["business_id"] = (p["task_id"]) % 500 + 1
    _insert(Placement, placements)
    stamp = datetime(2026, 1, 1, tzinfo=UTC)
    batch = []
    for p in placements:
        monday = p["start_date"] - timedelta(days=p["start_date"].weekday())
        for w in range(weeks_each):
            batch.append({"placement_id": p["id"], "week_start": monday + timedelta(weeks=w),
                          "minutes": rng.choice([300, 360, 420, 600]), "flags": [],
                          "status": "confirmed", "entered_side": "bureau", "entered_at": stamp,
                          "invoiced_minutes": 0, "paid_minutes": 0, "version": 1})
        if len(batch) >= CHUNK * 5:
            _insert(HoursEntry, batch)
            batch = []
    _insert(HoursEntry, batch)
    db.session.commit()
    from sqlalchemy import text

    # Fresh statistics, as a running database has them (autovacuum on PostgreSQL).
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("ANALYZE"))


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
        generate(random.Random(8))
        size = f"{CANDIDATES} candidates, {HOURS} hours entries ({engine})"
        yield row("reports.generate", size, "time", time.perf_counter() - started, "s")
        country = ReportScope(None, date(2024, 1, 1), TODAY)
        one = ReportScope((1,), date(2024, 1, 1), TODAY)  # the largest municipality
        for label, scope in (("country", country), ("one municipality", one)):
            for name, (sql, python) in _reports(scope).items():
                took = median_seconds(sql, repeat=3)
                baseline = median_seconds(python, repeat=1)
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
