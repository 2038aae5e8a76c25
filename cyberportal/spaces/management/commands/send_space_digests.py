"""Queue the daily digest e-mails of the expert spaces (run it once a day, e.g. from cron)."""

from django.core.management.base import BaseCommand

from cyberportal.spaces.tasks import send_daily_digests


class Command(BaseCommand):
    help = "Queue the daily digest e-mails of the expert spaces."

    def handle(self, *args, **options):
        result = send_daily_digests.enqueue()
        self.stdout.write(f"daily digests queued ({result.status})")
