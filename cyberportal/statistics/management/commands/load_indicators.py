"""Add the seed statistics indicators that are missing (e.g. after a flush); never changes existing ones."""

from django.core.management.base import BaseCommand

from cyberportal.statistics.services import indicators_load


class Command(BaseCommand):
    help = "Add the seed statistics indicators whose code is not there yet (the Secretariat's edits stay)."

    def handle(self, *args, **options):
        created = indicators_load()
        self.stdout.write(f"{created} indicator(s) added.")
