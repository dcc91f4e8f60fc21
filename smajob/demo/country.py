"""The country-scale data set of the reports benchmark and `flask smajob seed-demo --scale
country`: 50,000 candidates in 98 municipalities, 1,000,000 weekly hours entries, and recorded
follow-ups for everyone who left. Bulk inserts, no ORM objects; ids come back from the database,
so it also fits on top of existing data (the CLI refuses that unless told to)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import insert, select, text

from smajob.businesses.models import Business
from smajob.candidates.models import Candidate, Outflow
from smajob.demo.seed import cvr_with_check_digit
from smajob.extensions import db
from smajob.hours.models import HoursEntry
from smajob.municipalities.models import Municipality
from smajob.outcomes.definitions import OutcomeSource, OutcomeStatus
from smajob.outcomes.followups import schedule
from smajob.outcomes.models import Outcome
from smajob.placements.models import Placement
from smajob.postcodes.services import ensure_nordjylland
from smajob.tasks.categories import ensure_default_categories, list_categories
from smajob.tasks.models import Task

CHUNK = 10_000
OUTCOME_STATUSES = [*OutcomeStatus, None]  # None: a follow-up not recorded yet
INDUSTRIES = ["Byggeri", "Handel", "Café", None]


@dataclass(frozen=True)
class Scale:
    candidates: int = 50_000
    hours: int = 1_000_000
    municipalities: int = 98
    businesses: int = 500
    tasks: int = 2_000
    weeks_each: int = 25  # weeks of hours per placement


COUNTRY = Scale()


@dataclass(frozen=True)
class Generated:
    municipality_ids: list[int]  # the largest first (about 10 % of the candidates)
    counts: dict[str, int]


def _insert(model, rows: list[dict], *, ids: bool = False) -> list[int]:
    """Insert in chunks; the new ids in the rows' order when asked for."""
    new_ids: list[int] = []
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start:start + CHUNK]
        if ids:
            new_ids += db.session.scalars(
                insert(model).returning(model.id, sort_by_parameter_order=True), chunk)
        else:
            db.session.execute(insert(model), chunk)
    return new_ids


def _free(taken: set[str], make, count: int) -> list[str]:
    """`count` values make(0), make(1), … that are not taken yet."""
    values, n = [], 0
    while len(values) < count:
        value = make(n)
        if value not in taken:
            values.append(value)
            taken.add(value)
        n += 1
    return values


def _municipalities(scale: Scale) -> list[int]:
    codes = _free(set(db.session.scalars(select(Municipality.code))), lambda n: f"{n:03d}",
                  scale.municipalities)
    return _insert(Municipality, [{"code": code, "name": f"Landskommune {code}"}
                                  for code in codes], ids=True)


def _tasks(scale: Scale, rng: random.Random, today: date) -> tuple[list[int], list[int]]:
    """Tasks and, for each, its business."""
    cvrs = _free(set(db.session.scalars(select(Business.cvr))),
                 lambda n: cvr_with_check_digit(str(6_000_000 + n * 7)), scale.businesses)
    businesses = _insert(Business, [{"cvr": cvr, "name": f"Landsfirma {i} ApS",
                                     "industry": rng.choice(INDUSTRIES)}
                                    for i, cvr in enumerate(cvrs)], ids=True)
    categories = [c.id for c in list_categories()]
    owners = [businesses[t % len(businesses)] for t in range(scale.tasks)]
    tasks = _insert(Task, [{
        "business_id": owners[t], "title": f"Opgave {t}", "description": "Pakke og sortere.",
        "category_id": categories[t % len(categories)], "pattern": [], "weekly_minutes": 360,
        "start_date": today - timedelta(days=1050), "seats": 3, "address": f"Landsvej {t}",
        "postcode": "9000", "contact_name": "Kontakt", "contact_phone": "98123456",
        "contact_email": f"kontakt{t}@example.com", "agreement": "3F",
        "agreement_min_wage": 13_000, "wage": 14_000, "bill_rate": 18_500, "traits": [],
        "danish_level": 0, "status": "open", "source": "portal",
        "submitted_at": datetime.combine(today - timedelta(days=1050), datetime.min.time(),
                                         UTC), "contact_language": "da"}
        for t in range(scale.tasks)], ids=True)
    return tasks, owners


def _candidates(scale: Scale, rng: random.Random, today: date, municipalities: list[int]
                ) -> tuple[list[int], int]:
    """Candidates (45 % of them left, with an outflow category) and their follow-ups."""
    # A few large municipalities and many small ones: the largest holds about 10 % of the
    # candidates (Copenhagen has about 10 % of Denmark's people), the median one about 0.6 %.
    weights = [1 / k ** 0.7 for k in range(1, len(municipalities) + 1)]
    homes = rng.choices(municipalities, weights, k=scale.candidates)
    exits = [today - timedelta(days=rng.randint(30, 1000)) if rng.random() < 0.45 else None
             for _ in range(scale.candidates)]
    ids = _insert(Candidate, [{
        "municipality_id": home, "first_name": "Borger", "last_name": str(c + 1),
        "benefit_type": "kontanthjaelp_aktivitetsparat",
        "status": "exited" if exit_day else rng.choice(["referred", "ready", "placed"]),
        "exited_on": exit_day, "outflow": rng.choice(list(Outflow)) if exit_day else None,
        "referral_date": today - timedelta(days=rng.randint(60, 1100)), "danish_level": 0,
        "consent_named_in_story": False}
        for c, (home, exit_day) in enumerate(zip(homes, exits, strict=True))], ids=True)
    stamp = datetime.combine(today, datetime.min.time(), UTC)
    outcomes = []
    for cid, home, exit_day in zip(ids, homes, exits, strict=True):
        for point in schedule(exit_day) if exit_day else ():
            if point.due <= today:
                status = rng.choice(OUTCOME_STATUSES)
                outcomes.append({
                    "candidate_id": cid, "municipality_id": home, "course_end": exit_day,
                    "months_after": point.months_after, "reference_date": point.due,
                    "status": status, "recorded_at": status and stamp,
                    "source": status and OutcomeSource.JOBCENTER_SYSTEM})
    _insert(Outcome, outcomes)
    return ids, len(outcomes)


def _placements_and_hours(scale: Scale, rng: random.Random, today: date, candidates: list[int],
                          tasks: list[int], owners: list[int]) -> tuple[int, int]:
    """Placements of `weeks_each` confirmed weeks each, all before `today`."""
    first = today - timedelta(days=1050)
    rows = []
    for _ in range(scale.hours // scale.weeks_each):
        t = rng.randrange(len(tasks))
        start = first + timedelta(weeks=rng.randint(0, 100))
        rows.append({"task_id": tasks[t], "business_id": owners[t],
                     "candidate_id": rng.choice(candidates), "status": "active",
                     "start_date": start, "weekly_minutes": 360, "pattern": [], "wage": 14_000,
                     "bill_rate": 18_500})
    placements = _insert(Placement, rows, ids=True)
    stamp = datetime.combine(today, datetime.min.time(), UTC)
    batch, entries = [], 0
    for placement, row in zip(placements, rows, strict=True):
        monday = row["start_date"] - timedelta(days=row["start_date"].weekday())
        batch += [{"placement_id": placement, "week_start": monday + timedelta(weeks=w),
                   "minutes": rng.choice([300, 360, 420, 600]), "flags": [],
                   "status": "confirmed", "entered_side": "bureau", "entered_at": stamp}
                  for w in range(scale.weeks_each)]
        if len(batch) >= CHUNK * 5:
            _insert(HoursEntry, batch)
            entries, batch = entries + len(batch), []
    _insert(HoursEntry, batch)
    return len(placements), entries + len(batch)


def generate(scale: Scale, *, today: date, rng: random.Random | None = None) -> Generated:
    """Add the data set in the current transaction (the caller commits)."""
    rng = rng or random.Random(8)  # the same data every time
    ensure_default_categories()
    ensure_nordjylland()
    municipalities = _municipalities(scale)
    tasks, owners = _tasks(scale, rng, today)
    candidates, outcomes = _candidates(scale, rng, today, municipalities)
    placements, entries = _placements_and_hours(scale, rng, today, candidates, tasks, owners)
    return Generated(municipalities, {
        "municipalities": len(municipalities), "businesses": scale.businesses,
        "tasks": len(tasks), "candidates": len(candidates), "outcomes": outcomes,
        "placements": placements, "hours_entries": entries})


def analyse() -> None:
    """After a bulk load, what autovacuum would soon do on a running database: fresh planner
    statistics and, on PostgreSQL, the dead row versions gone — each bulk statement updated the
    hours summary's rows once, leaving ~8 dead versions per live row that the reports then read
    past (the largest municipality's hours 2 ms before VACUUM, 0.9 ms after, at a tenth of the
    size). Outside the transaction: call after committing."""
    statement = "VACUUM ANALYZE" if db.engine.dialect.name == "postgresql" else "ANALYZE"
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(statement))
