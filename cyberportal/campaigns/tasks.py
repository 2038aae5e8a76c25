"""Background work of update campaigns: the daily reminders to states that have not answered."""

from django_tasks import task

from . import services


@task()
def send_campaign_reminders() -> int:
    """Send today's reminders, then queue tomorrow's round when the backend can wait."""
    sent = services.reminders_send()
    services.schedule_reminders()
    return sent
