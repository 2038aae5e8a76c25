"""Erase the request drafts whose period is over (run it hourly from cron, or let the worker do it)."""

from django.core.management.base import BaseCommand

from cyberportal.cooperation import services, tasks


class Command(BaseCommand):
    help = "Erase request drafts whose period is over; --reseal re-encrypts the others under the first key."

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Also queue the worker's hourly erasure (once, at deployment, with a database task backend).",
        )
        parser.add_argument(
            "--reseal",
            action="store_true",
            help="Also re-encrypt every remaining draft under the first key of REQUEST_DRAFTS_KEYS.",
        )

    def handle(self, *args, reseal=False, schedule=False, **options):
        erased = services.request_drafts_erase_expired()
        self.stdout.write(f"{erased} expired request draft(s) erased.")
        if schedule:
            queued = tasks.schedule_erasure()
            self.stdout.write(
                "Hourly erasure queued." if queued else "This task backend cannot wait: use cron."
            )
        if reseal:
            self.stdout.write(f"{services.request_drafts_reseal()} request draft(s) re-encrypted.")
