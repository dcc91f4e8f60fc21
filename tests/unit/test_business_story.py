from hypothesis import given
from hypothesis import strategies as st

from smajob.businesses.story import StoryCounts, tell


def test_small_counts_read_under_five_and_hours_round():
    story = tell(StoryCounts(people=12, minutes=90 * 60 + 29, more_hours=3, direct_employment=6,
                             education=0, named=("Sara", "Ahmad")))
    assert story.people.value == 12
    assert story.hours == 90
    assert story.more_hours.suppressed and story.more_hours.value is None
    # the one other non-zero moving-on count is hidden with it so no sum reveals the 3
    assert story.direct_employment.suppressed
    assert story.education.value == 0 and not story.education.suppressed
    assert story.named == ("Ahmad", "Sara")


def test_nothing_yet():
    story = tell(StoryCounts(0, 0, 0, 0, 0))
    assert not story.has_content
    assert story.people.value == 0


@given(st.integers(0, 40), st.integers(0, 40), st.integers(0, 40), st.integers(0, 5000))
def test_no_count_of_one_to_four_is_ever_shown(more, direct, education, minutes):
    story = tell(StoryCounts(more + direct + education, minutes, more, direct, education))
    assert story.hours * 60 - 30 <= minutes < story.hours * 60 + 30
    figures = [story.people, story.more_hours, story.direct_employment, story.education]
    for figure in figures:
        assert figure.value is None or figure.value == 0 or figure.value >= 5
    moving = [story.more_hours, story.direct_employment, story.education]
    if sum(f.suppressed for f in moving) == 1:  # nothing else to hide: the total is hidden
        assert story.people.suppressed or story.people.value != more + direct + education
