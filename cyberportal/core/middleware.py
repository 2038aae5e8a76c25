"""Request-wide rules: a clear 503 page when the database is lost; signed-in answers kept out of caches."""

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control


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
        # out), so answering 503 here leaves nothing half-written.
        if isinstance(exception, OperationalError | InterfaceError):
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
