"""Small helpers shared by the views (the edges): safe redirects, rule errors onto forms."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, request, url_for
from flask_wtf import FlaskForm
from markupsafe import Markup

from smajob.errors import RuleViolation
from smajob.extensions import db


def safe_next(default_endpoint: str = "main.dashboard") -> str:
    """The ?next= target if it stays on this site (a relative path), else the default page."""
    target = request.values.get("next", "")
    parts = urlsplit(target)
    if (target.startswith("/") and not target.startswith("//") and not parts.scheme
            and not parts.netloc and "\\" not in target):
        return target
    return url_for(default_endpoint)


def client_address() -> str:
    return request.remote_addr or "-"


def apply_violation(form: FlaskForm, error: RuleViolation) -> None:
    """Roll back the unit of work and show the rule's message on its field (or on the form)."""
    db.session.rollback()
    field = getattr(form, error.field, None) if error.field else None
    if field is not None and hasattr(field, "errors"):
        field.errors = [*list(field.errors or []), str(error.message)]
    else:
        form.form_errors.append(str(error.message))


def current_business_id() -> int:
    """The logged-in business user's business; a business user without one sees nothing (404)."""
    from flask import abort
    from flask_login import current_user

    if current_user.business_id is None:
        abort(404)
    return current_user.business_id


def parse_month(text: str | None):
    """'2026-11' → date(2026, 11, 1); anything else → None."""
    from datetime import date

    try:
        year, month = (int(part) for part in (text or "").strip().split("-"))
        return date(year, month, 1)
    except ValueError:
        return None


def month_arg(name: str = "month"):
    """The month in the request's `name` parameter (query or form), or None."""
    return parse_month(request.values.get(name))


def render_fragment(template: str, **context) -> Markup:
    """A template rendered on its own (with the usual context: request, url_for, _ …) as
    markup to place in another page: Jinja's own autoescaped output, never a string we mark
    safe ourselves — for fragments kept and reused (tasks/staff_views.py)."""
    current_app.update_template_context(context)
    return current_app.jinja_env.get_template(template).make_module(context).__html__()
