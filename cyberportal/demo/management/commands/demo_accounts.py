"""Print the demo accounts, one per role, for the person who just started the demo."""

from django.core.management.base import BaseCommand

from cyberportal.accounts.models import User
from cyberportal.demo.services import DEMO_ACCOUNTS, DEMO_PASSWORD


class Command(BaseCommand):
    help = "Print the demo accounts and their password."

    def add_arguments(self, parser):
        parser.add_argument(
            "--address",
            default="http://127.0.0.1:8000",
            help="Where the portal is served (dev.py passes it).",
        )

    def handle(self, *args, **options):
        users = {
            u.username: u
            for u in User.objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS]).select_related(
                "state"
            )
        }
        self.stdout.write(f"\nDemo accounts (password for all: {DEMO_PASSWORD})")
        for account in DEMO_ACCOUNTS:
            user = users.get(account.username)
            if user is None:
                continue
            where = user.state.code if user.state else "Technical Secretariat"
            self.stdout.write(f"  {user.get_role_display():<12} {account.username:<12} {where}")
        from cyberportal.demo.spaces import DEMO_APPLICANT, DEMO_MFA_USERS, DEMO_TOTP_SECRET

        self.stdout.write(
            f"Second factor of {' and '.join(DEMO_MFA_USERS)} (TOTP secret, add it to an authenticator app): "
            f"{DEMO_TOTP_SECRET}\n  or print the current code with: python3 dev.py manage demo_totp"
        )
        self.stdout.write(f"A registration waits for focal.co to vet: {DEMO_APPLICANT}")
        address = options["address"].rstrip("/")
        from cyberportal.demo.opendata import DEMO_API_TOKEN, DEMO_TOKEN_USER

        self.stdout.write(
            f"API read token of {DEMO_TOKEN_USER}: curl -H 'Authorization: Bearer {DEMO_API_TOKEN}' "
            f"{address}/api/v1/laws/"
        )
        self.stdout.write(f"Sign in at {address}/en/accounts/sign-in/ (editors: {address}/admin/)\n")
