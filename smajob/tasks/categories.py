"""Task categories: the managed list."""

from __future__ import annotations

from sqlalchemy import select

from smajob.extensions import db
from smajob.tasks.models import DEFAULT_CATEGORIES, TaskCategory


def ensure_default_categories() -> int:
    """Insert any of the bureau's default categories that are missing; returns how many."""
    existing = set(db.session.scalars(select(TaskCategory.code)))
    added = 0
    for index, (code, name_da, name_en) in enumerate(DEFAULT_CATEGORIES):
        if code not in existing:
            db.session.add(TaskCategory(code=code, name_da=name_da, name_en=name_en,
                                        sort_order=(index + 1) * 10))
            added += 1
    db.session.flush()
    return added


def list_categories(*, active_only: bool = True) -> list[TaskCategory]:
    stmt = select(TaskCategory).order_by(TaskCategory.sort_order, TaskCategory.id)
    if active_only:
        stmt = stmt.where(TaskCategory.active.is_(True))
    return list(db.session.scalars(stmt))


def get_category_by_code(code: str) -> TaskCategory | None:
    return db.session.scalar(select(TaskCategory).where(TaskCategory.code == code))
