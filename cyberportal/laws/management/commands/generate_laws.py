"""Generate a synthetic legislation corpus for benchmarking search and the comparison matrix.

    python manage.py generate_laws --states 35 --laws 40 --provisions 50 [--seed 1] [--delete]

The corpus is written by `cyberportal.laws.synthetic.corpus_create` (the benchmark's large scale uses
the same function): published laws labelled as examples, with work URIs under /akn/<cc>/act/synthetic/
so that `--delete` removes exactly what was generated, then added to the search index in bulk.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from cyberportal.core.synthetic import planner_statistics_refresh
from cyberportal.laws import synthetic
from cyberportal.states.models import State


class Command(BaseCommand):
    help = "Generate (or delete) a synthetic, published legislation corpus for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--states", type=int, default=35)
        parser.add_argument("--laws", type=int, default=40, help="laws per state")
        parser.add_argument("--provisions", type=int, default=50, help="provisions per law")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--delete", action="store_true", help="Remove the synthetic corpus and stop.")

    def handle(self, *args, **options):
        if options["delete"]:
            self.stdout.write(f"deleted {synthetic.corpus_delete()} synthetic laws")
            return
        states = list(State.objects.order_by("code")[: options["states"]])
        started = time.perf_counter()
        try:
            corpus = synthetic.corpus_create(
                states=states,
                laws_per_state=options["laws"],
                provisions=len(states) * options["laws"] * options["provisions"],
                seed=options["seed"],
            )
        except synthetic.CorpusError as error:
            raise CommandError(str(error)) from error
        planner_statistics_refresh()
        self.stdout.write(
            f"generated {corpus.laws} laws, {corpus.provisions} provisions and {corpus.mappings} mappings "
            f"(indexed) in {time.perf_counter() - started:.1f}s"
        )
