import statistics
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from smajob.outcomes.definitions import Share
from smajob.reports.evaluation import (
    EvaluationCounts,
    figures,
    mean_from_histogram,
    median_from_histogram,
    one_decimal,
)


@given(st.lists(st.integers(0, 200), max_size=60))
def test_histogram_median_and_mean_match_the_plain_ones(values):
    histogram: dict[int, int] = {}
    for v in values:
        histogram[v] = histogram.get(v, 0) + 1
    if not values:
        assert median_from_histogram(histogram) is None
        assert mean_from_histogram(histogram) is None
        return
    expected = Fraction(statistics.median(values)).limit_denominator(2)
    assert median_from_histogram(histogram) == expected
    assert mean_from_histogram(histogram) == Fraction(sum(values), len(values))


def test_the_bureaus_figures_160_referred_102_with_paid_work():
    counts = EvaluationCounts(
        referred=160, with_paid_work=102, placements=131, with_two_or_more=21,
        weeks_to_first_job={2: 30, 4: 40, 9: 32}, minutes_worked=7 * 60 * 1000,
        placement_weeks=1000, self_supporting_within_year=Share(31, 102, unknown=8))
    result = figures(counts)
    assert result.job_rate.percent == 64
    assert result.median_weeks_to_first_job == 4
    assert result.mean_weeks_to_first_job == Fraction(2 * 30 + 4 * 40 + 9 * 32, 102)
    assert result.mean_hours_per_week == 7
    assert one_decimal(result.mean_weeks_to_first_job) == "5,0"
    assert one_decimal(Fraction(9, 2), "en") == "4.5"
    assert one_decimal(None) == "–"


def test_no_people_no_rates():
    result = figures(EvaluationCounts(0, 0, 0, 0, {}, 0, 0, Share(0, 0)))
    assert result.job_rate.percent is None
    assert result.mean_hours_per_week is None
