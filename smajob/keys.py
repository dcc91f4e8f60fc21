"""Keyed hashes and random tokens; the key comes from the app's configuration."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from flask import current_app


def keyed_hash(value: str, *, purpose: str) -> str:
    """HMAC-SHA256 of `value` under the app's secret, separated by purpose (hex, 64 chars)."""
    key = f"{purpose}:{current_app.config['SECRET_KEY']}".encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def token_hash(token: str) -> str:
    """Plain SHA-256 of a high-entropy random token (no key needed for 256-bit tokens)."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)
