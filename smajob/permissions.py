"""Roles, the blueprint guard, the list of public endpoints and pure access predicates."""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol

from flask import Blueprint, abort
from flask_login import current_user


class Role(StrEnum):
    BUSINESS = "business"
    CONSULTANT = "consultant"
    JOBCENTER = "jobcenter"
    ADMIN = "admin"


STAFF = frozenset({Role.CONSULTANT, Role.JOBCENTER, Role.ADMIN})
BUREAU = frozenset({Role.CONSULTANT, Role.ADMIN})

# Endpoints anyone may reach without logging in. A test fails if any other endpoint is unguarded.
PUBLIC_ENDPOINTS: set[str] = {"static"}


def public(endpoint: str) -> str:
    PUBLIC_ENDPOINTS.add(endpoint)
    return endpoint


def guard(blueprint: Blueprint, *roles: Role,
          public_endpoints: tuple[str, ...] = ()) -> None:
    """Every endpoint of the blueprint requires login and one of `roles`, bar the public ones."""
    allowed = frozenset(roles)
    open_names = {f"{blueprint.name}.{name}" for name in public_endpoints}
    PUBLIC_ENDPOINTS.update(open_names)
    blueprint.guarded_roles = allowed  # type: ignore[attr-defined]  (read by the guard test)

    @blueprint.before_request
    def _require_role():
        from flask import request

        if request.endpoint in open_names:
            return None
        if not current_user.is_authenticated:
            from smajob.extensions import login_manager

            return login_manager.unauthorized()
        if allowed and current_user.role not in allowed:
            abort(403)
        return None


class _Actor(Protocol):
    id: int
    role: str
    municipality_id: int | None
    business_id: int | None


def is_bureau(user: _Actor) -> bool:
    return user.role in BUREAU


def can_manage_users(user: _Actor) -> bool:
    return user.role == Role.ADMIN


def can_view_municipality(user: _Actor, municipality_id: int | None) -> bool:
    """Bureau staff see every municipality; jobcenter staff only their own."""
    if is_bureau(user):
        return True
    return user.role == Role.JOBCENTER and municipality_id is not None and (
        user.municipality_id == municipality_id
    )


def can_view_business(user: _Actor, business_id: int | None) -> bool:
    """Bureau staff see every business; a business user only their own."""
    if is_bureau(user):
        return True
    return user.role == Role.BUSINESS and business_id is not None and (
        user.business_id == business_id
    )
