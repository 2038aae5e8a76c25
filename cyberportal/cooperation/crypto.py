"""Sealing request drafts at rest: Fernet (AES-128-CBC with HMAC-SHA256) under MultiFernet for rotation.

A draft's case data (facts, suspects' identifiers, accounts) is encrypted before it reaches the database,
so a database dump, a backup or an operator's query shows only ciphertext. The keys come from
`REQUEST_DRAFTS_KEYS` (first encrypts, all decrypt); when it is unset one key is derived from SECRET_KEY,
so that a developer's instance works without configuration (docs/security.md says what that costs).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DERIVATION_LABEL = b"cyberportal/request-drafts/v1"


class UnreadableDraft(Exception):
    """The ciphertext cannot be opened with any configured key (a key was removed, or the row altered)."""


@functools.cache
def derived_key(secret_key: str) -> bytes:
    """A Fernet key derived from SECRET_KEY (PBKDF2-HMAC-SHA256 under a fixed label): stable across restarts."""
    digest = hashlib.pbkdf2_hmac("sha256", secret_key.encode(), DERIVATION_LABEL, 100_000)
    return base64.urlsafe_b64encode(digest)


def _fernet() -> MultiFernet:
    configured = list(getattr(settings, "REQUEST_DRAFTS_KEYS", []) or [])
    keys = configured or [derived_key(settings.SECRET_KEY).decode()]
    try:
        return MultiFernet([Fernet(key.encode() if isinstance(key, str) else key) for key in keys])
    except (ValueError, TypeError) as error:
        raise ImproperlyConfigured(
            "REQUEST_DRAFTS_KEYS: each key must be 32 bytes in urlsafe base64 (Fernet.generate_key())."
        ) from error


def seal(data: dict) -> str:
    return _fernet().encrypt(json.dumps(data, ensure_ascii=False).encode()).decode("ascii")


def unseal(token: str) -> dict:
    try:
        return json.loads(_fernet().decrypt(token.encode("ascii")))
    except (InvalidToken, ValueError) as error:
        raise UnreadableDraft from error


def reseal(token: str) -> str:
    """The same data under the first (newest) key: what `manage.py erase_request_drafts --reseal` does."""
    return _fernet().rotate(token.encode("ascii")).decode("ascii")
