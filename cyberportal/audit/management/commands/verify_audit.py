"""Check the audit trail's hash chain; exit with an error naming the first broken entry."""

from django.core.management.base import BaseCommand, CommandError

from cyberportal.audit.selectors import audit_verify


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain. Exits non-zero at the first edited or deleted entry."

    def handle(self, *args, **options):
        checked, problem = audit_verify()
        if problem is not None:
            raise CommandError(
                f"Audit trail broken at entry #{problem.seq}: {problem.reason}. "
                f"{checked} entries before it are intact."
            )
        self.stdout.write(self.style.SUCCESS(f"Audit trail intact: {checked} entries verified."))
