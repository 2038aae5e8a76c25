"""Sign-in throttling per account: growing delays after repeated failures, and the holder is told.

allauth counts failed sign-ins per typed login, so "maria" and "maria@gov.example" were two counters (twice
the guesses), and its fixed lock-out let anyone shut an account out by typing its name. Here the login
is resolved to the account first; after `FREE_FAILURES` failures the account waits 2, 4, 8 ... seconds
(at most `MAX_DELAY`) after each further failure instead of being locked. A browser that has signed in to
the account before (a signed device cookie) keeps a counter of its own, so a stranger's failures never
hold the holder back. The per-address limit stays allauth's (ACCOUNT_RATE_LIMITS["login_failed"]). The
holder is e-mailed, once per window, when the delays start. Counters live in the cache (REDIS_URL in
production, so that all workers share them).
"""

from __future__ import annotations

import secrets
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db.models import Q

FREE_FAILURES = 5  # failures before any delay: typos and a forgotten caps lock
MAX_DELAY = 15 * 60  # seconds; growth stops here
WINDOW = 60 * 60  # seconds of quiet after which an account's failures are forgotten
DEVICE_COOKIE = "cyberportal_device"
DEVICE_SALT = "cyberportal.accounts.throttle.device"
DEVICE_MAX_AGE = 365 * 24 * 60 * 60


def account_for(login: str):
    """The active account that `login` (a user name or an e-mail address) names, or None."""
    from allauth.account.models import EmailAddress

    from .models import User

    login = (login or "").strip()
    if not login:
        return None
    by_email = EmailAddress.objects.filter(email__iexact=login).values("user_id")
    return User.objects.filter(
        Q(username__iexact=login) | Q(email__iexact=login) | Q(pk__in=by_email)
    ).first()


def counter_key(request, login: str, user=None) -> str:
    """One counter per account (whatever it was called by), or per own device of the account."""
    user = user if user is not None else account_for(login)
    if user is None:
        # Unknown names are slowed down alike, so a delay does not tell that an account exists.
        return f"login-backoff:name:{(login or '').strip().lower()}"
    device = device_of(request, user)
    return f"login-backoff:user:{user.pk}" + (f":device:{device}" if device else "")


def delay_after(failures: int) -> int:
    """Seconds to wait after the latest failure: 0 for the first few, then 2, 4, 8 ... up to MAX_DELAY."""
    if failures < FREE_FAILURES:
        return 0
    return min(2 ** (failures - FREE_FAILURES + 1), MAX_DELAY)


def seconds_to_wait(key: str, now: float | None = None) -> float:
    counts = cache.get_many([f"{key}:n", f"{key}:t"])
    failures, last = counts.get(f"{key}:n", 0), counts.get(f"{key}:t", 0)
    now = time.time() if now is None else now
    return max(0.0, last + delay_after(failures) - now)


def record_failure(key: str) -> int:
    """Count one failure; return the number of failures in the window.

    `incr` is atomic (in Redis and in local memory), so failures sent in parallel are all counted.
    """
    timeout = WINDOW + MAX_DELAY
    cache.add(f"{key}:n", 0, timeout)
    try:
        failures = cache.incr(f"{key}:n")
    except ValueError:  # expired between add and incr
        cache.set(f"{key}:n", 1, timeout)
        failures = 1
    cache.touch(f"{key}:n", timeout)
    cache.set(f"{key}:t", time.time(), timeout)
    return failures


def forget(key: str) -> None:
    cache.delete_many([f"{key}:n", f"{key}:t"])


def first_notice_in_window(user) -> bool:
    """True once per WINDOW per account: the holder is told, not flooded."""
    return cache.add(f"login-backoff-notice:{user.pk}", True, WINDOW)


# --- the device cookie: proof that this browser signed in to the account before -----------------------


def device_of(request, user) -> str:
    """This browser's device id for `user`, if it carries a valid cookie signed for that account."""
    value = request.COOKIES.get(DEVICE_COOKIE) if request is not None else None
    if not value:
        return ""
    try:
        data = signing.loads(value, salt=DEVICE_SALT, max_age=DEVICE_MAX_AGE)
    except signing.BadSignature:
        return ""
    return data.get("d", "") if data.get("u") == user.pk else ""


def remember_device(response, request, user) -> None:
    device = device_of(request, user) or secrets.token_urlsafe(12)
    response.set_cookie(
        DEVICE_COOKIE,
        signing.dumps({"u": user.pk, "d": device}, salt=DEVICE_SALT),
        max_age=DEVICE_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
