"""Send the verification reminders that are due (run it daily from cron, or let the task queue do it)."""

from django.core.management.base import BaseCommand

from cyberportal.directory.tasks import send_verification_reminders


class Command(BaseCommand):
    help = "Queue the task that reminds contacts who have not answered a verification e-mail."

    def handle(self, *args, **options):
        result = send_verification_reminders.enqueue()
        self.stdout.write(f"Reminder task queued ({result.id}).")
