"""Business-rule errors raised by services, and the friendly error pages."""

from __future__ import annotations

import logging

from flask import Flask, g, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)


class RuleViolation(Exception):
    """A broken business rule: `field` names the form field (or None), `message` is user text."""

    def __init__(self, field: str | None, message: str) -> None:
        super().__init__(str(message))
        self.field = field
        self.message = message


class NotAllowed(Exception):
    """The acting user may not do this (the edge turns it into 403/404)."""


class Conflict(RuleViolation):
    """Someone else changed the same thing first (optimistic lock, race lost)."""


TITLES = {
    400: _l("Forespørgslen kunne ikke behandles"),
    403: _l("Du har ikke adgang til denne side"),
    404: _l("Siden findes ikke"),
    405: _l("Handlingen er ikke tilladt her"),
    413: _l("Indsendelsen er for stor"),
    422: _l("Oplysningerne kunne ikke gemmes"),
    429: _l("For mange forsøg"),
    500: _l("Der opstod en fejl hos os"),
    503: _l("Tjenesten er midlertidigt utilgængelig"),
}


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def render_error(status: int, detail: str | None = None):
    title = TITLES.get(status, TITLES[500])
    if _wants_json():
        return jsonify({"error": {"status": status, "title": str(title),
                                  "detail": detail}}), status
    return render_template("errors/error.html", status=status, title=title, detail=detail), status


def _as_visitor() -> None:
    """Render the rest of this request as for a visitor: the error page and the after-request
    hooks then never load (or refresh, after the rollback) the user from a database that is down."""
    from smajob.extensions import login_manager

    g._login_user = login_manager.anonymous_user()


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return render_error(400, str(_l("Formularen var udløbet eller ugyldig. Prøv igen.")))

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code is None or error.code < 400:
            return error
        return render_error(error.code if error.code in TITLES else 400)

    from sqlalchemy.exc import InterfaceError, OperationalError

    @app.errorhandler(OperationalError)
    @app.errorhandler(InterfaceError)
    def database_down(error: Exception):
        _as_visitor()
        log.error("database unavailable on %s %s: %s", request.method, request.path,
                  type(error).__name__)
        from smajob.extensions import db

        try:
            db.session.rollback()
        except Exception:  # the connection is gone; nothing to roll back
            log.debug("rollback after a lost connection failed", exc_info=True)
        response, status = render_error(503)
        return response, status, {"Retry-After": "30"}

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        log.exception("unhandled error on %s %s", request.method, request.path)
        from smajob.extensions import db

        db.session.rollback()
        return render_error(500)
