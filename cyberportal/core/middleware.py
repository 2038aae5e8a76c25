"""Turns a lost database connection into a clear 503 page in the visitor's language."""

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string


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
