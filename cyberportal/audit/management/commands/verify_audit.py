"""Check the audit trail's chain and its signed checkpoints; exit with an error naming the first problem."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cyberportal.audit.checkpoints import checkpoints_read
from cyberportal.audit.selectors import audit_verify


class Command(BaseCommand):
    help = (
        "Verify the audit trail's HMAC chain against its signed checkpoints. Exits non-zero at the first "
        "edited, deleted or renumbered entry, or when entries a checkpoint recorded are gone."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--checkpoints",
            action="append",
            type=Path,
            metavar="FILE",
            help="read checkpoints from this file (a copy, a syslog export, or lines typed from a "
            "printout); may be repeated. Default: AUDIT_CHECKPOINT_FILE when checkpoints go to a file.",
        )

    def handle(self, *args, **options):
        try:
            checkpoints = checkpoints_read(options["checkpoints"])
        except (OSError, ValueError) as error:
            raise CommandError(f"The checkpoints cannot be read: {error}") from error
        checked, problem = audit_verify(checkpoints=checkpoints)
        if problem is not None:
            raise CommandError(
                f"Audit trail broken at entry #{problem.seq}: {problem.reason}. "
                f"{checked} entries before it are intact."
            )
        every = settings.AUDIT_CHECKPOINT_EVERY
        if not checkpoints and every and checked >= every:
            # Checkpoints are written every `every` entries, so there must be one: its file was lost,
            # emptied, or is not the one configured.
            raise CommandError(
                f"No signed checkpoint found although the log holds {checked} entries and one is written "
                f"every {every}: deleted entries at its end would go unnoticed. Pass --checkpoints FILE "
                "(where the checkpoints are kept), or run audit_checkpoint once after an upgrade."
            )
        if checkpoints:
            newest = max(checkpoints, key=lambda c: c.seq)
            anchored = f" against {len(checkpoints)} signed checkpoints (newest #{newest.seq}, {newest.at})"
        else:
            anchored = " (no checkpoint yet: the newest entries are not anchored outside the database)"
        self.stdout.write(self.style.SUCCESS(f"Audit trail intact: {checked} entries verified{anchored}."))
