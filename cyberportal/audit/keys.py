"""The audit trail's HMAC keys, read from the environment (setting AUDIT_HMAC_KEYS), never from the database.

`AUDIT_HMAC_KEYS="k2:secret2,k1:secret1"`: the first key signs new entries and checkpoints, every key
listed verifies, so a key can be rotated by putting a new one first and keeping the old ones. Someone
who can rewrite the database but does not hold a key cannot produce a chain that verifies.

This module imports no models: the settings call `parse_keys` to refuse to start with a bad value.
"""

from __future__ import annotations

import hashlib
import hmac
import re

from django.core.exceptions import ImproperlyConfigured

KEY_ID = re.compile(r"^[A-Za-z0-9_.-]{1,32}$")
MIN_SECRET_LENGTH = 16


def parse_keys(value: str) -> dict[str, bytes]:
    """{"k2": b"secret2", "k1": b"secret1"} in the order given; ImproperlyConfigured if malformed."""
    keys: dict[str, bytes] = {}
    for item in (value or "").split(","):
        item = item.strip()
        if not item:
            continue
        key_id, sep, secret = item.partition(":")
        if not sep or not KEY_ID.match(key_id):
            raise ImproperlyConfigured(
                "AUDIT_HMAC_KEYS: each key is written id:secret, the id made of letters, digits, '.', '_' "
                "or '-' (at most 32)."
            )
        if len(secret) < MIN_SECRET_LENGTH:
            raise ImproperlyConfigured(
                f"AUDIT_HMAC_KEYS: the secret of key {key_id!r} is shorter than {MIN_SECRET_LENGTH} characters."
            )
        if key_id in keys:
            raise ImproperlyConfigured(f"AUDIT_HMAC_KEYS: key id {key_id!r} is listed twice.")
        keys[key_id] = secret.encode()
    return keys


def configured_keys() -> dict[str, bytes]:
    from django.conf import settings

    return parse_keys(getattr(settings, "AUDIT_HMAC_KEYS", ""))


def signing_key() -> tuple[str, bytes]:
    """(key id, secret) of the key that signs new entries: the first one configured."""
    keys = configured_keys()
    if not keys:
        raise ImproperlyConfigured("Set AUDIT_HMAC_KEYS: the audit trail is not written without a key.")
    key_id = next(iter(keys))
    return key_id, keys[key_id]


def sign(secret: bytes, payload: bytes) -> str:
    return hmac.new(secret, payload, hashlib.sha256).hexdigest()
