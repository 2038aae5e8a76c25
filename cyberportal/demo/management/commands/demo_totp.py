"""Print the current one-time code of the demo's TOTP secret (focal.co and secretariat use it)."""

from django.core.management.base import BaseCommand

from cyberportal.accounts.totp import current_totp_code
from cyberportal.demo.spaces import DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = "Print the current six-digit code for the demo accounts' second factor."

    def handle(self, *args, **options):
        self.stdout.write(current_totp_code(DEMO_TOTP_SECRET))
