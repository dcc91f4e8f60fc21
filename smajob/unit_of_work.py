"""The edge's commit: one commit per unit of work, then queued e-mail goes out."""

from __future__ import annotations

import logging

from smajob import clock
from smajob.extensions import db

log = logging.getLogger(__name__)


def commit() -> None:
    """Commit the unit of work, then try to deliver mail it queued (failures retry later)."""
    db.session.commit()
    from smajob.mail.notifier import deliver_pending

    try:
        deliver_pending(now=clock.now())
    except Exception:  # delivery must never undo or fail a committed unit of work
        db.session.rollback()
        log.exception("mail delivery after commit failed; the scheduled job will retry")
