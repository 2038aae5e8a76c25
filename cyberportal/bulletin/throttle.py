"""Limits on the subscription form, so that it can be used neither to flood the mail server nor to bomb one
address with confirmation messages: counters per client address and per e-mail address, per hour, in the
shared cache (Redis in production), as the API's and the page cache's limits keep theirs."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import caches

from cyberportal.caching.pagecache import client_address

WINDOW = 60 * 60


def _count(key: str) -> int:
    counters = caches["default"]
    counters.add(key, 0, WINDOW)
    try:
        return counters.incr(key)
    except ValueError:  # expired between add and incr
        counters.set(key, 1, WINDOW)
        return 1


def _key(kind: str, value: str) -> str:
    return f"bulletin-subscribe:{kind}:" + hashlib.sha256(value.lower().encode()).hexdigest()[:32]


def client_allowed(request) -> bool:
    limit = int(getattr(settings, "BULLETIN_SUBSCRIBE_PER_HOUR", 10))
    return not limit or _count(_key("addr", client_address(request))) <= limit


def address_allowed(email_address: str) -> bool:
    limit = int(getattr(settings, "BULLETIN_CONFIRMATIONS_PER_ADDRESS_PER_HOUR", 3))
    return not limit or _count(_key("email", email_address)) <= limit
