"""Internal step of `manage.py soak`: write to the soak instance for a bounded time, then check the data.

Refuses to run outside the soak's own database (CYBERPORTAL_BENCH_INSTANCE), because it edits states.
"""

import json
import os
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cyberportal.states.models import State, TreatyStatus


@transaction.atomic
def _write(state: State, text: str) -> None:
    state.notes = text
    state.full_clean()
    state.save(update_fields=["notes"])


class Command(BaseCommand):
    help = "Internal: the soak's writer. Used by `manage.py soak`."

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=float, required=True)
        parser.add_argument("--max-writes", type=int, default=100_000)

    def handle(self, *args, seconds, max_writes, **options):
        if os.environ.get("CYBERPORTAL_BENCH_INSTANCE") != "1":
            raise CommandError("soak_writer only runs inside `manage.py soak`'s own database.")
        states = list(State.objects.order_by("code"))
        before = {"states": len(states), "statuses": TreatyStatus.objects.count()}
        last: dict[str, str] = {}
        writes = errors = 0
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and writes < max_writes:
            state = states[writes % len(states)]
            text = f"soak write {writes}"
            try:
                _write(state, text)
                last[state.code] = text
            except Exception as error:  # counted and reported: the soak fails on any error
                errors += 1
                self.stderr.write(f"write {writes} failed: {error}")
            writes += 1
            time.sleep(0.02)
        stored = dict(State.objects.filter(code__in=last).values_list("code", "notes"))
        lost = sorted(code for code, text in last.items() if stored.get(code) != text)
        after = {"states": State.objects.count(), "statuses": TreatyStatus.objects.count()}
        self.stdout.write(
            json.dumps({"writes": writes, "errors": errors, "lost": lost, "before": before, "after": after})
        )
