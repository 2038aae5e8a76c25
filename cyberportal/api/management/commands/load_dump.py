"""Load a bulk dump into an empty instance: every public resource the dump holds (see api/load.py).

python manage.py load_dump data/media/open-data/dumps/2026-12-01
python manage.py load_dump 2026-12-01 --dry-run     # a date: the dump on this instance's storage

It refuses a database that already has laws; `--dry-run` loads, reports the counts and rolls back.
"""

from pathlib import Path

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cyberportal.api import dump as dumps
from cyberportal.api.load import DumpError, dump_load


class DryRun(Exception):
    pass


class Command(BaseCommand):
    help = "Load a bulk dump (a folder, or a date on this instance's storage) into an empty instance."

    def add_arguments(self, parser):
        parser.add_argument("dump", help="The dump's folder, or its date (YYYY-MM-DD).")
        parser.add_argument("--dry-run", action="store_true", help="Load, report, and roll back.")

    def handle(self, *args, dump: str, dry_run: bool = False, **options):
        folder = self._folder(dump)
        try:
            with transaction.atomic():
                counts = dump_load(folder)
                self.stderr.write(", ".join(f"{n} {name}" for name, n in counts.items()) + " loaded.")
                if dry_run:
                    raise DryRun
        except DryRun:
            self.stderr.write("Dry run: nothing saved.")
        except DumpError as error:
            raise CommandError(str(error)) from None

    def _folder(self, value: str) -> Path:
        if dumps.DATE.match(value):
            if not dumps.dump_manifest(value):
                raise CommandError(f"dump: there is no dump of '{value}' on this instance's storage.")
            return Path(default_storage.path(f"{dumps.ROOT}/{value}"))
        folder = Path(value)
        if not folder.is_dir():
            raise CommandError(f"dump: '{value}' is neither a folder nor a date (YYYY-MM-DD).")
        return folder
