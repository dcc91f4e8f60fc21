"""Payment-by-results milestones: which are reached, when, and on what evidence. Pure.

Input is a candidate's recorded facts (confirmed hours by ISO week, placements, outcome
follow-ups); nothing here reads the database or the clock. Every milestone carries its evidence
so a claim can show it and be re-checked when facts change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum


class Milestone(StrEnum):
    REFERRAL_ACCEPTED = "referral_accepted"
    FIRST_PAID_HOUR = "first_paid_hour"
    SUSTAINED_JOB = "sustained_job"
    HOURS_INCREASED = "hours_increased"
    DIRECT_EMPLOYMENT = "direct_employment"
    SELF_SUPPORTING_3M = "self_supporting_3m"
    SELF_SUPPORTING_6M = "self_supporting_6m"


# Placement end reasons that mean the person moved on to ordinary, unsubsidised work.
DIRECT_EMPLOYMENT_REASONS = frozenset({"hired_by_business", "other_ordinary_job"})


@dataclass(frozen=True)
class WeekHours:
    week_start: date  # the Monday of the ISO week
    minutes: int  # confirmed minutes worked that week, all placements together
    entry_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class PlacementFact:
    placement_id: int
    start: date
    end: date | None
    end_reason: str | None
    agreed_minutes: int  # the weekly hours agreed at the start


@dataclass(frozen=True)
class OutcomeFact:
    outcome_id: int
    reference_date: date
    months_after: int  # the follow-up point: 1, 3, 6, 12
    self_supporting: bool | None  # None: unknown (never counted either way)


@dataclass(frozen=True)
class CandidateFacts:
    candidate_id: int
    referral_accepted_on: date | None
    weeks: tuple[WeekHours, ...] = ()
    placements: tuple[PlacementFact, ...] = ()
    outcomes: tuple[OutcomeFact, ...] = ()


@dataclass(frozen=True)
class MilestoneSettings:
    sustained_weeks: int = 13  # weeks with hours needed for a sustained job
    sustained_min_minutes: int = 60  # a week counts if at least this much was worked
    sustained_gap_weeks: int = 2  # at most this many weeks in a row without hours inside the run
    increase_minutes: int = 5 * 60  # hours increased: this much above the starting level …
    increase_weeks: int = 8  # … for this many consecutive weeks


@dataclass(frozen=True)
class Evidence:
    hours_entry_ids: tuple[int, ...] = ()
    placement_id: int | None = None
    outcome_id: int | None = None
    note: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.hours_entry_ids or self.placement_id or self.outcome_id or self.note)


@dataclass(frozen=True)
class Reached:
    milestone: Milestone
    reached_on: date
    evidence: Evidence = field(default_factory=Evidence)


def _sunday(week_start: date) -> date:
    return week_start + timedelta(days=6)


def _ids(weeks: list[WeekHours]) -> tuple[int, ...]:
    return tuple(sorted(i for w in weeks for i in w.entry_ids))


def first_paid_hour(weeks: list[WeekHours]) -> Reached | None:
    for week in weeks:
        if week.minutes > 0:
            return Reached(Milestone.FIRST_PAID_HOUR, _sunday(week.week_start),
                           Evidence(hours_entry_ids=_ids([week])))
    return None


def sustained_job(weeks: list[WeekHours], settings: MilestoneSettings) -> Reached | None:
    """`sustained_weeks` weeks with ≥ min minutes; a longer gap than allowed starts over."""
    run: list[WeekHours] = []
    last: date | None = None
    for week in weeks:
        if week.minutes < settings.sustained_min_minutes:
            continue
        if last is not None:
            gap = (week.week_start - last).days // 7 - 1
            if gap > settings.sustained_gap_weeks:
                run = []
        run.append(week)
        last = week.week_start
        if len(run) == settings.sustained_weeks:
            return Reached(Milestone.SUSTAINED_JOB, _sunday(week.week_start),
                           Evidence(hours_entry_ids=_ids(run)))
    return None


def hours_increased(weeks: list[WeekHours], placements: list[PlacementFact],
                    settings: MilestoneSettings) -> Reached | None:
    """`increase_weeks` consecutive weeks at ≥ the first placement's agreed hours + increase."""
    if not placements:
        return None
    target = placements[0].agreed_minutes + settings.increase_minutes
    run: list[WeekHours] = []
    for week in weeks:
        consecutive = run and (week.week_start - run[-1].week_start).days == 7
        if week.minutes >= target:
            run = [*run, week] if consecutive else [week]
            if len(run) == settings.increase_weeks:
                return Reached(Milestone.HOURS_INCREASED, _sunday(week.week_start),
                               Evidence(hours_entry_ids=_ids(run)))
        else:
            run = []
    return None


def direct_employment(placements: list[PlacementFact]) -> Reached | None:
    for placement in placements:
        if placement.end and placement.end_reason in DIRECT_EMPLOYMENT_REASONS:
            return Reached(Milestone.DIRECT_EMPLOYMENT, placement.end,
                           Evidence(placement_id=placement.placement_id))
    return None


def self_supporting(outcomes: list[OutcomeFact], months: int,
                    milestone: Milestone) -> Reached | None:
    for outcome in outcomes:
        if outcome.months_after == months and outcome.self_supporting is True:
            return Reached(milestone, outcome.reference_date,
                           Evidence(outcome_id=outcome.outcome_id))
    return None


def reached_milestones(facts: CandidateFacts, today: date,
                       settings: MilestoneSettings | None = None) -> list[Reached]:
    """Every milestone reached on or before `today`, in milestone order, each with evidence."""
    settings = settings or MilestoneSettings()
    weeks = sorted((w for w in facts.weeks if _sunday(w.week_start) <= today),
                   key=lambda w: w.week_start)
    placements = sorted(facts.placements, key=lambda p: (p.start, p.placement_id))
    outcomes = sorted(facts.outcomes, key=lambda o: (o.reference_date, o.outcome_id))
    found: list[Reached | None] = [
        Reached(Milestone.REFERRAL_ACCEPTED, facts.referral_accepted_on,
                Evidence(note="referral"))
        if facts.referral_accepted_on and facts.referral_accepted_on <= today else None,
        first_paid_hour(weeks),
        sustained_job(weeks, settings),
        hours_increased(weeks, placements, settings),
        direct_employment([p for p in placements if p.end and p.end <= today]),
        self_supporting([o for o in outcomes if o.reference_date <= today], 3,
                        Milestone.SELF_SUPPORTING_3M),
        self_supporting([o for o in outcomes if o.reference_date <= today], 6,
                        Milestone.SELF_SUPPORTING_6M),
    ]
    return [item for item in found if item is not None]
