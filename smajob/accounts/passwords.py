"""Password policy (NIST 800-63B / ASVS 6.2) and argon2id hashing. Pure: no Flask, no SQL."""

from __future__ import annotations

import functools
import unicodedata

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_LENGTH = 8
MAX_LENGTH = 128  # long passphrases are welcome; this only bounds the hashing work

# Danish favourites that an English list misses.
_DANISH_COMMON = {
    "kodeord", "adgangskode", "password1", "sommer2024", "sommer2025", "sommer2026",
    "vinter2025", "vinter2026", "efterår2025", "forår2026", "danmark", "danmark1",
    "aalborg", "aalborg1", "aalborg123", "kobenhavn", "københavn", "hejmeddig",
    "hejsa123", "qwertyuiop", "12345678", "smajob123", "småjob123", "jobcenter",
    "jobcenter1", "velkommen", "velkommen1", "velkommen123",
}

_hasher = PasswordHasher()  # argon2id, 64 MiB, t=3, p=4 (argon2-cffi's RFC 9106 low-memory profile)


@functools.cache
def _common_passwords() -> frozenset[str]:
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"]) | frozenset(_DANISH_COMMON)


def normalise(password: str) -> str:
    return unicodedata.normalize("NFKC", password)


def policy_problem(password: str, *, email: str | None = None,
                   name: str | None = None) -> str | None:
    """The reason key a password is refused, or None. No composition rules, by design."""
    password = normalise(password)
    if len(password) < MIN_LENGTH:
        return "too_short"
    if len(password) > MAX_LENGTH:
        return "too_long"
    lowered = password.lower()
    if lowered in _common_passwords() or len(set(lowered)) <= 2:
        return "common"
    for word in (email or "", (email or "").split("@")[0], name or ""):
        if word and len(word) >= 4 and lowered == word.lower():
            return "personal"
    return None


def hash_password(password: str) -> str:
    return _hasher.hash(normalise(password))


def verify_password(stored_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash, normalise(password))
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _hasher.check_needs_rehash(stored_hash)


@functools.cache
def dummy_hash() -> str:
    """A hash to verify against when the account does not exist, so timing does not tell."""
    return _hasher.hash("not-a-real-password-0")
