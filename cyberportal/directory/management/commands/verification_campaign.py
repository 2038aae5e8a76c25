"""Start a verification campaign from the command line, as the Secretariat would from the portal."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from cyberportal.directory import services
from cyberportal.directory.models import ContactRole
from cyberportal.states.models import State


class Command(BaseCommand):
    help = "E-mail each contact in scope a one-time link to confirm or correct its entry."

    def add_arguments(self, parser):
        scope = parser.add_mutually_exclusive_group(required=True)
        scope.add_argument("--state", help="ISO 3166-1 alpha-2 code, e.g. CO")
        scope.add_argument("--role", help=f"one of: {', '.join(ContactRole.values)}")
        scope.add_argument("--all", action="store_true", help="every contact")

    def handle(self, *args, **options):
        state = None
        if options["state"]:
            state = State.objects.filter(code=options["state"].upper()).first()
            if state is None:
                raise CommandError(f"--state: there is no state with the code “{options['state']}”.")
        role = options["role"]
        if role and role not in ContactRole.values:
            raise CommandError(f"--role: “{role}” is not a role; use one of {', '.join(ContactRole.values)}.")
        try:
            result = services.campaign_start(state=state, role=role, everything=options["all"])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            f"Campaign {result.campaign.pk}: {result.sent} e-mails sent, "
            f"{len(result.skipped)} contacts without an address, {len(result.bounced)} bounced."
        )
        for name in result.skipped:
            self.stdout.write(f"  no address: {name}")
