"""Internal step of `manage.py bench`: content writes on demand, for the "first render after a write" rows.

Reads one word a line on standard input (`state` or `law`), saves the record the word names in one
transaction, as an editor's save would, and answers `ok` once it has committed (so the page cache's
counters have moved). Refuses to run outside the benchmark's own throw-away database.
"""

import os
import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cyberportal.laws.models import Law
from cyberportal.states.models import State


def _write(word: str) -> None:
    with transaction.atomic():
        if word == "state":
            State.objects.get(code="AR").save()  # Argentina: the states list and its profile show it
        elif word == "law":
            Law.objects.get(frbr_uri="/akn/co/act/2009/1273").save()  # the demo's Ley 1273
        else:
            raise CommandError(f"bench_write: unknown write {word!r} (state or law).")


class Command(BaseCommand):
    help = "Internal: content writes for `bench`'s first-render-after-a-write rows, one per input line."

    def handle(self, *args, **options):
        if os.environ.get("CYBERPORTAL_BENCH_INSTANCE") != "1":
            raise CommandError("bench_write only runs inside `manage.py bench`'s own database.")
        for line in sys.stdin:
            word = line.strip()
            if not word:
                continue
            _write(word)
            self.stdout.write("ok")
            self.stdout.flush()
