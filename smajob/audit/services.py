"""The one helper that records an audit event."""

from __future__ import annotations

from typing import Any

from smajob import clock
from smajob.audit.models import AuditEvent
from smajob.extensions import db


def record_audit(actor, action: str, *, object_type: str | None = None,
                 object_id: int | None = None, candidate_id: int | None = None,
                 municipality_id: int | None = None, detail: dict[str, Any] | None = None,
                 ) -> AuditEvent:
    """Add one AuditEvent to the current unit of work (the edge commits it)."""
    event = AuditEvent(
        at=clock.now(), actor_id=getattr(actor, "id", None), action=action,
        object_type=object_type, object_id=object_id, candidate_id=candidate_id,
        municipality_id=municipality_id, detail=detail,
    )
    db.session.add(event)
    return event
