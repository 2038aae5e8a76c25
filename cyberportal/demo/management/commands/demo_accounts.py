"""Print the demo accounts, one per role, for the person who just started the demo."""

from django.core.management.base import BaseCommand

from cyberportal.accounts.models import User
from cyberportal.demo.services import DEMO_ACCOUNTS, DEMO_PASSWORD


class Command(BaseCommand):
    help = "Print the demo accounts and their password."

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
        self.stdout.write(
            "Sign in at http://127.0.0.1:8000/en/accounts/sign-in/ (editors: http://127.0.0.1:8000/admin/)\n"
        )
