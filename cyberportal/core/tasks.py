"""Background work of core: reading uploaded documents for the importers."""

from django_tasks import task

from . import imports
from .models import ImportJob


@task()
def parse_import_job(job_id: int) -> str:
    job = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.QUEUED).first()
    if job is None:
        return "gone"  # deleted or already read
    return imports.import_job_run(job).status
