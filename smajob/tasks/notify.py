"""The task's e-mails, each in its recipient's language, through the one notifier."""

from __future__ import annotations

from sqlalchemy import select

from smajob.accounts.models import User
from smajob.extensions import db
from smajob.mail.notifier import queue_mail
from smajob.permissions import Role
from smajob.tasks.models import Task

FOLLOW_PATH = "/opgaver/folg/"  # + the token: the public follow page (tasks_public.follow)


def _to_business(task: Task, kind: str, **context) -> None:
    queue_mail(task.contact_email, f"task_{kind}", f"task_{kind}",
               language=task.contact_language, task=task, **context)


def received(task: Task, token: str) -> None:
    _to_business(task, "received", link=f"{FOLLOW_PATH}{token}")


def approved(task: Task) -> None:
    _to_business(task, "approved")


def rejected(task: Task) -> None:
    _to_business(task, "rejected")


def paused(task: Task) -> None:
    _to_business(task, "paused")


def expired(task: Task) -> None:
    _to_business(task, "expired")


def question(task: Task, text: str, actor) -> None:
    _to_business(task, "question", question=text, consultant=getattr(actor, "name", ""),
                 reply_to=getattr(actor, "email", ""))


def new_submission(task: Task) -> None:
    """Every active consultant hears of a new (or re-submitted) task, in their own language."""
    consultants = db.session.scalars(select(User).where(
        User.role == Role.CONSULTANT, User.active.is_(True)).order_by(User.id))
    for user in consultants:
        queue_mail(user.email, "task_new_submission", "task_new_submission",
                   language=user.language, task=task, user=user,
                   link=f"/opgaver/{task.id}")
