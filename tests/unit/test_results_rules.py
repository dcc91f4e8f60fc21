"""Milestones and the hours tracker against hand-computed cases and simple reference versions."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from smajob.results.rules import (
    CandidateFacts,
    Milestone,
    MilestoneSettings,
    OutcomeFact,
    PlacementFact,
    WeekHours,
    hours_increased,
    reached_milestones,
    sustained_job,
)
from smajob.results.tracker import RULE_225, HoursRule, Period, months_before, track

MONDAY = date(2026, 1, 5)


def weeks_of(minutes: list[int], start: date = MONDAY) -> list[WeekHours]:
    return [WeekHours(start + timedelta(weeks=i), m, (i + 1,)) for i, m in enumerate(minutes)]


def test_a_candidate_working_five_hours_a_week_reaches_first_hour_and_a_sustained_job():
    facts = CandidateFacts(
        candidate_id=1, referral_accepted_on=date(2025, 12, 1), weeks=tuple(weeks_of([300] * 14)),
        placements=(PlacementFact(7, MONDAY, None, None, 300),))
    reached = {r.milestone: r for r in reached_milestones(facts, date(2026, 6, 1))}
    assert reached[Milestone.REFERRAL_ACCEPTED].reached_on == date(2025, 12, 1)
    assert reached[Milestone.FIRST_PAID_HOUR].reached_on == date(2026, 1, 11)
    assert reached[Milestone.FIRST_PAID_HOUR].evidence.hours_entry_ids == (1,)
    sustained = reached[Milestone.SUSTAINED_JOB]
    assert sustained.reached_on == MONDAY + timedelta(weeks=12, days=6)
    assert sustained.evidence.hours_entry_ids == tuple(range(1, 14))
    assert Milestone.HOURS_INCREASED not in reached


def test_a_gap_longer_than_allowed_starts_the_count_again():
    minutes = [300] * 6 + [0, 0, 0] + [300] * 13
    result = sustained_job(weeks_of(minutes), MilestoneSettings(sustained_gap_weeks=2))
    assert result.reached_on == MONDAY + timedelta(weeks=21, days=6)
    allowed = sustained_job(weeks_of([300] * 6 + [0, 0] + [300] * 7), MilestoneSettings())
    assert allowed.reached_on == MONDAY + timedelta(weeks=14, days=6)


def test_hours_increased_needs_eight_consecutive_weeks_five_hours_above_the_start():
    placement = [PlacementFact(1, MONDAY, None, None, 300)]
    assert hours_increased(weeks_of([300] * 4 + [600] * 7 + [500] + [600] * 8), placement,
                           MilestoneSettings()).reached_on == MONDAY + timedelta(weeks=19, days=6)
    assert hours_increased(weeks_of([600] * 7), placement, MilestoneSettings()) is None


def test_direct_employment_and_self_support_need_their_recorded_facts():
    facts = CandidateFacts(
        candidate_id=1, referral_accepted_on=None,
        placements=(PlacementFact(3, MONDAY, date(2026, 5, 1), "hired_by_business", 300),),
        outcomes=(OutcomeFact(11, date(2026, 8, 1), 3, True),
                  OutcomeFact(12, date(2026, 11, 1), 6, None)))
    reached = {r.milestone: r for r in reached_milestones(facts, date(2026, 12, 1))}
    assert reached[Milestone.DIRECT_EMPLOYMENT].evidence.placement_id == 3
    assert reached[Milestone.SELF_SUPPORTING_3M].evidence.outcome_id == 11
    assert Milestone.SELF_SUPPORTING_6M not in reached  # unknown is never counted
    early = {r.milestone for r in reached_milestones(facts, date(2026, 4, 30))}
    assert Milestone.DIRECT_EMPLOYMENT not in early


def test_no_milestone_is_dated_after_today():
    facts = CandidateFacts(1, None, tuple(weeks_of([300] * 20)))
    for item in reached_milestones(facts, MONDAY + timedelta(weeks=5)):
        assert item.reached_on <= MONDAY + timedelta(weeks=5)


def _reference_sustained(weeks, s):
    qualifying = [w for w in weeks if w.minutes >= s.sustained_min_minutes]
    for index, week in enumerate(qualifying):
        count, previous = 1, week
        for earlier in reversed(qualifying[:index]):
            if (previous.week_start - earlier.week_start).days // 7 - 1 > s.sustained_gap_weeks:
                break
            count, previous = count + 1, earlier
        if count >= s.sustained_weeks:
            return week.week_start + timedelta(days=6)
    return None


def _reference_increase(weeks, start_minutes, s):
    by_monday = {w.week_start: w.minutes for w in weeks}
    for week in weeks:
        span = [week.week_start - timedelta(weeks=k) for k in range(s.increase_weeks)]
        if all(by_monday.get(m, 0) >= start_minutes + s.increase_minutes for m in span):
            return week.week_start + timedelta(days=6)
    return None


week_minutes = st.lists(st.sampled_from([0, 30, 60, 300, 600, 900]), max_size=40)
rule_settings = st.builds(MilestoneSettings, sustained_weeks=st.integers(1, 13),
                          sustained_min_minutes=st.sampled_from([1, 60, 300]),
                          sustained_gap_weeks=st.integers(0, 3),
                          increase_minutes=st.sampled_from([60, 300]),
                          increase_weeks=st.integers(1, 8))


@settings(max_examples=200)
@given(week_minutes, rule_settings, st.sampled_from([0, 300]))
def test_milestones_match_simple_reference_implementations(minutes, s, start_minutes):
    weeks = [w for w in weeks_of(minutes) if w.minutes > 0]  # weeks without hours are not stored
    got = sustained_job(weeks, s)
    assert (got.reached_on if got else None) == _reference_sustained(weeks, s)
    placement = [PlacementFact(1, MONDAY, None, None, start_minutes)]
    got = hours_increased(weeks, placement, s)
    assert (got.reached_on if got else None) == _reference_increase(weeks, start_minutes, s)


def test_months_before_clamps_to_the_end_of_the_month():
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_before(date(2026, 1, 15), 12) == date(2025, 1, 15)


def test_the_225_hour_rule_counts_twelve_months_and_projects_the_date():
    today = date(2025, 3, 3)
    weeks = {date(2024, 3, 4) + timedelta(weeks=i): 3 * 60 for i in range(52)}  # 3 h every week
    result = track(RULE_225, weeks, today, weekly_minutes=5 * 60)
    assert result.window_start == date(2024, 3, 4)
    assert result.minutes_in_window == 52 * 180  # 156 hours
    assert result.missing_minutes == (225 - 156) * 60
    assert not result.reached and result.projected_date > today
    assert RULE_225.applies_on(date(2025, 6, 30)) and not RULE_225.applies_on(date(2025, 7, 1))


def test_illness_periods_extend_the_window_backwards():
    rule = HoursRule("x", 12, 100 * 60, date(2020, 1, 1))
    today = date(2026, 6, 1)
    weeks = {date(2025, 5, 5): 100 * 60}  # just outside a plain 12-month window
    assert not track(rule, weeks, today).reached
    sick = [Period(date(2026, 1, 1), date(2026, 1, 31))]
    assert track(rule, weeks, today, extensions=sick).reached


@given(st.lists(st.integers(0, 600), min_size=1, max_size=60), st.integers(1, 900))
def test_the_projection_is_reached_when_it_says_so(minutes, weekly):
    rule = HoursRule("r", 6, 60 * 60, date(2020, 1, 1))
    today = date(2026, 6, 3)
    weeks = {date(2025, 6, 2) + timedelta(weeks=i): m for i, m in enumerate(minutes)}
    result = track(rule, weeks, today, weekly_minutes=weekly)
    assert result.minutes_in_window + result.missing_minutes >= rule.threshold_minutes
    if result.projected_date and not result.reached:
        assert result.projected_date > today
