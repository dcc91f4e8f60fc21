"""Configuration: defaults → SMAJOB_* environment variables → explicit overrides (tests)."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

DEV_SECRET_KEY = "dev-only-insecure-secret-key"  # noqa: S105 — refused outside debug/testing


class ConfigError(RuntimeError):
    """The configuration cannot run safely (e.g. production without a secret key)."""


def defaults(instance_path: str) -> dict[str, Any]:
    db_file = Path(instance_path) / "smajob.sqlite3"
    return {
        "SECRET_KEY": DEV_SECRET_KEY,
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{db_file}",
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        # Field-level encryption of CPR numbers (Fernet key, urlsafe base64, 32 bytes).
        "CPR_ENCRYPTION_KEY": None,
        # Candidates exited longer ago than this are anonymised by the retention job.
        "RETENTION_MONTHS": 24,
        "BABEL_DEFAULT_LOCALE": "da",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Copenhagen",
        "LANGUAGES": ("da", "en"),
        "WTF_CSRF_ENABLED": True,
        "WTF_CSRF_TIME_LIMIT": None,  # the session's own lifetime bounds the token
        "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
        "SESSION_COOKIE_NAME": "smajob_session",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": True,
        "REMEMBER_COOKIE_DURATION": timedelta(seconds=0),
        "SESSION_IDLE_TIMEOUT": timedelta(minutes=30),
        "SESSION_ABSOLUTE_TIMEOUT": timedelta(hours=12),
        "LOGIN_MAX_FAILURES": 10,  # per account within LOGIN_FAILURE_WINDOW
        "LOGIN_FAILURE_WINDOW": timedelta(minutes=15),
        "LOGIN_MAX_FAILURES_PER_IP": 50,  # per address within an hour
        "PASSWORD_RESET_TTL": timedelta(hours=1),
        "API_RATE_LIMIT_PER_MINUTE": 120,  # requests per API key and minute
        "MAIL_BACKEND": "outbox",  # "outbox" (kept for admins to read) or "smtp"
        "MAIL_FROM": "smajob <noreply@smajob.local>",
        "SMTP_HOST": "localhost",
        "SMTP_PORT": 25,
        "SMTP_USER": None,
        "SMTP_PASSWORD": None,
        "SMTP_STARTTLS": False,
        "SMTP_TIMEOUT": 10,
        "BASE_URL": "http://127.0.0.1:5000",
        "BUREAU_NAME": "Små job med mening",
        "BUREAU_EMAIL": "kontakt@smajob.dk",
        # The seller on invoices (copied onto each invoice when it is issued).
        "BUREAU_CVR": "12345674",
        "BUREAU_ADDRESS": "Boulevarden 1, 9000 Aalborg",
        "BUREAU_BANK_ACCOUNT": "Reg. 1234 konto 0001234567",
        "SCHEDULER_TIMEZONE": "Europe/Copenhagen",
        # Fault drills only (tests/load): > 0 runs every scheduled job every this many seconds,
        # in the declared order, instead of at its time of day. 0 is the real schedule.
        "SCHEDULER_EVERY_SECONDS": 0,
        "HSTS": True,
        # /readyz: the scheduler counts as alive when a job ran within this many seconds.
        "READY_CHECK_MIGRATIONS": True,
        "READY_CHECK_SCHEDULER": True,
        "SCHEDULER_STALE_AFTER": timedelta(minutes=5),
        "LOG_JSON": False,
        # A match run bigger than this (open tasks × candidates) runs in a background thread
        # and the consultant watches its progress; smaller runs finish within the request.
        "MATCH_BACKGROUND_PAIRS": 250_000,
        "TESTING_NOW": None,
    }


_BOOL = {"1": True, "true": True, "yes": True, "on": True,
         "0": False, "false": False, "no": False, "off": False}


def _coerce(current: Any, raw: str) -> Any:
    if isinstance(current, bool):
        if raw.lower() not in _BOOL:
            raise ConfigError(f"expected a boolean, got {raw!r}")
        return _BOOL[raw.lower()]
    if isinstance(current, int):
        return int(raw)
    if isinstance(current, timedelta):
        return timedelta(seconds=int(raw))
    return raw


def from_environment(base: dict[str, Any], environ: dict[str, str]) -> dict[str, Any]:
    """Every default NAME can be set as SMAJOB_NAME; DATABASE_URL maps to SQLAlchemy's URI."""
    result = dict(base)
    for key, current in base.items():
        raw = environ.get(f"SMAJOB_{key}")
        if raw is not None:
            result[key] = _coerce(current, raw)
    if environ.get("SMAJOB_DATABASE_URL"):
        result["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(environ["SMAJOB_DATABASE_URL"])
    return result


def normalise_database_url(url: str) -> str:
    """Use psycopg 3 for postgresql:// URLs."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def load(instance_path: str, overrides: dict[str, Any] | None = None,
         environ: dict[str, str] | None = None) -> dict[str, Any]:
    env = dict(os.environ if environ is None else environ)
    config = from_environment(defaults(instance_path), env)
    config.update(overrides or {})
    development = bool(config.get("TESTING")) or bool(config.get("DEBUG")) or _is_debug(env)
    if not development and config["SECRET_KEY"] in (DEV_SECRET_KEY, "", None):
        raise ConfigError("SMAJOB_SECRET_KEY must be set to a long random value in production.")
    if not development and len(str(config["SECRET_KEY"])) < 32:
        raise ConfigError("SMAJOB_SECRET_KEY must be at least 32 characters.")
    if not development:
        _check_cpr_key(config.get("CPR_ENCRYPTION_KEY"))
    explicit = "SMAJOB_SESSION_COOKIE_SECURE" in env or "SESSION_COOKIE_SECURE" in (overrides or {})
    if development and not explicit:
        config["SESSION_COOKIE_SECURE"] = False  # plain http on 127.0.0.1
    if development and "SMAJOB_HSTS" not in env:
        config["HSTS"] = False
    config["DEVELOPMENT"] = development
    return config


def _check_cpr_key(key: str | None) -> None:
    """Production keeps CPR numbers under its own key, never one derived from the secret key."""
    from cryptography.fernet import Fernet

    if not key:
        raise ConfigError("SMAJOB_CPR_ENCRYPTION_KEY must be set in production "
                          "(python -c 'from cryptography.fernet import Fernet; "
                          "print(Fernet.generate_key().decode())').")
    try:
        Fernet(key)
    except (ValueError, TypeError) as error:
        raise ConfigError("SMAJOB_CPR_ENCRYPTION_KEY is not a valid Fernet key.") from error


def _is_debug(environ: dict[str, str]) -> bool:
    return environ.get("FLASK_DEBUG", "").lower() in ("1", "true") or environ.get(
        "SMAJOB_ENV", ""
    ) in ("development", "dev")
