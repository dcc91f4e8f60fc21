"""Housekeeping scheduled jobs."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, or_

from smajob.accounts.models import LoginAttempt, PasswordResetToken, UserSession
from smajob.extensions import db

SESSION_KEEP = timedelta(days=30)  # ended sessions kept a while for the security log
ATTEMPT_KEEP = timedelta(days=1)


def purge_expired(now: datetime) -> dict[str, int]:
    """Delete sessions ended/idle > 30 days ago, login failures > 1 day old, dead reset tokens."""
    sessions = db.session.execute(delete(UserSession).where(or_(
        UserSession.ended_at < now - SESSION_KEEP,
        UserSession.last_seen_at < now - SESSION_KEEP,
    ))).rowcount
    attempts = db.session.execute(
        delete(LoginAttempt).where(LoginAttempt.at < now - ATTEMPT_KEEP)).rowcount
    tokens = db.session.execute(delete(PasswordResetToken).where(or_(
        PasswordResetToken.expires_at < now, PasswordResetToken.used_at.is_not(None),
    ))).rowcount
    from smajob.api.tokens import purge_counters

    return {"sessions": sessions or 0, "login_attempts": attempts or 0,
            "reset_tokens": tokens or 0, "api_counters": purge_counters(now)}


def deliver_mail(now: datetime) -> dict[str, int]:
    """Retry e-mail still waiting for SMTP delivery."""
    from smajob.mail.notifier import deliver_pending

    return deliver_pending(now=now)
