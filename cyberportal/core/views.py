"""Views that belong to no capability: the health check and the progress of a document import."""

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from .access import public, signed_in
from .imports import KINDS, import_job_of
from .models import ImportJob


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


@signed_in
def import_status(request, token: str):
    """Where an upload waits for the worker: refreshes itself, then goes on to the importer's preview."""
    job = import_job_of(request.user, token)
    if job is None:
        raise Http404
    kind = KINDS[job.kind]
    if job.status == ImportJob.Status.DONE:
        return redirect(kind.preview_url, token=job.token)
    finished = job.status == ImportJob.Status.FAILED
    response = render(
        request,
        "core/import_status.html",
        {
            "job": job,
            "finished": finished,
            "elapsed": int((timezone.now() - job.created_at).total_seconds()),
            "refresh_seconds": 2,
            "limit_seconds": settings.IMPORT_PARSE_SECONDS,
            "upload_url": kind.upload_url,
        },
    )
    response["Cache-Control"] = "private, no-store"
    return response
