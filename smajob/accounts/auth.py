"""Flask-Login glue: the cookie holds a session token; the user is loaded from a live session."""

from __future__ import annotations

from flask import Flask, current_app, session
from flask_babel import lazy_gettext as _l
from flask_login import login_user, logout_user

from smajob import clock
from smajob.accounts.models import User
from smajob.accounts.sessions import end_session, resolve_session, start_session
from smajob.extensions import db, login_manager

SESSION_KEY = "sid"


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Log ind for at se siden.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"

    @login_manager.user_loader
    def _load(user_id: str) -> User | None:
        cfg = current_app.config
        user = resolve_session(session.get(SESSION_KEY), now=clock.now(),
                               idle=cfg["SESSION_IDLE_TIMEOUT"],
                               absolute=cfg["SESSION_ABSOLUTE_TIMEOUT"])
        if db.session.dirty:  # the session was touched or ended: its own tiny unit of work
            db.session.commit()
        if user is None or str(user.id) != user_id:
            session.pop(SESSION_KEY, None)
            return None
        return user


def log_in(user: User) -> None:
    """Rotate the session: a fresh cookie with a new server-side session token."""
    lang = session.get("lang")
    session.clear()
    token = start_session(user, now=clock.now())
    session[SESSION_KEY] = token
    if lang:
        session["lang"] = lang
    login_user(user, remember=False)


def log_out() -> None:
    end_session(session.get(SESSION_KEY), now=clock.now(), reason="logout")
    logout_user()
    session.clear()
