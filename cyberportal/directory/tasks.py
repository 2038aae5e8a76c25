"""Background work of the directory: reminders to contacts who have not answered a verification e-mail."""

from django_tasks import task

from . import services


@task()
def send_verification_reminders() -> int:
    """Send the reminders that are due, then queue the next round when the backend can wait."""
    sent = services.reminders_send()
    services.schedule_reminders()
    return sent
