"""Server-side sessions: a login is a row; logout, password change and deactivation end it."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select, update

from smajob.accounts.models import User, UserSession
from smajob.extensions import db
from smajob.keys import new_token, token_hash

# Touch last_seen at most this often, so browsing does not write on every request.
_TOUCH_EVERY = timedelta(seconds=60)


def start_session(user: User, *, now: datetime) -> str:
    """Create a session for `user` and return the token for the cookie (never stored in clear)."""
    token = new_token()
    db.session.add(UserSession(token_hash=token_hash(token), user_id=user.id,
                               created_at=now, last_seen_at=now))
    user.last_login_at = now
    return token


def resolve_session(token: str | None, *, now: datetime, idle: timedelta,
                    absolute: timedelta) -> User | None:
    """The user of a live session; ends the session if it has idled or aged out."""
    if not token:
        return None
    row = db.session.scalar(select(UserSession).where(UserSession.token_hash == token_hash(token)))
    if row is None or row.ended_at is not None:
        return None
    if not row.user.active:
        row.ended_at, row.ended_reason = now, "deactivated"
        return None
    if now - row.last_seen_at > idle:
        row.ended_at, row.ended_reason = now, "idle"
        return None
    if now - row.created_at > absolute:
        row.ended_at, row.ended_reason = now, "absolute"
        return None
    if now - row.last_seen_at > _TOUCH_EVERY:
        row.last_seen_at = now
    return row.user


def end_session(token: str | None, *, now: datetime, reason: str = "logout") -> None:
    if token:
        db.session.execute(
            update(UserSession)
            .where(UserSession.token_hash == token_hash(token), UserSession.ended_at.is_(None))
            .values(ended_at=now, ended_reason=reason)
        )


def end_all_sessions(user_id: int, *, now: datetime, reason: str) -> int:
    """End every live session of a user (password change, deactivation); returns how many."""
    result = db.session.execute(
        update(UserSession)
        .where(UserSession.user_id == user_id, UserSession.ended_at.is_(None))
        .values(ended_at=now, ended_reason=reason)
    )
    return result.rowcount or 0
