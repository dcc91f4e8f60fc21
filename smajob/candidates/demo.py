"""Demo candidates: forty believable people in every status, across both demo municipalities,
with availability and limits that make matching against the demo tasks interesting."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from smajob import clock
from smajob.candidates.models import Candidate, CandidateEvent, CandidateStatus, Outflow
from smajob.candidates.queries import ensure_default_readiness_items
from smajob.extensions import db
from smajob.rates.catalogue import BENEFIT_TYPES
from smajob.tasks.categories import list_categories

FIRST = ["Anna", "Mohammed", "Sara", "Jesper", "Fatma", "Mikkel", "Louise", "Ahmad", "Camilla",
         "Kasper", "Nadia", "Rasmus", "Emma", "Ali", "Julie", "Thomas", "Amira", "Søren",
         "Ida", "Yusuf"]
LAST = ["Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen",
        "Sørensen", "Rasmussen", "Jørgensen", "Madsen", "Kristensen", "Olsen", "Thomsen"]
POSTCODES = {"Aalborg": ["9000", "9200", "9210", "9220", "9400", "9230"],
             "Jammerbugt": ["9440", "9460", "9480", "9490"]}
STATUSES = ([CandidateStatus.REFERRED] * 6 + [CandidateStatus.MATURING] * 8
            + [CandidateStatus.READY] * 14 + [CandidateStatus.PLACED] * 4
            + [CandidateStatus.PAUSED] * 2 + [CandidateStatus.EXITED] * 5
            + [CandidateStatus.WITHDRAWN])
LIMITS = [[], [], [], ["no_lifting"], ["not_standing_long"], ["indoors_only"],
          ["needs_calm_pace", "needs_close_supervision"], ["needs_accessible_workplace"]]
WINDOWS = [  # weekday, start, end in minutes
    [[0, 540, 780], [2, 540, 780], [4, 540, 780]], [[1, 480, 720], [3, 480, 720]],
    [[d, 600, 840] for d in range(5)], [[0, 720, 960], [1, 720, 960], [3, 720, 960]],
    [[d, 480, 960] for d in range(5)], [[d, 420, 1020] for d in range(6)],
    [[d, 480, 900] for d in range(5)], [[5, 540, 900], [6, 540, 900]],
]


def seed_candidates(now: datetime, context: dict) -> None:
    ensure_default_readiness_items()
    rng = random.Random(2026)  # noqa: S311  demo data must be the same every time
    today = clock.to_local(now).date()
    categories = [c.id for c in list_categories()]
    consultants = context["consultants"]
    benefits = [code for code, *_ in BENEFIT_TYPES]
    municipalities = context["municipalities"]
    for index, status in enumerate(STATUSES):
        town = "Aalborg" if index % 4 else "Jammerbugt"
        referred = today - timedelta(days=rng.randint(10, 200))
        desired = rng.choice([5, 6, 8, 10, 12])
        candidate = Candidate(
            municipality_id=municipalities[town].id, first_name=FIRST[index % len(FIRST)],
            last_name=LAST[(index * 7) % len(LAST)], phone=f"2{rng.randint(0, 9999999):07d}",
            postcode=rng.choice(POSTCODES[town]), case_reference=f"J-{4100 + index}",
            benefit_type=benefits[index % len(benefits)], target_group="Aktivitetsparate",
            referral_date=referred, referring_consultant="Jobcentrets rådgiver",
            consent_date=referred, consent_text="Deling af oplysninger med bureauet",
            status=status, danish_level=rng.choice([1, 2, 2, 3]),
            availability=WINDOWS[index % len(WINDOWS)], desired_weekly_minutes=desired * 60,
            max_weekly_minutes=(desired + rng.choice([2, 5, 8])) * 60,
            max_travel_km=rng.choice([10, 15, 25, 40]), limits=LIMITS[index % len(LIMITS)] or None,
            preferred_categories=rng.sample(categories, 3) if categories else [],
            mentor_id=consultants[index % len(consultants)].id,
            referral_note="Ønsker at komme i gang med nogle få timer om ugen.")
        if status != CandidateStatus.REFERRED:
            candidate.maturing_started_on = referred + timedelta(days=7)
        if status in (CandidateStatus.READY, CandidateStatus.PLACED, CandidateStatus.EXITED):
            candidate.ready_since = referred + timedelta(days=rng.randint(20, 28))
        if status == CandidateStatus.MATURING and index % 3 == 0:
            candidate.maturing_started_on = today - timedelta(days=26 + index % 5)
        if status == CandidateStatus.EXITED:
            candidate.exited_on = today - timedelta(days=rng.randint(5, 60))
            candidate.outflow = [Outflow.ORDINARY_WORK, Outflow.ORDINARY_EDUCATION,
                                 Outflow.FLEX_JOB, Outflow.MOVED, Outflow.UNKNOWN][index % 5]
        if status == CandidateStatus.WITHDRAWN:
            candidate.exited_on, candidate.status_reason = today, "Borgeren er flyttet"
        db.session.add(candidate)
        db.session.flush()
        db.session.add(CandidateEvent(candidate_id=candidate.id, at=now, action="referred"))
