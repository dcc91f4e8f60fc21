"""Per-user API tokens (stored hashed) and the per-minute request counters for rate limits."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from smajob.accounts.models import User
from smajob.db import Base, _utcnow


class ApiToken(Base):
    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"),
                                         index=True)
    name: Mapped[str] = mapped_column(String(80))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(12))  # shown so a user can tell tokens apart
    created_at: Mapped[datetime] = mapped_column(default=_utcnow)
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(lazy="joined")


class ApiRequestCount(Base):
    """Requests per token per minute, counted in the database so every worker sees them."""

    __tablename__ = "api_request_count"
    __table_args__ = (UniqueConstraint("token_id", "minute"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    token_id: Mapped[int] = mapped_column(ForeignKey("api_token.id", ondelete="CASCADE"))
    minute: Mapped[datetime]
    count: Mapped[int] = mapped_column(default=0)
