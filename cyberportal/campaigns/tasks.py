"""Background work of update campaigns: the daily reminders to states that have not answered."""

from django_tasks import task

from . import services


@task()
def send_campaign_reminders() -> int:
    """Send today's reminders (queued by `campaign_start` and by the daily command)."""
    return services.reminders_send()
