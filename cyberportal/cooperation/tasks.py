"""Background work of cooperation: erasing request drafts whose period is over."""

import datetime

from django.utils import timezone
from django_tasks import task

from . import services

# How often the worker looks for drafts whose period is over (reads never show them in between).
ERASE_EVERY = datetime.timedelta(hours=1)


@task()
def erase_expired_request_drafts() -> int:
    """Erase the drafts whose period is over, then queue the next round when the backend can wait."""
    erased = services.request_drafts_erase_expired()
    schedule_erasure()
    return erased


def schedule_erasure() -> bool:
    backend = erase_expired_request_drafts.get_backend()
    if not getattr(backend, "supports_defer", False):
        return False  # in-process backends: the `erase_request_drafts` command (cron) does it
    erase_expired_request_drafts.using(run_after=timezone.now() + ERASE_EVERY).enqueue()
    return True
