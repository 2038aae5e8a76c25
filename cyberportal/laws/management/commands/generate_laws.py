"""Generate a synthetic legislation corpus for benchmarking search and the comparison matrix.

    python manage.py generate_laws --states 35 --laws 40 --provisions 50 [--seed 1] [--delete]

Every generated law is published, labelled as an example and has a work URI under /akn/<cc>/act/synthetic/,
so `--delete` removes exactly what was generated. Rows are written in bulk (a benchmark corpus has no
editor to validate for) and then added to the search index in bulk.
"""

import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from modelsearch.backends import get_search_backend

from cyberportal.laws.models import Law, Provision, ProvisionMapping
from cyberportal.laws.thesaurus import CONCEPTS
from cyberportal.states.models import Article, State

LANGUAGE_OF = {"BR": "pt", "US": "en", "CA": "en", "JM": "en", "TT": "en", "BS": "en", "BB": "en", "GY": "en",
               "BZ": "en", "AG": "en", "DM": "en", "GD": "en", "KN": "en", "LC": "en", "VC": "en", "HT": "fr"}  # fmt: skip
FILLER = {
    "es": "El que, sin autorización y por cualquier medio, cometa la conducta descrita será sancionado con pena de prisión y multa",
    "pt": "Quem, sem autorização e por qualquer meio, praticar a conduta descrita será punido com pena de reclusão e multa",
    "en": "Any person who, without authority and by any means, commits the conduct described shall be liable to imprisonment and a fine",
    "fr": "Quiconque, sans autorisation et par quelque moyen que ce soit, commet le comportement décrit est puni d'emprisonnement et d'une amende",
}


class Command(BaseCommand):
    help = "Generate (or delete) a synthetic, published legislation corpus for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--states", type=int, default=35)
        parser.add_argument("--laws", type=int, default=40, help="laws per state")
        parser.add_argument("--provisions", type=int, default=50, help="provisions per law")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--delete", action="store_true", help="Remove the synthetic corpus and stop.")

    def handle(self, *args, **options):
        synthetic = Law.objects.filter(frbr_uri__contains="/act/synthetic/")
        if options["delete"]:
            count = synthetic.count()
            synthetic.delete()
            self.stdout.write(f"deleted {count} synthetic laws")
            return
        if synthetic.exists():
            raise CommandError("A synthetic corpus exists already; run with --delete first.")
        states = list(State.objects.order_by("code")[: options["states"]])
        articles = list(
            Article.objects.filter(
                instrument__slug="cets-185", number__in=[n for a, _l in CONCEPTS.values() for n in a]
            )
        )
        if not states or not articles:
            raise CommandError("Load the reference data first: python manage.py load_reference_data")
        rng = random.Random(options["seed"])
        started = time.perf_counter()
        with transaction.atomic():
            provisions = self._generate(states, articles, rng, options)
        generated = time.perf_counter() - started
        backend = get_search_backend()
        started = time.perf_counter()
        for chunk in range(0, len(provisions), 2000):
            backend.add_bulk(Provision, provisions[chunk : chunk + 2000])
        backend.add_bulk(Law, list(Law.objects.filter(frbr_uri__contains="/act/synthetic/")))
        indexed = time.perf_counter() - started
        self.stdout.write(
            f"generated {len(states) * options['laws']} laws and {len(provisions)} provisions in {generated:.1f}s; "
            f"indexed in {indexed:.1f}s"
        )

    def _generate(self, states, articles, rng, options):
        labels = {
            a.number: {
                lang: texts
                for slug, (numbers, by_lang) in CONCEPTS.items()
                if a.number in numbers
                for lang, texts in by_lang.items()
            }
            for a in articles
        }
        laws = []
        for state in states:
            language = LANGUAGE_OF.get(state.code, "es")
            for n in range(options["laws"]):
                year = rng.randint(1990, 2025)
                laws.append(
                    Law(
                        state=state,
                        frbr_uri=f"/akn/{state.code.lower()}/act/synthetic/{n + 1}",
                        identifier=f"Synthetic {state.code}-{n + 1}/{year}",
                        title=f"Synthetic law {n + 1} of {state.code} (benchmark)",
                        year=year,
                        language=language,
                        is_example=True,
                        live=True,
                        has_unpublished_changes=False,
                        first_published_at=timezone.now(),
                        last_published_at=timezone.now(),
                    )
                )
        Law.objects.bulk_create(laws, batch_size=1000)
        laws = list(Law.objects.filter(frbr_uri__contains="/act/synthetic/").select_related("state"))
        provisions, chosen = [], []
        for law in laws:
            for p in range(options["provisions"]):
                article = rng.choice(articles)
                texts = labels[article.number].get(law.language) or [article.title]
                provisions.append(
                    Provision(
                        law=law,
                        sort_order=p,
                        kind="article",
                        number=str(p + 1),
                        heading=rng.choice(texts).capitalize(),
                        text=f"{FILLER[law.language]} ({rng.choice(texts)}, {law.identifier}, {p + 1}).",
                        language=law.language,
                        is_example=True,
                    )
                )
                chosen.append(article)
        Provision.objects.bulk_create(provisions, batch_size=2000)
        saved = list(Provision.objects.filter(law__in=laws).order_by("law_id", "sort_order"))
        by_key = {(p.law_id, p.sort_order): p for p in saved}
        mappings = []
        for original, article in zip(provisions, chosen, strict=True):
            if rng.random() < 0.3:  # most synthetic provisions stay unmapped, as real ones do at first
                saved_provision = by_key[(original.law_id, original.sort_order)]
                mappings.append(
                    ProvisionMapping(
                        provision=saved_provision,
                        article=article,
                        extent=rng.choice(["full", "partial"]),
                        reviewed_at=timezone.now() if rng.random() < 0.8 else None,
                    )
                )
        ProvisionMapping.objects.bulk_create(mappings, batch_size=2000, ignore_conflicts=True)
        return saved
