"""Views that belong to no capability: the health check."""

from django.db import DatabaseError, connection
from django.http import JsonResponse

from .access import public


@public
def healthz(request):
    """200 when the database answers, 503 with a short reason when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        reason = str(error).strip().splitlines()[0][:200] if str(error).strip() else type(error).__name__
        return JsonResponse(
            {"status": "unavailable", "database": "unreachable", "reason": reason}, status=503
        )
    return JsonResponse({"status": "ok", "database": "ok"})
