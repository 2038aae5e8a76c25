"""What every API answer goes through: a rate limit per client, then ETag and Last-Modified with 304s.

The limit follows the page cache's miss limiter: an atomic counter per client and minute in the default
cache (Redis in production, so every worker counts together). A client is the signed-in account, else the
address (`caching.pagecache.client_address`); a bearer token counts on its own, against its own limit
(`ApiToken.requests_per_minute`, never above the house's).

The ETag is a digest of the body, so it changes exactly when what this client would read changes
(another user's answer at the same address has its own). Last-Modified is when this address first
answered with that body, remembered in the same cache: the data carries no one date that covers a
list, a filter and a visibility at once, and a representation's first appearance is what a client's
If-Modified-Since asks about.
"""

from __future__ import annotations

import functools
import hashlib
import time

from django.conf import settings
from django.core.cache import caches
from django.http import JsonResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

from cyberportal.caching.pagecache import client_address
from cyberportal.core.access import PUBLIC

from .tokens import Refusal, record_use, token_from, unauthorized

WINDOW = 60  # seconds
FIRST_SEEN_SECONDS = 30 * 24 * 60 * 60


def requests_per_minute(request=None) -> int:
    limit = int(getattr(settings, "API_REQUESTS_PER_MINUTE", 0))
    token = getattr(request, "api_token", None)
    if token is not None and limit:
        return min(limit, token.requests_per_minute or limit)
    return limit


def client_key(request) -> str:
    user = getattr(request, "user", None)
    token = getattr(request, "api_token", None)
    if token is not None:
        who = f"token:{token.digest}"
    elif user is not None and user.is_authenticated:
        who = f"user:{user.pk}"
    else:
        who = f"addr:{client_address(request)}"
    return "api-rate:" + hashlib.sha256(who.encode()).hexdigest()[:32]


def count_request(request) -> tuple[bool, int]:
    """Count this request for its client; (allowed, requests left in the window)."""
    limit = requests_per_minute(request)
    if not limit:
        return True, -1
    counters = caches["default"]
    key = client_key(request)
    counters.add(key, 0, WINDOW)
    try:
        used = counters.incr(key)
    except ValueError:  # expired between add and incr
        counters.set(key, 1, WINDOW)
        used = 1
    return used <= limit, max(0, limit - used)


def too_many_requests(request) -> JsonResponse:
    response = JsonResponse(
        {
            "detail": f"Too many requests: at most {requests_per_minute(request)} a minute per client. Retry later."
        },
        status=429,
    )
    response["Retry-After"] = str(WINDOW)
    return response


def first_seen(request, etag: str) -> float:
    key = "api-seen:" + hashlib.sha256(f"{request.get_full_path()}|{etag}".encode()).hexdigest()
    now = int(time.time())
    cache = caches["default"]
    cache.add(key, now, FIRST_SEEN_SECONDS)
    return cache.get(key, now)


def conditional(request, response):
    """ETag and Last-Modified on a successful GET, and a 304 when the client already has it."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200 or response.streaming:
        return response
    etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
    last_modified = first_seen(request, etag)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    patch_vary_headers(response, ["Cookie", "Authorization"])
    return get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)


def api_view(view):
    """Wrap one of the API's URL callbacks: rate limit, conditional GET, open to anyone (records are
    filtered by the policy inside), and kept out of the public page cache (which stores HTML pages)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        token = token_from(request)
        if isinstance(token, Refusal):
            # Counted against the address (or session): guessing tokens is limited like any request.
            allowed, _left = count_request(request)
            return unauthorized(token) if allowed else too_many_requests(request)
        if token is not None:
            # The token replaces the session for this request: the API reads as the token's account.
            request.user = token.user
            request.api_token = token
        allowed, left = count_request(request)
        if not allowed:
            return too_many_requests(request)
        if token is not None:
            record_use(request, token)
        response = conditional(request, view(request, *args, **kwargs))
        if response.status_code == 404:
            # LocaleMiddleware would redirect a 404 to /en/api/... (Wagtail's catch-all makes every
            # prefixed path "valid"); judged against this unprefixed urlconf it leaves the 404 alone.
            request.urlconf = "cyberportal.api.urls"
        if left >= 0:
            response["X-RateLimit-Limit"] = str(requests_per_minute(request))
            response["X-RateLimit-Remaining"] = str(left)
        return response

    wrapped.access = PUBLIC
    wrapped.page_cache = False
    return wrapped
