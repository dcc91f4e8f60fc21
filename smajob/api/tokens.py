"""API token use cases: create (shown once), revoke, authenticate, count for the rate limit."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from smajob.accounts.models import User
from smajob.api.models import ApiRequestCount, ApiToken
from smajob.audit.services import record_audit
from smajob.errors import RuleViolation
from smajob.extensions import db
from smajob.keys import new_token, token_hash

PREFIX = "smj_"
MAX_TOKENS_PER_USER = 10


def create_token(user: User, name: str, *, now: datetime) -> tuple[ApiToken, str]:
    """A new token for `user`; the plain value is returned once and never stored."""
    name = name.strip()
    if not name:
        raise RuleViolation("name", _l("Giv nøglen et navn, så du kan kende den igen."))
    live = db.session.scalars(select(ApiToken).where(ApiToken.user_id == user.id,
                                                     ApiToken.revoked_at.is_(None))).all()
    if len(live) >= MAX_TOKENS_PER_USER:
        raise RuleViolation("name", _l("Du har allerede 10 aktive nøgler. Tilbagekald en først."))
    plain = PREFIX + new_token()
    token = ApiToken(user_id=user.id, name=name[:80], token_hash=token_hash(plain),
                     prefix=plain[:10], created_at=now)
    db.session.add(token)
    db.session.flush()
    record_audit(user, "api_token.created", object_type="api_token", object_id=token.id)
    return token, plain


def revoke_token(user: User, token: ApiToken, *, now: datetime) -> None:
    if token.revoked_at is None:
        token.revoked_at = now
        record_audit(user, "api_token.revoked", object_type="api_token", object_id=token.id)


def list_tokens(user: User) -> list[ApiToken]:
    return list(db.session.scalars(select(ApiToken).where(ApiToken.user_id == user.id)
                                   .order_by(ApiToken.id.desc())))


def authenticate(raw: str | None, *, now: datetime) -> ApiToken | None:
    """The live token for a 'Bearer smj_…' value whose user is active, else None."""
    if not raw or not raw.startswith(PREFIX) or len(raw) > 100:
        return None
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == token_hash(raw)))
    if token is None or token.revoked_at is not None or not token.user.active:
        return None
    return token


def count_request(token: ApiToken, *, now: datetime, limit: int) -> tuple[bool, int]:
    """Count one request in the current minute; (allowed, remaining)."""
    minute = now.replace(second=0, microsecond=0)
    updated = db.session.execute(
        update(ApiRequestCount)
        .where(ApiRequestCount.token_id == token.id, ApiRequestCount.minute == minute)
        .values(count=ApiRequestCount.count + 1)).rowcount
    if not updated:
        try:
            with db.session.begin_nested():  # another worker may insert the same minute first
                db.session.add(ApiRequestCount(token_id=token.id, minute=minute, count=1))
        except IntegrityError:
            db.session.execute(update(ApiRequestCount).where(
                ApiRequestCount.token_id == token.id, ApiRequestCount.minute == minute)
                .values(count=ApiRequestCount.count + 1))
    count = db.session.scalar(select(ApiRequestCount.count).where(
        ApiRequestCount.token_id == token.id, ApiRequestCount.minute == minute))
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        token.last_used_at = now
    return count <= limit, max(0, limit - count)


def purge_counters(now: datetime) -> int:
    return db.session.execute(delete(ApiRequestCount).where(
        ApiRequestCount.minute < now - timedelta(hours=1))).rowcount or 0
