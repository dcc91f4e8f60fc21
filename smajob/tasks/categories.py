"""Task categories: the managed list."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from smajob.audit.services import record_audit
from smajob.errors import RuleViolation
from smajob.extensions import db
from smajob.tasks.models import DEFAULT_CATEGORIES, TaskCategory

_CODE = re.compile(r"^[a-z0-9_]{2,30}$")


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


def add_category(actor, code: str, name_da: str, name_en: str) -> TaskCategory:
    code = (code or "").strip().lower()
    if not _CODE.match(code):
        raise RuleViolation("code", _l("Brug 2–30 små bogstaver, tal eller _."))
    if get_category_by_code(code) is not None:
        raise RuleViolation("code", _l("Der findes allerede en kategori med den kode."))
    last = db.session.scalar(select(func.max(TaskCategory.sort_order))) or 0
    category = TaskCategory(code=code, sort_order=last + 10, name_da="", name_en="")
    _set_names(category, name_da, name_en)
    db.session.add(category)
    db.session.flush()
    record_audit(actor, "task_category.add", object_type="task_category", object_id=category.id)
    return category


def rename_category(actor, category: TaskCategory, name_da: str, name_en: str) -> None:
    _set_names(category, name_da, name_en)
    record_audit(actor, "task_category.rename", object_type="task_category",
                 object_id=category.id)


def set_active(actor, category: TaskCategory, active: bool) -> None:
    """Retire (or bring back) a category: retired ones stay on old tasks but cannot be chosen."""
    category.active = active
    record_audit(actor, "task_category.retire" if not active else "task_category.restore",
                 object_type="task_category", object_id=category.id)


def _set_names(category: TaskCategory, name_da: str, name_en: str) -> None:
    for field, value in (("name_da", name_da), ("name_en", name_en)):
        cleaned = " ".join((value or "").split())
        if not cleaned or len(cleaned) > 80 or "\x00" in cleaned:
            raise RuleViolation(field, _l("Skriv et navn på højst 80 tegn."))
        setattr(category, field, cleaned)
