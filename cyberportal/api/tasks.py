"""Background work of the API app: the nightly bulk dump, built by the django-tasks worker."""

from django_tasks import task

from . import dump

KEEP_DUMPS = 30


@task()
def build_dump(keep: int = KEEP_DUMPS) -> str:
    """Build today's dump and remove all but the newest `keep`; returns the date built."""
    built = dump.dump_build()
    dump.dump_prune(keep)
    return built.date
