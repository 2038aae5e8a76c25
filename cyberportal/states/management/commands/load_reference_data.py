"""Load a network's states and organisations and the reference instruments (idempotent, atomic)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cyberportal.states.services import (
    DEFAULT_NETWORK_FILE,
    INSTRUMENTS_FILE,
    ReferenceDataError,
    reference_data_load,
)


class Command(BaseCommand):
    help = "Load the network's states and organisations and the reference instruments with their articles."

    def add_arguments(self, parser):
        parser.add_argument(
            "network_file",
            nargs="?",
            type=Path,
            default=DEFAULT_NETWORK_FILE,
            help="JSON file describing the network's states (default: the OAS file)",
        )
        parser.add_argument(
            "--instruments",
            type=Path,
            default=INSTRUMENTS_FILE,
            help="JSON file with the instruments and their articles",
        )
        parser.add_argument(
            "--update", action="store_true", help="let the files overwrite records that already exist"
        )

    def handle(self, *args, **options):
        try:
            report = reference_data_load(
                network_file=options["network_file"],
                instruments_file=options["instruments"],
                update=options["update"],
            )
        except ReferenceDataError as error:
            raise CommandError(f"nothing was loaded: {error}") from error
        self.stdout.write(
            f"reference data: {report.states} states, {report.organisations} organisations, "
            f"{report.instruments} instruments with {report.articles} articles"
        )
