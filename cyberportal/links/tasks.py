"""Background work of national links: the periodic check, run by the django-tasks worker."""

from django_tasks import task

from . import services


@task()
def check_national_links() -> dict:
    """Check every published link, tell focal points about dead ones, and queue the next round."""
    summary = services.links_check()
    told = services.dead_links_notify()
    services.schedule_link_checks()
    return {"checked": summary.checked, "dead": summary.dead, "moved": summary.moved, "emails": told}
