"""Which page numbers a pager shows: the first, the last, and a window around the current page,
with None where numbers are left out ("1 … 4 5 [6] 7 8 … 2000"). A list of 50,000 people has
2,000 pages; linking every one made the page 200 ms of url_for and a screen-reader's maze."""

from __future__ import annotations


def window(current: int, pages: int, *, radius: int = 2) -> list[int | None]:
    """Page numbers to link, in order, None marking a gap of one or more pages."""
    if pages <= 0:
        return []
    current = min(max(1, current), pages)
    wanted = {1, pages, *range(max(1, current - radius), min(pages, current + radius) + 1)}
    shown: list[int | None] = []
    for number in sorted(wanted):
        if shown and number - shown[-1] > 1:  # type: ignore[operator]
            shown.append(None)
        shown.append(number)
    return shown
