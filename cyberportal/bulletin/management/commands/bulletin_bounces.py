"""Ingest bounce notifications: DSN messages (RFC 3464, e.g. files saved from the bounce mailbox) or lists
of addresses, one a line. Each hard bounce counts; after BULLETIN_HARD_BOUNCE_LIMIT the address is stopped."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cyberportal.bulletin import services
from cyberportal.bulletin.models import SubscriberStatus


class Command(BaseCommand):
    help = "Count bounces from DSN files or address lists; stop sending to addresses that keep bouncing."

    def add_arguments(self, parser):
        parser.add_argument(
            "files", nargs="+", help="DSN messages (.eml) or lists of addresses; '-' reads stdin"
        )
        parser.add_argument("--dry-run", action="store_true", help="Show what would change, change nothing.")

    def handle(self, *args, files, dry_run, **options):
        import sys

        bounces = []
        for name in files:
            if name == "-":
                text = sys.stdin.read()
            else:
                path = Path(name)
                if not path.is_file():
                    raise CommandError(f"{name}: no such file.")
                text = path.read_text(encoding="utf-8", errors="replace")
            found = services.bounces_parse(text)
            if not found:
                self.stderr.write(f"{name}: no bounced address found.")
            bounces += found
        hard = [b for b in bounces if b.hard]
        self.stdout.write(f"{len(bounces)} bounce(s), {len(hard)} hard.")
        with transaction.atomic():
            stopped = 0
            for bounce in hard:
                subscriber = services.bounce_record(email_address=bounce.email, hard=True)
                if subscriber is not None and subscriber.status == SubscriberStatus.BOUNCING:
                    stopped += 1
            self.stdout.write(f"{stopped} address(es) now stopped for bouncing.")
            if dry_run:
                transaction.set_rollback(True)
                self.stdout.write("Dry run: nothing saved.")
