"""Time the comparison matrix and search pages as an anonymous visitor (median of several runs).

python manage.py benchmark_laws [--runs 5]
"""

import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cyberportal.laws.models import Law, Provision

PAGES = [
    ("matrix (Budapest, all articles)", "/en/laws/matrix/?instrument=cets-185"),
    ("matrix (substantive only)", "/en/laws/matrix/?instrument=cets-185&category=substantive"),
    ("search 'illegal access' (thesaurus)", "/en/search/?q=illegal+access"),
    ("search 'interceptación ilícita'", "/es/search/?q=interceptaci%C3%B3n+il%C3%ADcita"),
    ("search 'fraude' + state filter", "/es/search/?q=fraude&state=CO"),
    ("search 'dispositivo', page 3", "/pt/search/?q=dispositivo&page=3"),
]


class Command(BaseCommand):
    help = "Measure the matrix and search pages' latency on the current database."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=5)

    def handle(self, *args, **options):
        client = Client()
        self.stdout.write(
            f"{connection.vendor}: {Law.objects.count()} laws, {Provision.objects.count()} provisions"
        )
        for label, path in PAGES:
            client.get(path, HTTP_HOST="127.0.0.1")  # warm caches once
            timings = []
            for _ in range(options["runs"]):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get(path, HTTP_HOST="127.0.0.1")
                    timings.append((time.perf_counter() - started) * 1000)
            self.stdout.write(
                f"{label:40} {statistics.median(timings):8.0f} ms  {len(queries.captured_queries):3} queries  "
                f"HTTP {response.status_code}"
            )
