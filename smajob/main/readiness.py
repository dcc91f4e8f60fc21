"""What /readyz checks: database reachable, migrations at head, scheduler seen lately.

Each check returns None when fine, or a short reason; the view reports every failure by name.
The scheduler's heartbeat is its JobRun rows: `deliver_mail` runs every minute.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select, text

from smajob.extensions import db
from smajob.system.models import JobRun


def check_database() -> str | None:
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # any failure at all means not reachable
        db.session.rollback()
        return "unreachable"
    return None


def expected_heads() -> set[str]:
    from alembic.script import ScriptDirectory

    directory = current_app.extensions["migrate"].directory
    return set(ScriptDirectory(directory).get_heads())


def check_migrations() -> str | None:
    from alembic.runtime.migration import MigrationContext

    try:
        current = set(MigrationContext.configure(db.session.connection()).get_current_heads())
    except Exception:
        db.session.rollback()
        return "unknown"
    return None if current == expected_heads() else "not at head"


def check_scheduler(now: datetime, stale_after: timedelta) -> str | None:
    try:
        last = db.session.execute(select(JobRun.started_at)
                                  .order_by(JobRun.started_at.desc()).limit(1)).scalar()
    except Exception:
        db.session.rollback()
        return "unknown"
    if last is None:
        return "never seen"
    if last.tzinfo is None:  # SQLite hands back naive UTC
        from datetime import UTC

        last = last.replace(tzinfo=UTC)
    return None if now - last <= stale_after else "not seen lately"


def failures(now: datetime) -> dict[str, str]:
    """Name → reason for every failed check; empty when ready."""
    config = current_app.config
    database = check_database()
    if database:
        return {"database": database}
    found = {}
    if config["READY_CHECK_MIGRATIONS"] and (reason := check_migrations()):
        found["migrations"] = reason
    if config["READY_CHECK_SCHEDULER"] and (
            reason := check_scheduler(now, config["SCHEDULER_STALE_AFTER"])):
        found["scheduler"] = reason
    return found
