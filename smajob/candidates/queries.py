"""Reads for candidates, always scoped: jobcenter staff to their municipality."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, func, or_, select

from smajob.candidates.models import (
    Candidate,
    CandidateEvent,
    CandidateStatus,
    MentoringContact,
    ReadinessCheck,
    ReadinessItem,
)
from smajob.extensions import db
from smajob.permissions import Role

PAGE_SIZE = 25
DEFAULT_READINESS_ITEMS = [
    ("Møder til tiden", "Arrives on time"),
    ("CV er lavet", "CV done"),
    ("Transport er på plads", "Transport sorted"),
    ("Kender egne grænser og hensyn", "Knows own limits"),
    ("Har talt med mentor om forventninger", "Has talked expectations through with the mentor"),
]


def ensure_default_readiness_items() -> int:
    if db.session.scalar(select(func.count(ReadinessItem.id))):
        return 0
    for index, (da, en) in enumerate(DEFAULT_READINESS_ITEMS):
        db.session.add(ReadinessItem(text_da=da, text_en=en, sort_order=(index + 1) * 10))
    db.session.flush()
    return len(DEFAULT_READINESS_ITEMS)


def scope(user) -> Select:
    """The candidates `user` may see: jobcenter staff their municipality's, bureau all."""
    stmt = select(Candidate).where(Candidate.anonymised_at.is_(None))
    if user.role == Role.JOBCENTER:
        stmt = stmt.where(Candidate.municipality_id == (user.municipality_id or -1))
    elif user.role not in (Role.CONSULTANT, Role.ADMIN):
        stmt = stmt.where(Candidate.id == -1)
    return stmt


def get_for(user, candidate_id: int) -> Candidate | None:
    return db.session.scalar(scope(user).where(Candidate.id == candidate_id))


@dataclass
class Page:
    items: list[Candidate]
    total: int
    number: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))


def filtered(user, *, q: str = "", status: str = "") -> Select:
    """`scope(user)` narrowed by status and a name or case-reference search, in list order."""
    stmt = scope(user)
    if status in {s.value for s in CandidateStatus}:
        stmt = stmt.where(Candidate.status == status)
    q = q.replace("\x00", "").strip()  # PostgreSQL cannot compare text with a NUL in it
    if q:
        like = f"%{q[:80]}%"
        stmt = stmt.where(or_(Candidate.first_name.ilike(like), Candidate.last_name.ilike(like),
                              Candidate.case_reference.ilike(like)))
    return stmt.order_by(Candidate.last_name, Candidate.first_name, Candidate.id)


def search(user, *, q: str = "", status: str = "", number: int = 1) -> Page:
    stmt = filtered(user, q=q, status=status)
    total = db.session.scalar(stmt.with_only_columns(func.count(Candidate.id)).order_by(None)) or 0
    number = max(1, min(number, max(1, -(-total // PAGE_SIZE))))
    items = list(db.session.scalars(stmt.limit(PAGE_SIZE).offset((number - 1) * PAGE_SIZE)))
    return Page(items, total, number)


def readiness_items(*, active_only: bool = True) -> list[ReadinessItem]:
    stmt = select(ReadinessItem).order_by(ReadinessItem.sort_order, ReadinessItem.id)
    if active_only:
        stmt = stmt.where(ReadinessItem.active.is_(True))
    return list(db.session.scalars(stmt))


def checked_items(candidate_id: int) -> set[int]:
    return set(db.session.scalars(select(ReadinessCheck.item_id).where(
        ReadinessCheck.candidate_id == candidate_id)))


def open_checklist_items(candidate_id: int) -> list[ReadinessItem]:
    done = checked_items(candidate_id)
    return [item for item in readiness_items() if item.id not in done]


def timeline(candidate_id: int, *, with_mentoring: bool) -> list[tuple]:
    """(when, kind, object) in time order: events, recorded outcome follow-ups, and the mentoring
    log for the bureau."""
    rows = [(e.at, "event", e) for e in db.session.scalars(
        select(CandidateEvent).where(CandidateEvent.candidate_id == candidate_id))]
    if with_mentoring:
        rows += [(m.created_at, "mentoring", m) for m in mentoring(candidate_id)]
    from smajob.outcomes.queries import for_candidate

    rows += [(o.recorded_at, "outcome", o) for o in for_candidate(candidate_id)
             if o.recorded_at is not None]
    return sorted(rows, key=lambda row: (row[0], row[2].id))


def mentoring(candidate_id: int) -> list[MentoringContact]:
    return list(db.session.scalars(select(MentoringContact).where(
        MentoringContact.candidate_id == candidate_id).order_by(MentoringContact.on.desc(),
                                                                MentoringContact.id.desc())))


def ready_candidates() -> list[Candidate]:
    """Ready candidates with their profile, for the matcher."""
    return list(db.session.scalars(select(Candidate).where(
        Candidate.status == CandidateStatus.READY, Candidate.anonymised_at.is_(None))
        .order_by(Candidate.id)))


def maturing_deadlines(today) -> list[tuple[Candidate, object, str]]:
    """Maturing candidates whose deadline is near or passed, earliest deadline first."""
    from datetime import timedelta

    from smajob.candidates import rules

    soon = today - timedelta(days=rules.MATURING_DAYS - rules.DEADLINE_WARNING_DAYS)
    rows = db.session.scalars(select(Candidate).where(
        Candidate.status == CandidateStatus.MATURING, Candidate.anonymised_at.is_(None),
        Candidate.maturing_started_on <= soon).order_by(Candidate.maturing_started_on,
                                                        Candidate.id))
    return [(c, rules.maturing_deadline(c.maturing_started_on),
             rules.deadline_state(c.maturing_started_on, today)) for c in rows]
