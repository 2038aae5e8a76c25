"""Queue the update campaigns' reminder task (run daily from cron; reminders are never sent twice a day)."""

from django.core.management.base import BaseCommand

from cyberportal.campaigns.tasks import send_campaign_reminders


class Command(BaseCommand):
    help = "Queue the reminders of update campaigns to states that have not answered."

    def handle(self, *args, **options):
        result = send_campaign_reminders.enqueue()
        self.stdout.write(f"Reminder task queued ({result.id}).")
