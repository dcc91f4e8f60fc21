"""Admin use cases for user accounts: create, change role and tenant, deactivate."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from smajob.accounts import passwords
from smajob.accounts.models import User
from smajob.accounts.services import check_password_policy, normalise_email
from smajob.accounts.sessions import end_all_sessions
from smajob.audit.services import record_audit
from smajob.errors import RuleViolation
from smajob.extensions import db
from smajob.permissions import Role


@dataclass(frozen=True)
class UserData:
    email: str
    name: str
    role: Role
    municipality_id: int | None = None
    business_id: int | None = None
    language: str = "da"


def _check_tenant(data: UserData) -> None:
    if data.role == Role.JOBCENTER and not data.municipality_id:
        raise RuleViolation("municipality_id", _l("Jobcenter-brugere skal høre til en kommune."))
    if data.role == Role.BUSINESS and not data.business_id:
        raise RuleViolation("business_id", _l("Virksomhedsbrugere skal høre til en virksomhed."))


def _tenant_ids(data: UserData) -> tuple[int | None, int | None]:
    """Only the tenant that belongs to the role is kept; the other is cleared."""
    return (data.municipality_id if data.role == Role.JOBCENTER else None,
            data.business_id if data.role == Role.BUSINESS else None)


def create_user(actor, data: UserData, password: str, *, now: datetime) -> User:
    """Create an account; e-mail unique (case-insensitive), password by the policy."""
    email = normalise_email(data.email)
    if db.session.scalar(select(User.id).where(User.email == email)):
        raise RuleViolation("email", _l("Der findes allerede en bruger med denne e-mail."))
    _check_tenant(data)
    check_password_policy(password, email=email, name=data.name)
    municipality_id, business_id = _tenant_ids(data)
    user = User(email=email, name=data.name.strip(), role=data.role, language=data.language,
                municipality_id=municipality_id, business_id=business_id,
                password_hash=passwords.hash_password(password), password_changed_at=now)
    db.session.add(user)
    db.session.flush()
    record_audit(actor, "user.created", object_type="user", object_id=user.id,
                 detail={"role": str(data.role)})
    return user


def update_user(actor, user: User, data: UserData, *, now: datetime) -> User:
    """Change name, e-mail, role and tenant; a change of role or tenant ends the user's sessions."""
    email = normalise_email(data.email)
    clash = db.session.scalar(select(User.id).where(User.email == email, User.id != user.id))
    if clash:
        raise RuleViolation("email", _l("Der findes allerede en bruger med denne e-mail."))
    _check_tenant(data)
    if user.id == actor.id and data.role != user.role:
        raise RuleViolation("role", _l("Du kan ikke ændre din egen rolle."))
    municipality_id, business_id = _tenant_ids(data)
    access_changed = (data.role, municipality_id, business_id) != (
        user.role, user.municipality_id, user.business_id)
    user.email, user.name, user.language = email, data.name.strip(), data.language
    user.role, user.municipality_id, user.business_id = data.role, municipality_id, business_id
    if access_changed:
        end_all_sessions(user.id, now=now, reason="access_changed")
    record_audit(actor, "user.updated", object_type="user", object_id=user.id,
                 detail={"role": str(data.role), "access_changed": access_changed})
    return user


def set_user_active(actor, user: User, active: bool, *, now: datetime) -> None:
    """Deactivate (ending every session at once) or reactivate an account."""
    if user.id == actor.id and not active:
        raise RuleViolation(None, _l("Du kan ikke deaktivere dig selv."))
    user.active = active
    if not active:
        end_all_sessions(user.id, now=now, reason="deactivated")
    record_audit(actor, "user.activated" if active else "user.deactivated",
                 object_type="user", object_id=user.id)


def list_users(*, role: str | None = None, query: str | None = None) -> list[User]:
    stmt = select(User).order_by(User.role, User.name)
    if role:
        stmt = stmt.where(User.role == role)
    if query:
        like = f"%{query.strip().lower()}%"
        stmt = stmt.where((User.email.ilike(like)) | (User.name.ilike(like)))
    return list(db.session.scalars(stmt))
