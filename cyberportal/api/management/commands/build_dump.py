"""Build the bulk dump of all public data (docs/capabilities/open-data.md#bulk-data).

python manage.py build_dump                 # today's dump, now, in this process
python manage.py build_dump --date 2026-12-01
python manage.py build_dump --enqueue       # for the nightly timer: the worker builds it

Only what an anonymous visitor may read goes in. Rebuilding a date replaces that date's files.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from cyberportal.api import dump, tasks


class Command(BaseCommand):
    help = "Build the dump of all public data (JSON, CSV, Akoma Ntoso, SKOS, README, manifest)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="The dump's date, YYYY-MM-DD (default: today).")
        parser.add_argument("--keep", type=int, default=tasks.KEEP_DUMPS, help="Dumps to keep (default 30).")
        parser.add_argument("--enqueue", action="store_true", help="Queue it for the django-tasks worker.")

    def handle(self, *args, date=None, keep=tasks.KEEP_DUMPS, enqueue=False, **options):
        if keep < 1:
            raise CommandError(f"--keep: {keep} would remove every dump; give 1 or more.")
        if enqueue:
            if date:
                raise CommandError("--date: the worker builds today's dump; leave --date out with --enqueue.")
            result = tasks.build_dump.enqueue(keep=keep)
            self.stderr.write(f"Dump queued for the worker ({result.id}).")
            return
        try:
            day = datetime.date.fromisoformat(date) if date else None
        except ValueError:
            raise CommandError(f"--date: '{date}' is not a date (YYYY-MM-DD).") from None
        built = dump.dump_build(day)
        removed = dump.dump_prune(keep)
        total = sum(f["bytes"] for f in built.files)
        self.stderr.write(
            f"Dump {built.date}: {len(built.files)} files, {total} bytes under {dump.ROOT}/{built.date}/"
            + (f"; removed {', '.join(removed)}" if removed else "")
        )
