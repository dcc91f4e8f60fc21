"""Task categories (a managed list), the Task a business posts and its history."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from smajob.businesses.models import Business
from smajob.db import Base, TimestampMixin
from smajob.tasks import list_version

# The bureau's typical tasks (seeded by migration 0002; admins may add and retire categories).
DEFAULT_CATEGORIES = [
    ("office", "Kontorhjælp, registrering og print", "Office help, registration and printing"),
    ("sorting", "Sortering og makulering", "Sorting and shredding"),
    ("mail", "Post og ærinder", "Mail and errands"),
    ("kitchen", "Køkken- og kantinehjælp", "Kitchen and canteen help"),
    ("cleaning", "Lettere rengøring", "Light cleaning"),
    ("outdoor", "Planter, udendørs- og gårdarbejde", "Plants, outdoor and yard work"),
    ("warehouse", "Lager og pakning", "Warehouse and packing"),
    ("workshop", "Værksted og enkel montage", "Workshop and simple assembly"),
    ("cafe", "Café og service", "Café and service"),
    ("other", "Andet", "Other"),
]


class TaskCategory(Base):
    __tablename__ = "task_category"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    name_da: Mapped[str] = mapped_column(String(80))
    name_en: Mapped[str] = mapped_column(String(80))
    sort_order: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)

    def name(self, language: str = "da") -> str:
        return self.name_en if language == "en" else self.name_da

    def __repr__(self) -> str:
        return f"<TaskCategory {self.code}>"


class TaskStatus(StrEnum):
    SUBMITTED = "submitted"  # waiting for a consultant's review
    OPEN = "open"  # approved: candidates may be placed
    REJECTED = "rejected"  # with a reason the business sees
    PAUSED = "paused"
    CLOSED = "closed"
    EXPIRED = "expired"  # the end date passed (scheduled job)


class TaskSource(StrEnum):
    FORM = "form"  # the public form, typed in directly
    HELPER = "helper"  # the public form, reached through the "find your tasks" helper
    PORTAL = "portal"  # a business user in the portal
    API = "api"


class Task(TimestampMixin, Base):
    """A small job a business posts: a weekly hour pattern, seats, wage and what suits."""

    __tablename__ = "task"
    __table_args__ = (Index("ix_task_status_submitted", "status", "submitted_at"),
                      Index("ix_task_submitted_id", "submitted_at", "id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("business.id"), index=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("task_category.id"), index=True)
    title: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text)
    pattern: Mapped[list] = mapped_column(JSON)  # smajob.weekly.to_json
    weekly_minutes: Mapped[int]  # from the pattern, kept for lists and filters
    start_date: Mapped[date]
    end_date: Mapped[date | None]  # None: open-ended
    seats: Mapped[int] = mapped_column(default=1)
    address: Mapped[str] = mapped_column(String(200))
    postcode: Mapped[str] = mapped_column(ForeignKey("postcode.number"), index=True)
    contact_name: Mapped[str] = mapped_column(String(120))
    contact_phone: Mapped[str] = mapped_column(String(20))
    contact_email: Mapped[str] = mapped_column(String(254))
    contact_language: Mapped[str] = mapped_column(String(2), default="da")
    agreement: Mapped[str] = mapped_column(String(120))  # the collective agreement
    agreement_min_wage: Mapped[int]  # øre per hour
    wage: Mapped[int]  # øre per hour offered
    bill_rate: Mapped[int | None]  # øre per hour; set when approved
    traits: Mapped[list] = mapped_column(JSON, default=list)  # TaskTrait values
    danish_level: Mapped[int] = mapped_column(default=0)  # DanishLevel
    status: Mapped[str] = mapped_column(String(20), default=TaskStatus.SUBMITTED, index=True)
    rejection_reason: Mapped[str | None] = mapped_column(String(1000))
    source: Mapped[str] = mapped_column(String(10), default=TaskSource.PORTAL)
    submitted_at: Mapped[datetime]
    approved_at: Mapped[datetime | None]
    follow_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    address_key: Mapped[str | None] = mapped_column(String(64), index=True)  # public form only

    business: Mapped[Business] = relationship(lazy="raise")
    category: Mapped[TaskCategory] = relationship(lazy="raise")

    def __repr__(self) -> str:
        return f"<Task {self.id} {self.status}>"


class TaskEvent(Base):
    """The task's history: who changed what, when (changes: {field: [old, new]})."""

    __tablename__ = "task_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime]
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id",
                                                            ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(30))
    changes: Mapped[dict | None] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(String(2000))

    def __repr__(self) -> str:
        return f"<TaskEvent {self.task_id} {self.action}>"


class ListVersion(Base):
    """A number the database raises whenever what a list shows may have changed (kept by
    triggers: tasks/list_version.py), so a rendered list can be reused until it moves."""

    __tablename__ = "list_version"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    n: Mapped[int] = mapped_column(BigInteger)


event.listen(Base.metadata, "after_create", list_version.install)
