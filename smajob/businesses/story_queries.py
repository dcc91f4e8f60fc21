"""Reads for a business's story and badge."""

from __future__ import annotations

import re
import secrets

from sqlalchemy import select

from smajob.businesses.models import Business
from smajob.businesses.story import StoryCounts
from smajob.extensions import db


def story_counts(business_id: int) -> StoryCounts:
    """Counts from the placements ledger for one business (all time)."""
    from smajob.placements import story as placement_story

    return placement_story.counts_for_business(business_id)


_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,43}$")  # what token_urlsafe makes; nothing else is asked


def business_by_badge(token: str) -> Business | None:
    if not _TOKEN.match(token or ""):
        return None
    return db.session.scalar(select(Business).where(Business.badge_token == token))


def switch_badge(business: Business, on: bool) -> None:
    """On: a fresh random link (unless already on). Off: the link is retired for good."""
    if on and business.badge_token is None:
        business.badge_token = secrets.token_urlsafe(24)
    elif not on:
        business.badge_token = None
