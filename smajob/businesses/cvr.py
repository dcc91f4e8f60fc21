"""CVR numbers: eight digits with a modulus-11 check digit (python-stdnum does the arithmetic)."""

from __future__ import annotations

from stdnum.dk import cvr as _cvr
from stdnum.exceptions import ValidationError


def normalise_cvr(raw: str) -> str | None:
    """The 8-digit CVR if `raw` (spaces, 'DK' prefix allowed) is valid, else None."""
    try:
        return _cvr.validate(raw)
    except ValidationError:
        return None
