"""Account use cases: log in with throttling, change and reset passwords, manage users."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select

from smajob.accounts import passwords
from smajob.accounts.models import LoginAttempt, PasswordResetToken, User
from smajob.accounts.sessions import end_all_sessions
from smajob.audit.services import record_audit
from smajob.errors import RuleViolation
from smajob.extensions import db
from smajob.keys import keyed_hash, new_token, token_hash

POLICY_MESSAGES = {
    "too_short": _l("Adgangskoden skal have mindst 8 tegn."),
    "too_long": _l("Adgangskoden må højst have 128 tegn."),
    "common": _l("Adgangskoden er for almindelig og let at gætte. Vælg en anden."),
    "personal": _l("Adgangskoden må ikke være din e-mail eller dit navn."),
}


class LoginThrottled(RuleViolation):
    """Too many failed attempts: refuse even a correct password until the window passes."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def get_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def check_password_policy(password: str, *, email: str | None = None,
                          name: str | None = None) -> None:
    """Raise RuleViolation('password', …) if the password breaks the policy."""
    problem = passwords.policy_problem(password, email=email, name=name)
    if problem:
        raise RuleViolation("password", POLICY_MESSAGES[problem])


def count_recent_failures(*, account_key: str, address_key: str, now: datetime) -> tuple[int, int]:
    """Failed logins for this account in the window, and from this address in the last hour."""
    cfg = current_app.config
    since_account = now - cfg["LOGIN_FAILURE_WINDOW"]
    by_account = db.session.scalar(select(func.count()).select_from(LoginAttempt).where(
        LoginAttempt.account_key == account_key, LoginAttempt.at > since_account))
    by_address = db.session.scalar(select(func.count()).select_from(LoginAttempt).where(
        LoginAttempt.address_key == address_key,
        LoginAttempt.at > now - timedelta(hours=1)))
    return by_account or 0, by_address or 0


def authenticate(email: str, password: str, *, address: str, now: datetime) -> User:
    """The user for these credentials; raises LoginThrottled or RuleViolation otherwise."""
    cfg = current_app.config
    account_key = keyed_hash(normalise_email(email), purpose="login-account")
    address_key = keyed_hash(address or "-", purpose="login-address")
    by_account, by_address = count_recent_failures(
        account_key=account_key, address_key=address_key, now=now)
    if by_account >= cfg["LOGIN_MAX_FAILURES"] or by_address >= cfg["LOGIN_MAX_FAILURES_PER_IP"]:
        raise LoginThrottled(None, _l("For mange mislykkede forsøg. Vent 15 minutter, "
                                      "eller nulstil din adgangskode."))
    user = get_user_by_email(email)
    valid = passwords.verify_password(user.password_hash if user else passwords.dummy_hash(),
                                      password)
    if not valid or user is None or not user.active:
        db.session.add(LoginAttempt(account_key=account_key, address_key=address_key, at=now))
        raise RuleViolation(None, _l("Forkert e-mail eller adgangskode."))
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash_password(password)
    db.session.execute(delete(LoginAttempt).where(LoginAttempt.account_key == account_key))
    return user


def change_password(user: User, *, current: str, new: str, now: datetime) -> None:
    """Set a new password after checking the current one; ends every session of the user."""
    if not passwords.verify_password(user.password_hash, current):
        raise RuleViolation("current_password", _l("Den nuværende adgangskode er forkert."))
    set_password(user, new, now=now, reason="password_change")


def set_password(user: User, new: str, *, now: datetime, reason: str) -> None:
    check_password_policy(new, email=user.email, name=user.name)
    user.password_hash = passwords.hash_password(new)
    user.password_changed_at = now
    end_all_sessions(user.id, now=now, reason=reason)
    record_audit(user, "account.password_changed", object_type="user", object_id=user.id,
                 detail={"reason": reason})


def request_password_reset(email: str, *, now: datetime) -> tuple[User, str] | None:
    """A single-use reset token for an active account (None if there is none: say nothing)."""
    user = get_user_by_email(email)
    if user is None or not user.active:
        return None
    token = new_token()
    db.session.add(PasswordResetToken(
        token_hash=token_hash(token), user_id=user.id, created_at=now,
        expires_at=now + current_app.config["PASSWORD_RESET_TTL"]))
    return user, token


def get_valid_reset(token: str, *, now: datetime) -> PasswordResetToken | None:
    row = db.session.scalar(select(PasswordResetToken).where(
        PasswordResetToken.token_hash == token_hash(token)))
    if row is None or row.used_at is not None or row.expires_at <= now or not row.user.active:
        return None
    return row


def reset_password(token: str, new: str, *, now: datetime) -> User:
    """Use a reset token once to set a new password; every session of the user ends."""
    row = get_valid_reset(token, now=now)
    if row is None:
        raise RuleViolation(None, _l("Linket er udløbet eller allerede brugt. Bed om et nyt."))
    set_password(row.user, new, now=now, reason="password_reset")
    row.used_at = now
    return row.user
