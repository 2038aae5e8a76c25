"""A cache of whole public pages for anonymous visitors, invalidated by any committed write.

Why: the benchmark's budget (a public page within 3x the p95 of /healthz) cannot be met by rendering
a page of 35 to 194 states on every request; serving the stored bytes costs one small query (the
version below) and a cache lookup, about what /healthz costs.

Correctness: the cache key holds a version number that lives in the database; every write to any
model (except the bookkeeping ones listed below) bumps it once its transaction commits, so no visitor
sees a page older than the last committed write, whatever worker rendered it. Only anonymous GET
requests without a session or messages cookie, to views marked `public` (or Wagtail's pages), that
answer 200 with HTML, set no cookie and used no CSRF token are stored.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse

from cyberportal.core.access import PUBLIC, access_of

# Models whose writes never change what a visitor sees (or that are written on every request).
IGNORED_APPS = {"sessions", "quality", "django_tasks_db", "modelsearch", "wagtailadmin"}
SESSION_COOKIES = ("sessionid", "messages")


def cache_seconds() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0))


def current_version() -> int:
    from .models import PageCacheVersion

    row = PageCacheVersion.objects.filter(pk=1).values_list("number", flat=True).first()
    return row or 0


def bump_version() -> None:
    """Invalidate every cached page (all workers): called after each committed write."""
    from .models import PageCacheVersion

    try:
        if not PageCacheVersion.objects.filter(pk=1).update(number=F("number") + 1):
            PageCacheVersion.objects.get_or_create(pk=1, defaults={"number": 1})
    except DatabaseError:
        # The write itself committed; if the counter cannot move, no page may be served from cache.
        cache.clear()


def _on_write(sender, **kwargs):
    if kwargs.get("raw") or sender._meta.app_label in IGNORED_APPS:
        return
    connection = transaction.get_connection()
    # One bump per transaction is enough: an import saving 1,000 rows must not queue 1,000 updates.
    # Callbacks of a rolled-back transaction leave this list, so a later write queues a new bump.
    if any(entry[1] is bump_version for entry in connection.run_on_commit):
        return
    transaction.on_commit(bump_version)


def connect_signals() -> None:
    post_save.connect(_on_write, dispatch_uid="pagecache-save")
    post_delete.connect(_on_write, dispatch_uid="pagecache-delete")
    m2m_changed.connect(_on_write, dispatch_uid="pagecache-m2m")


def _cacheable_view(view_func) -> bool:
    if access_of(view_func) == PUBLIC:
        return True
    return getattr(view_func, "__module__", "").startswith("wagtail.views")


class PublicPageCacheMiddleware:
    """Place after AuthenticationMiddleware and MessageMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_page_cache_key", None)
        if key and self._storable(request, response):
            cache.set(key, (response.content, response["Content-Type"]), cache_seconds())
            response["X-Page-Cache"] = "miss"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not cache_seconds() or request.method not in ("GET", "HEAD") or not _cacheable_view(view_func):
            return None
        if any(name in request.COOKIES for name in SESSION_COOKIES):
            return None
        try:
            version = current_version()
        except DatabaseError:
            return None  # let the view fail and the 503 middleware answer
        digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = f"page:{version}:{request.method}:{digest}"
        stored = cache.get(key)
        if stored is not None:
            content, content_type = stored
            response = HttpResponse(content, content_type=content_type)
            response["X-Page-Cache"] = "hit"
            response["Vary"] = "Cookie"
            return response
        request._page_cache_key = key
        return None

    @staticmethod
    def _storable(request, response) -> bool:
        return (
            response.status_code == 200
            and response.get("Content-Type", "").startswith("text/html")
            and not response.cookies
            and not getattr(response, "streaming", False)
            and not request.META.get("CSRF_COOKIE_USED")
            and not request.user.is_authenticated
            and not response.has_header("Cache-Control")
        )
