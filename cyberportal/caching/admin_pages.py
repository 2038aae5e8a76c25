"""Whole admin pages kept per user and browser until a write commits: the dashboard and our listings.

Why: with the admin fragments alone (caching.admin_fragments), Wagtail still rebuilds its sidebar (every
menu item's permission check, packed as JSON), the keyboard shortcuts dialog and the dashboard's site
lookup on every request; Wagtail offers no seam to cache those, and re-registering its tags or routing
ahead of its URLs breaks silently with its releases. Django's own seam, a middleware caching the whole
response, keeps the admin within its budget without touching Wagtail.

Correctness: only GET requests of a signed-in user, to Wagtail's dashboard or the index of one of our
`CachedListing` viewsets, are stored and served. The key holds the data version (bumped after every
committed write, permissions and group memberships included, so a withdrawn permission applies to the
next request), the user, the browser (its session and CSRF cookies: the page's CSRF token stays valid
for that browser only), the language, the platform (the shortcuts dialog names Mac keys or others) and
the full path. Entries expire after ADMIN_FRAGMENT_SECONDS (0 turns this off). A page is not stored,
nor served, while messages wait to be shown; nor stored when the response sets a cookie, the session
changed or the view made the browser a new CSRF secret.
"""

from __future__ import annotations

import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import get_language
from wagtail.admin.views.generic import IndexView

from .admin_fragments import CachedListing, data_version_for, fragment_seconds

DASHBOARD = "wagtailadmin_home"
MAC_AGENT = re.compile(r"Mac|iPod|iPhone|iPad")  # as Wagtail's shortcuts dialog tells platforms apart
KEPT_HEADERS = ("Cache-Control", "Expires")


def _cached_view(request, view_func) -> bool:
    if request.resolver_match and request.resolver_match.view_name == DASHBOARD:
        return True
    # A viewset's view is `as_view()`'s function: Django gives it its class and keyword arguments.
    view_class = getattr(view_func, "view_class", None)
    model = getattr(view_func, "view_initkwargs", {}).get("model")
    return (
        view_class is not None
        and issubclass(view_class, IndexView)
        and isinstance(getattr(model, "snippet_viewset", None), CachedListing)
    )


def _pending_messages(request) -> bool:
    return bool(len(getattr(request, "_messages", ())))


def page_key(request) -> str | None:
    user = request.user
    version = data_version_for(user)
    if version is None:
        return None
    platform = "mac" if MAC_AGENT.search(request.headers.get("User-Agent", "")) else "other"
    browser = "\x00".join(
        [
            request.COOKIES.get(settings.SESSION_COOKIE_NAME, ""),
            request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""),
            request.get_full_path(),
        ]
    )
    digest = hashlib.sha256(browser.encode()).hexdigest()[:40]
    return f"admin-page:{version}:{user.pk}:{get_language()}:{platform}:{digest}"


class AdminPageCacheMiddleware:
    """Place after the public page cache (after authentication, CSRF and messages)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_admin_page_key", None)
        if key and self._storable(request, response):
            headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
            cache.set(key, (response.content, response["Content-Type"], headers), fragment_seconds())
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if (
            not fragment_seconds()
            or request.method != "GET"
            or user is None
            or not user.is_authenticated
            or not _cached_view(request, view_func)
            or _pending_messages(request)
        ):
            return None
        key = page_key(request)
        if key is None:
            return None
        stored = cache.get(key)
        if stored is None:
            request._admin_page_key = key
            return None
        content, content_type, headers = stored
        response = HttpResponse(content, content_type=content_type)
        for name, value in headers.items():
            response[name] = value
        return response

    @staticmethod
    def _storable(request, response) -> bool:
        session = getattr(request, "session", None)
        return (
            response.status_code == 200
            and response.get("Content-Type", "").startswith("text/html")
            and not response.cookies
            and not getattr(response, "streaming", False)
            # The page's CSRF token comes from the secret the browser sent (the key holds it), not a new one.
            and request.META.get("CSRF_COOKIE") == request.COOKIES.get(settings.CSRF_COOKIE_NAME)
            and not (session is not None and session.modified)
            and not _pending_messages(request)
        )
