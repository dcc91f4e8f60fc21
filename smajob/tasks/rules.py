"""The task's pure rules: weekly-hour limits, status moves, material changes, contact checks.

No Flask, no SQL, no clock: the service passes in today's date and the limits in force.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from smajob.tasks.models import TaskStatus


@dataclass(frozen=True)
class HourLimits:
    """Minutes a week: fewer than `minimum` or more than `maximum` is refused; above `warn`
    the business is asked to confirm (small jobs are usually 5–10 hours)."""

    minimum: int = 300
    warn: int = 600
    maximum: int = 37 * 60


def hours_problem(total: int, limits: HourLimits) -> str | None:
    """'too_few', 'too_many' or None."""
    if total < limits.minimum:
        return "too_few"
    if total > limits.maximum:
        return "too_many"
    return None


def hours_warning(total: int, limits: HourLimits) -> bool:
    return limits.warn < total <= limits.maximum


def dates_problem(start: date, end: date | None, today: date) -> str | None:
    """'start_past', 'end_before_start' or None."""
    if start < today:
        return "start_past"
    if end is not None and end < start:
        return "end_before_start"
    return None


# Who may move a task from one status to another (the rest is refused).
TRANSITIONS: dict[str, frozenset[str]] = {
    TaskStatus.SUBMITTED: frozenset({TaskStatus.OPEN, TaskStatus.REJECTED, TaskStatus.CLOSED,
                                     TaskStatus.EXPIRED}),
    TaskStatus.OPEN: frozenset({TaskStatus.PAUSED, TaskStatus.CLOSED, TaskStatus.EXPIRED,
                                TaskStatus.SUBMITTED}),
    TaskStatus.PAUSED: frozenset({TaskStatus.OPEN, TaskStatus.CLOSED, TaskStatus.EXPIRED,
                                  TaskStatus.SUBMITTED}),
    TaskStatus.REJECTED: frozenset({TaskStatus.SUBMITTED, TaskStatus.CLOSED}),
    TaskStatus.CLOSED: frozenset(),
    TaskStatus.EXPIRED: frozenset(),
}
EDITABLE = frozenset({TaskStatus.SUBMITTED, TaskStatus.OPEN, TaskStatus.PAUSED,
                      TaskStatus.REJECTED})


def can_move(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, frozenset())


# A change to any of these sends an approved task back for review; the rest (contact person,
# seats, end date) does not.
MATERIAL_FIELDS = frozenset({"title", "description", "category_id", "pattern", "start_date",
                             "address", "postcode", "agreement", "agreement_min_wage", "wage",
                             "traits", "danish_level"})


def changes(old: dict, new: dict) -> dict[str, list]:
    """{field: [old, new]} for the fields whose value differs (JSON-friendly values)."""
    return {key: [_plain(old.get(key)), _plain(value)] for key, value in new.items()
            if _plain(old.get(key)) != _plain(value)}


def is_material(changed: dict) -> bool:
    return bool(MATERIAL_FIELDS & set(changed))


def _plain(value):
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_plain(v) for v in value]
        return sorted(items, key=str) if isinstance(value, (set, frozenset)) else items
    return value


_PHONE = re.compile(r"^\+?[0-9]{8,15}$")


def normalise_phone(raw: str) -> str | None:
    """'+45 12 34 56 78' → '+4512345678'; eight Danish digits or +country and 8–15 digits."""
    compact = re.sub(r"[\s\-().]", "", raw or "")
    if not _PHONE.match(compact):
        return None
    if not compact.startswith("+") and len(compact) != 8:
        return None
    return compact
