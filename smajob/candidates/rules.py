"""Candidate rules: status moves, the maturing deadline, CPR's date part and masking. Pure."""

from __future__ import annotations

from datetime import date, timedelta

from smajob.candidates.models import CandidateStatus as S

MATURING_DAYS = 28  # maturing lasts at most 4 weeks from its start
DEADLINE_WARNING_DAYS = 3  # the consultant is alerted this many days before

# from → the statuses it may move to (placed comes from the ledger; exited needs an outflow)
MOVES: dict[S, frozenset[S]] = {
    S.REFERRED: frozenset({S.MATURING, S.PAUSED, S.EXITED, S.WITHDRAWN}),
    S.MATURING: frozenset({S.READY, S.PAUSED, S.EXITED, S.WITHDRAWN}),
    S.READY: frozenset({S.MATURING, S.PLACED, S.PAUSED, S.EXITED, S.WITHDRAWN}),
    S.PLACED: frozenset({S.READY, S.PAUSED, S.EXITED}),
    S.PAUSED: frozenset({S.MATURING, S.READY, S.EXITED, S.WITHDRAWN}),
    S.EXITED: frozenset(),
    S.WITHDRAWN: frozenset(),
}
ACTIVE = frozenset({S.REFERRED, S.MATURING, S.READY, S.PLACED, S.PAUSED})


def can_move(current: str, target: str) -> bool:
    try:
        return S(target) in MOVES[S(current)]
    except ValueError:
        return False


def maturing_deadline(started: date | None) -> date | None:
    return started + timedelta(days=MATURING_DAYS) if started else None


def deadline_state(started: date | None, today: date) -> str | None:
    """'passed', 'near' (within the warning days) or None."""
    deadline = maturing_deadline(started)
    if deadline is None:
        return None
    if today > deadline:
        return "passed"
    if (deadline - today).days <= DEADLINE_WARNING_DAYS:
        return "near"
    return None


def normalise_cpr(text: str) -> str | None:
    """'010190-1234' or '0101901234' → '0101901234' if the date part is a real date, else None.

    The check digit (modulus 11) is not checked: numbers without it have been issued since 2007.
    The century comes from the 7th digit (the CPR office's table), so 29 February is judged
    in the right year.
    """
    digits = text.strip().replace("-", "").replace(" ", "")
    if len(digits) != 10 or not digits.isdigit():
        return None
    day, month, yy, seventh = int(digits[:2]), int(digits[2:4]), int(digits[4:6]), int(digits[6])
    if seventh <= 3:
        century = 1900
    elif seventh in (4, 9):
        century = 2000 if yy <= 36 else 1900
    else:  # 5–8
        century = 2000 if yy <= 57 else 1800
    try:
        date(century + yy, month, day)
    except ValueError:
        return None
    return digits


def mask_cpr(digits: str | None) -> str:
    """'0101901234' → '010190-****'; nothing when there is no CPR."""
    return f"{digits[:6]}-****" if digits else ""
