"""CPR at rest: encrypted with a key from config, found again by a keyed hash (never the clear
value). The key is SMAJOB_CPR_ENCRYPTION_KEY (a Fernet key); development and tests derive one
from the secret key, production refuses to start without one (see config.py)."""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from flask import current_app

from smajob.keys import keyed_hash


def _fernet() -> Fernet:
    key = current_app.config.get("CPR_ENCRYPTION_KEY")
    if not key:
        digest = hashlib.sha256(f"cpr:{current_app.config['SECRET_KEY']}".encode()).digest()
        key = base64.urlsafe_b64encode(digest)
    return Fernet(key)


def encrypt(digits: str) -> bytes:
    return _fernet().encrypt(digits.encode())


def decrypt(blob: bytes | None) -> str | None:
    if not blob:
        return None
    try:
        return _fernet().decrypt(blob).decode()
    except InvalidToken:  # a rotated key: shown as unknown, never a crash
        return None


def lookup_hash(digits: str) -> str:
    return keyed_hash(digits, purpose="cpr")
