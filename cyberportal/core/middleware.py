"""Request-wide rules: malformed addresses answer 400, a lost database a clear 503 page (both in the
visitor's language); signed-in answers are kept out of caches."""

import contextlib
import ipaddress

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import patch_cache_control

# SQLite's primary result codes that mean the database itself cannot be used just now (busy, locked,
# unreadable, full, gone); SQLITE_ERROR, which a syntax error in an FTS5 query raises, is not one.
SQLITE_OUTAGES = {
    "SQLITE_BUSY",
    "SQLITE_LOCKED",
    "SQLITE_NOMEM",
    "SQLITE_READONLY",
    "SQLITE_IOERR",
    "SQLITE_CORRUPT",
    "SQLITE_FULL",
    "SQLITE_CANTOPEN",
    "SQLITE_PROTOCOL",
    "SQLITE_NOTADB",
}
# PostgreSQL's SQLSTATE classes for a connection, a server or resources that failed (08, 53, 57, 58, XX);
# a query the server rejected (42 syntax, 22 data) is a bug in the query, not an outage.
POSTGRES_OUTAGE_CLASSES = {"08", "53", "57", "58", "XX"}


def is_database_outage(exception: BaseException) -> bool:
    """True when the error says the database cannot be reached or used, not that one query was wrong."""
    if isinstance(exception, InterfaceError):
        return True
    if not isinstance(exception, OperationalError):
        return False
    # Django re-raises the driver's error with the original as its cause; its code tells the two apart.
    cause = exception.__cause__
    sqlite_name = getattr(cause, "sqlite_errorname", None)
    if sqlite_name:
        return "_".join(sqlite_name.split("_")[:2]) in SQLITE_OUTAGES  # SQLITE_IOERR_READ -> SQLITE_IOERR
    sqlstate = getattr(cause, "sqlstate", None)
    if sqlstate:
        return sqlstate[:2] in POSTGRES_OUTAGE_CLASSES
    # No code at all: the driver could not connect, or lost the connection, before the server answered.
    return True


def database_unavailable_response(reason: str = "") -> HttpResponse:
    # Rendered without the request: context processors would touch the session, i.e. the database.
    response = HttpResponse(render_to_string("503.html", {"reason": reason}), status=503)
    response["Retry-After"] = "30"
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        # A failed request's transaction is never committed (atomic blocks roll back on the way
        # out), so answering 503 here leaves nothing half-written. Any other database error is a bug:
        # it answers 500 and is logged, rather than hiding behind the outage page.
        if is_database_outage(exception):
            return database_unavailable_response()
        return None


class PrivateResponseMiddleware:
    """Nothing answered to a signed-in user is kept by a browser's or a shared cache.

    What a signed-in user is shown depends on who they are (restricted pages, law, matrix and directory
    exports, progress PDFs with reports not yet public), so one rule for every view, the ones to come
    included: any response to an authenticated request gets `Cache-Control: private, no-store`, unless it
    says `public` itself. Anonymous answers are left alone: they hold public data only, and the public
    page cache (caching.pagecache) serves them. Place after AuthenticationMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not _says_public(response):
            patch_cache_control(response, private=True, no_store=True)
        return response


def _says_public(response) -> bool:
    directives = (
        part.strip().split("=", 1)[0].lower() for part in response.get("Cache-Control", "").split(",")
    )
    return "public" in directives


JSON_PATHS = ("/api/",)  # the open-data API answers its errors in JSON, like the rest of its answers


class MalformedAddressMiddleware:
    """Answer 400 to an address holding a NUL character, in its path or its query string.

    PostgreSQL refuses NUL in any text value, so every view that looks a parameter up would fail with a
    server error; no real link holds one. Refusing it here covers every view, including tomorrow's.
    (Invalid UTF-8 needs nothing: Django decodes it to U+FFFD, which every database accepts.)
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()
        ):
            if request.path_info.startswith(JSON_PATHS):
                return JsonResponse({"detail": "The address holds a NUL character."}, status=400)
            return HttpResponseBadRequest(render_to_string("400.html"))
        return self.get_response(request)


class AdminLanguageMiddleware:
    """The admin speaks the user's language, decided once, before the admin caches key on it.

    The admin's addresses have no language prefix, so Django's LocaleMiddleware falls back on a cookie or
    the browser's Accept-Language, and Wagtail uses that when the user's admin profile has no preference:
    a Spanish official whose browser says English got an English admin. The order here: Wagtail's own
    admin preference (account settings), else the portal profile's preferred language, else what
    LocaleMiddleware found. Place after AuthenticationMiddleware and before the admin page cache.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = "/admin/"

    def __call__(self, request):
        user = getattr(request, "user", None)
        if request.path.startswith(self.prefix) and user is not None and user.is_authenticated:
            language = admin_language(user)
            if language:
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return self.get_response(request)


def admin_language(user) -> str:
    """The user's admin language if one is known: Wagtail's profile first, then the portal's."""
    permitted = {code for code, _name in settings.WAGTAILADMIN_PERMITTED_LANGUAGES}
    try:
        wagtail_choice = user.wagtail_userprofile.preferred_language
    except ObjectDoesNotExist:
        wagtail_choice = ""
    for language in (wagtail_choice, getattr(user, "preferred_language", "")):
        if language in permitted:
            return language
    return ""


class ProxiedClientAddressMiddleware:
    """Behind a reverse proxy listed in TRUSTED_PROXIES, the visitor's address is the proxy's X-Real-IP.

    gunicorn sees only the proxy (nginx on loopback), so without this every visitor would share one
    address: one sign-in limit, one page-cache miss budget, one address in the audit trail. The header
    is believed only from a trusted proxy, which sets it itself (`proxy_set_header X-Real-IP
    $remote_addr` overwrites what a visitor sent); from anyone else it is ignored.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        # Addresses or networks ("127.0.0.1", "172.16.0.0/12" for a container network).
        self.trusted = [ipaddress.ip_network(entry, strict=False) for entry in settings.TRUSTED_PROXIES]

    def _from_trusted_proxy(self, request) -> bool:
        try:
            peer = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
        except ValueError:
            return False
        return any(peer in network for network in self.trusted)

    def __call__(self, request):
        if self.trusted and self._from_trusted_proxy(request):
            forwarded = request.META.get("HTTP_X_REAL_IP", "").strip()
            # No header, or not an address: the proxy's own address stays.
            with contextlib.suppress(ValueError):
                request.META["REMOTE_ADDR"] = str(ipaddress.ip_address(forwarded))
        return self.get_response(request)
