"""Write a signed checkpoint of the audit trail's head outside the database (for cron)."""

from django.core.management.base import BaseCommand, CommandError

from cyberportal.audit.checkpoints import checkpoints_read
from cyberportal.audit.selectors import audit_verify
from cyberportal.audit.services import audit_checkpoint


class Command(BaseCommand):
    help = (
        "Verify the audit trail, then sign its newest entry (sequence, hash, count, time, key id) and "
        "write it to AUDIT_CHECKPOINT_TARGETS (an append-only file and/or syslog). Run it from cron, and "
        "once after upgrading to keyed audit entries."
    )

    def handle(self, *args, **options):
        # A checkpoint vouches for the log as it is: never sign one that is already broken.
        try:
            checked, problem = audit_verify(checkpoints=checkpoints_read())
        except (OSError, ValueError) as error:
            raise CommandError(f"The checkpoints cannot be read: {error}") from error
        if problem is not None:
            raise CommandError(
                f"No checkpoint written: the audit trail is broken at entry #{problem.seq}: {problem.reason}."
            )
        checkpoint = audit_checkpoint()
        if checkpoint is None:
            raise CommandError("The audit trail is empty: there is nothing to anchor yet.")
        self.stdout.write(
            self.style.SUCCESS(f"{checked} entries verified. Checkpoint written: {checkpoint.line()}")
        )
