"""The jobcenter's definitions: SU = self-supporting, flex job = not, unknown kept apart."""

from hypothesis import given
from hypothesis import strategies as st

from smajob.outcomes.definitions import (
    OutcomeStatus,
    Share,
    counts_in_rate,
    is_self_supporting,
    self_support_share,
)


def test_education_on_su_is_self_supporting_and_a_flex_job_is_not():
    assert is_self_supporting("education_su")
    assert is_self_supporting(OutcomeStatus.ORDINARY_JOB)
    assert not is_self_supporting("flex_job")
    assert not is_self_supporting("other_benefit")


def test_unknown_and_moved_away_are_never_counted_as_not_self_supporting():
    assert not counts_in_rate("unknown") and not counts_in_rate("moved_away")
    share = self_support_share(["ordinary_job", "unknown", "unknown", "flex_job", "moved_away"])
    assert (share.numerator, share.denominator, share.unknown) == (1, 2, 2)
    assert share.percent == 50


def test_the_bureaus_own_figure():
    assert Share(102, 160).percent == 64  # 63,75 % → 64 %
    assert Share(0, 0).percent is None


@given(st.lists(st.sampled_from(list(OutcomeStatus))))
def test_share_is_a_proper_fraction(statuses):
    share = self_support_share(statuses)
    assert 0 <= share.numerator <= share.denominator <= len(statuses)
    assert share.denominator + share.unknown + statuses.count(OutcomeStatus.MOVED_AWAY) == len(
        statuses)
