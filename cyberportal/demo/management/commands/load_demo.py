"""Load the demo instance (idempotent): home pages, example records, demo accounts."""

from django.core.management.base import BaseCommand, CommandError

from cyberportal.demo.services import demo_load


class Command(BaseCommand):
    help = "Load the demo instance. Safe to run again: nothing is duplicated."

    def handle(self, *args, **options):
        try:
            demo_load()
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        self.stdout.write("demo instance loaded")
