"""The one place that reads the wall clock. Tests freeze it; pure code takes `now` instead."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

LOCAL_ZONE = ZoneInfo("Europe/Copenhagen")
_frozen: datetime | None = None


def now() -> datetime:
    """The current instant, aware, in UTC."""
    return _frozen if _frozen is not None else datetime.now(UTC)


def today() -> date:
    """Today's date in Copenhagen (the bureau's calendar)."""
    return now().astimezone(LOCAL_ZONE).date()


def to_local(moment: datetime) -> datetime:
    return moment.astimezone(LOCAL_ZONE)


def freeze(moment: datetime | None) -> None:
    """Pin the clock (tests only); None releases it."""
    global _frozen
    if moment is not None and moment.tzinfo is None:
        raise ValueError("freeze() needs an aware datetime")
    _frozen = moment.astimezone(UTC) if moment is not None else None


@contextmanager
def frozen(moment: datetime) -> Iterator[datetime]:
    previous = _frozen
    freeze(moment)
    try:
        yield moment
    finally:
        freeze(previous)
