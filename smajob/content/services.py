"""Stories: create, edit, delete; and what the landing page shows."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from smajob.audit.services import record_audit
from smajob.content.models import Story
from smajob.extensions import db


@dataclass(frozen=True)
class StoryData:
    title: str
    body: str
    byline: str | None
    language: str
    sort_order: int
    published: bool


def save_story(actor, data: StoryData, story: Story | None = None) -> Story:
    """Create or update a story (text is stored as typed and always escaped when shown)."""
    story = story or Story()
    story.title, story.body = data.title.strip(), data.body.strip()
    story.byline = (data.byline or "").strip() or None
    story.language, story.sort_order = data.language, data.sort_order
    story.published = data.published
    db.session.add(story)
    db.session.flush()
    record_audit(actor, "story.saved", object_type="story", object_id=story.id)
    return story


def delete_story(actor, story: Story) -> None:
    record_audit(actor, "story.deleted", object_type="story", object_id=story.id)
    db.session.delete(story)


def list_stories() -> list[Story]:
    return list(db.session.scalars(select(Story).order_by(Story.sort_order, Story.id)))


def published_stories(language: str, limit: int = 3) -> list[Story]:
    """Published stories in the visitor's language, falling back to Danish ones."""
    stmt = select(Story).where(Story.published.is_(True)).order_by(Story.sort_order, Story.id)
    stories = list(db.session.scalars(stmt))
    own = [s for s in stories if s.language == language]
    return (own or [s for s in stories if s.language == "da"])[:limit]
