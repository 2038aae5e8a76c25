"""Document imports that run in the background: an upload is stored privately, read by the worker under
the limits of core/uploads.py, previewed from its stored result, and deleted once confirmed or stale.

Each importer registers a kind (see the apps' `ready()`): how to parse an upload into JSON-able data, and
which page previews the result. Views call `import_job_create`, `import_job_of` and `import_job_delete`.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from .models import ImportJob
from .uploads import UploadRefused, check_size, run_bounded

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ImportKind:
    parse: str  # dotted path of parse(name, data) -> JSON-able data; raises UploadRefused (or a subclass)
    preview_url: str  # URL name of the page that previews a finished job
    upload_url: str  # URL name of the upload form, to start again


KINDS: dict[str, ImportKind] = {}


def register_import_kind(name: str, kind: ImportKind) -> None:
    KINDS[name] = kind


def import_jobs_purge() -> int:
    """Delete the uploads nobody confirmed within IMPORT_JOB_HOURS, with their files."""
    cutoff = timezone.now() - datetime.timedelta(hours=settings.IMPORT_JOB_HOURS)
    stale = list(ImportJob.objects.filter(created_at__lt=cutoff))
    for job in stale:
        import_job_delete(job)
    return len(stale)


def import_job_create(*, user, kind: str, name: str, data: bytes, options: dict | None = None) -> ImportJob:
    """Store the upload privately and queue it for the worker; UploadRefused when it is too large."""
    from .tasks import parse_import_job

    if kind not in KINDS:
        raise ValueError(f"Unknown import kind {kind!r}")
    check_size(name, len(data))
    import_jobs_purge()
    # The worker reports problems in the language of the person who uploaded.
    options = {"language": translation.get_language(), **(options or {})}
    job = ImportJob(user=user, kind=kind, name=name[:255], options=options)
    job.upload.save(job.token, ContentFile(data), save=False)
    job.save()
    parse_import_job.enqueue(job.pk)
    job.refresh_from_db()  # an immediate backend (tests, small sites) has already read it
    return job


def import_job_run(job: ImportJob) -> ImportJob:
    """Parse the stored upload under the time and memory limits; the worker's task calls this."""
    job.status = ImportJob.Status.RUNNING
    job.save(update_fields=["status"])
    with translation.override(job.options.get("language")):
        _parse_into(job)
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "result", "error", "finished_at"])
    job.upload.delete(save=True)  # the parsed result is all the preview needs
    return job


def _parse_into(job: ImportJob) -> None:
    try:
        with job.upload.open("rb") as handle:
            data = handle.read()
        parse: Callable = import_string(KINDS[job.kind].parse)
        job.result = run_bounded(parse, job.name, data)
        job.status = ImportJob.Status.DONE
    except UploadRefused as error:
        job.error, job.status = str(error), ImportJob.Status.FAILED
    except FileNotFoundError:
        job.error = _("The upload is no longer on the server; upload it again.")
        job.status = ImportJob.Status.FAILED
    except Exception:  # noqa: BLE001 - a bug in a parser must end the job, not leave its page waiting
        logger.exception("Import job %s (%s) failed", job.pk, job.kind)
        job.error = _("The importer failed on this document; the error was logged for the administrators.")
        job.status = ImportJob.Status.FAILED


def import_job_of(user, token: str, kind: str | None = None) -> ImportJob | None:
    """The user's own job with this token (another user's token finds nothing)."""
    if not token or not getattr(user, "is_authenticated", False):
        return None
    jobs = ImportJob.objects.filter(user=user, token=token)
    if kind:
        jobs = jobs.filter(kind=kind)
    return jobs.first()


def import_job_delete(job: ImportJob) -> None:
    if job.upload:
        job.upload.delete(save=False)
    job.delete()
