"""A cache of whole public pages for anonymous visitors, invalidated by any committed write.

Why: the benchmark's budget (a public page within 3x the p95 of /healthz) cannot be met by rendering
a page of 35 to 194 states on every request; serving the stored bytes costs one small query (the
version below) and a cache lookup, about what /healthz costs.

Correctness: the cache key holds a version number that lives in the database; every write to a
content model bumps it once its transaction commits, so no visitor sees a page older than the last
committed write, whatever worker rendered it. Bookkeeping writes do not: the apps and models in
BOOKKEEPING (sessions, audit trail, import jobs, task queue, search index, MFA authenticators' last use)
and a user's save that touches only BOOKKEEPING_USER_FIELDS (`last_login` on every sign-in). Any other
model invalidates, so a new content model is safe by default; a new bookkeeping model must be listed.

Abuse: the key holds only the query parameters the view declares (`@cache_params(...)`, sorted); a
request with any other parameter is neither looked up nor stored, so `?_v=N` cannot fill the cache.
Entries go to the `pagecache` cache (shared Redis in production, a size-bounded LocMemCache per worker
otherwise); a page over PAGE_CACHE_MAX_ENTRY_BYTES is not stored. Each address may cause
PAGE_CACHE_MISSES_PER_MINUTE uncached renders a minute; beyond that its misses get 429 with
Retry-After, while cached pages are still served to it (and to everyone else). Only anonymous GET
requests without a session or messages cookie, to views marked `public` (or Wagtail's pages), that
answer 200 with HTML, set no cookie, left the session and messages untouched and used no CSRF token
are stored.

The one exception to the last rule: the sign-in, registration and password-reset forms (FORM_VIEWS),
whose only per-visitor content is the CSRF token. They are stored with the token's hidden field
emptied to a placeholder, and each visitor served from the cache gets their own token put back in
(`get_token`, which also sets their CSRF cookie), so CSRF protection is exactly as without the cache.
"""

from __future__ import annotations

import hashlib
import re

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import gettext as _

from cyberportal.core.access import PUBLIC, access_of

# Writes that never change what an anonymous visitor sees (or that happen on every request or sign-in):
# whole apps by label, single models as "app_label.modelname".
BOOKKEEPING = {
    "sessions",
    "caching",
    "django_tasks_database",  # the background queue's rows (django-tasks-db's app label)
    "modelsearch",
    "wagtailadmin",
    "audit",  # the audit trail: a sign-in writes an entry
    "core.importjob",  # the job's progress; the imported rows themselves invalidate
    "mfa.authenticator",  # last use of a second factor, written on each sign-in
    "spaces.membership",  # members and their read marker (last_seen_at, written on opening a space)
    "laws.savedsearch",  # a user's saved searches, shown only on their own home
    "cooperation.requestdraft",  # a request draft, shown only to its author, never on a public page
}
BOOKKEEPING_USER_FIELDS = {"last_login"}
SESSION_COOKIES = ("sessionid", "messages")
# Public forms stored with their CSRF token taken out (see the module's docstring), by URL name.
FORM_VIEWS = {"account_login", "accounts:login", "account_signup", "account_reset_password"}
# The hidden field Django's {% csrf_token %} writes; masked tokens are 64 letters and digits.
CSRF_FIELD = re.compile(rb'(<input type="hidden" name="csrfmiddlewaretoken" value=")([A-Za-z0-9]{64})(">)')
TOKEN_PLACEHOLDER = b"\x00csrf-token\x00"  # NUL never occurs in an HTML page


def page_cache():
    """The cache holding pages: the `pagecache` alias when configured, else the default cache."""
    return caches["pagecache"] if "pagecache" in settings.CACHES else caches["default"]


def cache_params(*names: str, depends: tuple[str, ...] = ()):
    """Declare the query parameters a public view reads: they alone (sorted) make up the cache key,
    and a request carrying any other parameter is not cached at all. `depends`, the labels of every app
    whose data the page shows (its template included), lets writes to other apps leave it cached;
    without it any content write invalidates the page."""

    def decorate(view_func):
        view_func.cache_params = frozenset(names)
        view_func.cache_depends = tuple(sorted(depends))
        return view_func

    return decorate


def cache_seconds() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0))


def current_version() -> int:
    """The version, by one primary-key read on a plain cursor: it runs on every cached page (and every
    admin page), where building the same ORM query each time cost more than the rest of a cache hit."""
    from .models import PageCacheVersion

    table = connection.ops.quote_name(PageCacheVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT number FROM {table} WHERE id = %s", [1])  # noqa: S608 - the model's own table
        row = cursor.fetchone()
    return row[0] if row else 0


def namespace_versions(names: tuple[str, ...]) -> str:
    """The key part for a page that shows only these apps: one query for the version and their counters.
    An app never written since the last restore has no row: the version stands in for it."""
    from .models import PageCacheNamespace, PageCacheVersion

    version = connection.ops.quote_name(PageCacheVersion._meta.db_table)
    table = connection.ops.quote_name(PageCacheNamespace._meta.db_table)
    marks = ", ".join(["%s"] * len(names))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT '', number FROM {version} WHERE id = 1 "  # noqa: S608 - our own tables, no input
            f"UNION ALL SELECT name, number FROM {table} WHERE name IN ({marks})",
            list(names),
        )
        rows = dict(cursor.fetchall())
    fallback = f"v{rows.get('', 0)}"
    return ",".join(f"{name}={rows[name]}" if name in rows else f"{name}={fallback}" for name in names)


class _Bump:
    """The on-commit callback of one transaction: the apps its writes touched."""

    def __init__(self):
        self.apps: set[str] = set()

    def __call__(self):
        bump_version(self.apps)


def bump_version(apps=()) -> None:
    """Invalidate cached pages (all workers): the version (pages that declare no apps) and the counter of
    each app written. Called after each committed content write."""
    from .models import PageCacheNamespace, PageCacheVersion

    try:
        if not PageCacheVersion.objects.filter(pk=1).update(number=F("number") + 1):
            PageCacheVersion.objects.get_or_create(pk=1, defaults={"number": 1})
        number = current_version()
        for name in sorted(apps):
            if not PageCacheNamespace.objects.filter(name=name).update(number=F("number") + 1):
                # At the version's number: above anything this row held before a restore emptied it.
                PageCacheNamespace.objects.get_or_create(name=name, defaults={"number": number})
    except DatabaseError:
        # The write itself committed; if the counter cannot move, no page may be served from cache
        # (nor an admin fragment, keyed by the same version in the default cache).
        page_cache().clear()
        caches["default"].clear()


def is_bookkeeping(sender, update_fields=None) -> bool:
    meta = sender._meta
    if meta.app_label in BOOKKEEPING or meta.label_lower in BOOKKEEPING:
        return True
    # Saving the user on sign-in (update_fields=["last_login"]) changes no public page.
    return meta.label_lower == settings.AUTH_USER_MODEL.lower() and bool(
        update_fields and set(update_fields) <= BOOKKEEPING_USER_FIELDS
    )


def _on_write(sender, **kwargs):
    if kwargs.get("raw") or is_bookkeeping(sender, kwargs.get("update_fields")):
        return
    connection = transaction.get_connection()
    # One bump per transaction is enough: an import saving 1,000 rows must not queue 1,000 updates.
    # Callbacks of a rolled-back transaction leave this list, so a later write queues a new bump.
    pending = next((entry[1] for entry in connection.run_on_commit if isinstance(entry[1], _Bump)), None)
    if pending is None:
        pending = _Bump()
        transaction.on_commit(pending)
    pending.apps.add(sender._meta.app_label)


def connect_signals() -> None:
    post_save.connect(_on_write, dispatch_uid="pagecache-save")
    post_delete.connect(_on_write, dispatch_uid="pagecache-delete")
    m2m_changed.connect(_on_write, dispatch_uid="pagecache-m2m")


def without_csrf_tokens(content: bytes) -> bytes | None:
    """The page with each CSRF hidden field's token replaced by the placeholder; None when a token
    also appears anywhere else (a script, a data attribute), where it could not be put back."""
    if TOKEN_PLACEHOLDER in content:
        return None
    tokens = {match.group(2) for match in CSRF_FIELD.finditer(content)}
    if not tokens:
        return None
    templated = CSRF_FIELD.sub(lambda m: m.group(1) + TOKEN_PLACEHOLDER + m.group(3), content)
    if any(token in templated for token in tokens):
        return None
    return templated


def _form_view(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return bool(match and match.view_name in FORM_VIEWS)


def _cacheable_view(view_func) -> bool:
    if getattr(view_func, "page_cache", True) is False:  # e.g. the API: JSON, with limits of its own
        return False
    if access_of(view_func) == PUBLIC:
        return True
    return getattr(view_func, "__module__", "").startswith("wagtail.views")


def _declared_query(request, view_func) -> str | None:
    """The declared parameters, sorted and re-encoded; None when the request has any other one."""
    view_class = getattr(view_func, "view_class", None)
    declared = getattr(view_func, "cache_params", None) or getattr(view_class, "cache_params", frozenset())
    if any(name not in declared for name in request.GET):
        return None
    return "&".join(f"{name}={value}" for name in sorted(request.GET) for value in request.GET.getlist(name))


def client_address(request) -> str:
    """REMOTE_ADDR: behind nginx, the proxy must set it to the visitor's address (as for the audit)."""
    return request.META.get("REMOTE_ADDR", "")


def miss_allowed(request) -> bool:
    """Count this address's uncached renders in the current minute; False once over the limit."""
    limit = int(getattr(settings, "PAGE_CACHE_MISSES_PER_MINUTE", 0))
    if not limit:
        return True
    counters = caches["default"]  # shared across workers when REDIS_URL is set
    key = "pagecache-miss:" + hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    counters.add(key, 0, 60)
    try:
        return counters.incr(key) <= limit
    except ValueError:  # expired between add and incr
        counters.set(key, 1, 60)
        return True


def too_many_misses() -> HttpResponse:
    response = HttpResponse(
        _("Too many requests for pages that are not ready yet. Please wait a minute and try again."),
        status=429,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = "60"
    return response


class PublicPageCacheMiddleware:
    """Place after AuthenticationMiddleware and MessageMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_page_cache_key", None)
        if key and self._storable(request, response):
            content, with_token = response.content, False
            if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
                content, with_token = without_csrf_tokens(content), True
            limit = int(getattr(settings, "PAGE_CACHE_MAX_ENTRY_BYTES", 512 * 1024))
            if content is not None and len(content) <= limit:
                entry = (content, response["Content-Type"], response.get("Cache-Control"), with_token)
                page_cache().set(key, entry, cache_seconds())
                response["X-Page-Cache"] = "miss"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not cache_seconds() or request.method not in ("GET", "HEAD") or not _cacheable_view(view_func):
            return None
        if any(name in request.COOKIES for name in SESSION_COOKIES):
            return None
        query = _declared_query(request, view_func)
        if query is None:  # an undeclared parameter: rendered, never stored, and counted as a miss
            return None if miss_allowed(request) else too_many_misses()
        depends = getattr(view_func, "cache_depends", ())
        try:
            version = namespace_versions(depends) if depends else current_version()
        except DatabaseError:
            return None  # let the view fail and the 503 middleware answer
        digest = hashlib.sha256(f"{request.path}?{query}".encode()).hexdigest()
        key = f"page:{version}:{request.method}:{digest}"
        stored = page_cache().get(key)
        if stored is not None:
            content, content_type, cache_control, with_token = stored
            if with_token:  # this visitor's own token (and CSRF cookie), as the view would give
                content = content.replace(TOKEN_PLACEHOLDER, get_token(request).encode())
            response = HttpResponse(content, content_type=content_type)
            if cache_control:
                response["Cache-Control"] = cache_control
            response["X-Page-Cache"] = "hit"
            response["Vary"] = "Cookie"
            return response
        if not miss_allowed(request):
            return too_many_misses()
        request._page_cache_key = key
        return None

    @staticmethod
    def _storable(request, response) -> bool:
        # The session and messages middleware set their cookies after this one: look at their state.
        session = getattr(request, "session", None)
        form = _form_view(request)
        return (
            response.status_code == 200
            and response.get("Content-Type", "").startswith("text/html")
            and not response.cookies
            and not getattr(response, "streaming", False)
            and (form or not request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))
            and not request.user.is_authenticated
            and not (session is not None and session.modified)
            and not len(getattr(request, "_messages", ()))
            # never_cache keeps browsers from storing the form; the stored copy is re-tokened per visitor.
            and (form or not response.has_header("Cache-Control"))
        )
