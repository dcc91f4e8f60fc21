"""The pager shows the first and last page, a window around the current one, and marks gaps."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from smajob.paging import window


def test_known_windows():
    assert window(1, 1) == [1]
    assert window(1, 0) == []
    assert window(1, 7) == [1, 2, 3, None, 7]
    assert window(6, 2000) == [1, None, 4, 5, 6, 7, 8, None, 2000]
    assert window(4, 7) == [1, 2, 3, 4, 5, 6, 7]
    assert window(2000, 2000) == [1, None, 1998, 1999, 2000]
    assert window(99, 5) == [1, None, 3, 4, 5]  # a page past the end shows the last


@given(st.integers(min_value=-5, max_value=3000), st.integers(min_value=1, max_value=3000))
def test_every_window_is_short_ordered_and_complete_around_the_current_page(current, pages):
    shown = window(current, pages)
    numbers = [n for n in shown if n is not None]
    assert numbers == sorted(set(numbers))
    assert numbers[0] == 1 and numbers[-1] == pages
    assert len(shown) <= 9
    here = min(max(1, current), pages)
    assert here in numbers
    assert all(n in numbers for n in range(max(1, here - 2), min(pages, here + 2) + 1))
    for left, right in pairwise(shown):  # a gap marker stands exactly where pages are left out
        assert not (left is None and right is None)
        if left is not None and right is not None:
            assert right == left + 1
