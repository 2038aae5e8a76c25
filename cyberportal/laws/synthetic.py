"""A synthetic, published legislation corpus for benchmarks: laws, provisions, mappings, search index.

One function writes it, used by `manage.py generate_laws` and by the benchmark's large scale. Every
law is labelled as an example and has a work URI under /akn/<cc>/act/synthetic/, so the corpus can be
told apart from (and deleted without touching) real or demo laws. Rows are written in bulk: a benchmark
corpus has no editor to validate for. Deterministic: the same seed and sizes give the same corpus.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from modelsearch.backends import get_search_backend

from cyberportal.states.models import Article, State

from .models import Law, Provision, ProvisionMapping
from .services import provision_concepts_refresh
from .thesaurus import CONCEPTS

SYNTHETIC_URI = "/act/synthetic/"
LARGE_PROVISIONS = 100_000  # the large benchmark scale: 100,000 provisions across 194 states' laws
LARGE_LAWS_PER_STATE = 10
MAPPED_SHARE = 0.3  # most provisions stay unmapped, as real ones do at first
REVIEWED_SHARE = 0.8
INDEX_CHUNK = 2000

FILLER = {
    "es": "El que, sin autorización y por cualquier medio, cometa la conducta descrita será sancionado con pena de prisión y multa",
    "pt": "Quem, sem autorização e por qualquer meio, praticar a conduta descrita será punido com pena de reclusão e multa",
    "en": "Any person who, without authority and by any means, commits the conduct described shall be liable to imprisonment and a fine",
    "fr": "Quiconque, sans autorisation et par quelque moyen que ce soit, commet le comportement décrit est puni d'emprisonnement et d'une amende",
}  # fmt: skip


class CorpusError(Exception):
    """The corpus cannot be generated (no reference data, or one exists already)."""


@dataclass
class Corpus:
    laws: int
    provisions: int
    mappings: int


def synthetic_laws():
    return Law.objects.filter(frbr_uri__contains=SYNTHETIC_URI)


def corpus_delete() -> int:
    laws = synthetic_laws()
    count = laws.count()
    laws.delete()
    return count


def _language(state: State) -> str:
    """The first of the state's official languages the portal writes laws in; English otherwise."""
    for code in state.official_languages or []:
        if code in FILLER:
            return code
    return "en"


def _labels(articles: list[Article]) -> dict[str, dict[str, list[str]]]:
    """Article number -> language -> the thesaurus's labels for it, so headings read like real ones."""
    return {
        a.number: {
            lang: texts
            for numbers, by_lang in CONCEPTS.values()
            if a.number in numbers
            for lang, texts in by_lang.items()
        }
        for a in articles
    }


def corpus_create(
    *, states: list[State], laws_per_state: int, provisions: int, seed: int = 1, index: bool = True
) -> Corpus:
    """Write `laws_per_state` laws for each state holding `provisions` provisions in all (spread evenly),
    about a third mapped to the Budapest Convention articles of the thesaurus; then index them."""
    if synthetic_laws().exists():
        raise CorpusError("A synthetic corpus exists already; delete it first.")
    numbers = sorted({n for numbers, _labels in CONCEPTS.values() for n in numbers})
    articles = list(
        Article.objects.filter(instrument__slug="cets-185", number__in=numbers).order_by("sort_order")
    )
    if not states or not articles:
        raise CorpusError("Load the reference data first: python manage.py load_reference_data")
    rng = random.Random(seed)
    with transaction.atomic():
        laws = _laws(states, laws_per_state, rng)
        saved, mappings = _provisions(laws, articles, provisions, rng)
        provision_concepts_refresh(provisions=Provision.objects.filter(law__in=laws))
    if index:
        backend = get_search_backend()
        for start in range(0, len(saved), INDEX_CHUNK):
            backend.add_bulk(Provision, saved[start : start + INDEX_CHUNK])
        backend.add_bulk(Law, laws)
    return Corpus(laws=len(laws), provisions=len(saved), mappings=mappings)


def _laws(states: list[State], per_state: int, rng: random.Random) -> list[Law]:
    now = timezone.now()
    laws = []
    for state in sorted(states, key=lambda s: s.code):
        language = _language(state)
        for n in range(per_state):
            year = rng.randint(1990, 2025)
            laws.append(
                Law(
                    state=state,
                    frbr_uri=f"/akn/{state.code.lower()}{SYNTHETIC_URI}{n + 1}",
                    identifier=f"Synthetic {state.code}-{n + 1}/{year}",
                    title=f"Synthetic law {n + 1} of {state.code} (benchmark)",
                    year=year,
                    language=language,
                    is_example=True,
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=now,
                    last_published_at=now,
                )
            )
    Law.objects.bulk_create(laws, batch_size=1000)
    return list(synthetic_laws().select_related("state").order_by("pk"))


def _provisions(
    laws: list[Law], articles: list[Article], total: int, rng: random.Random
) -> tuple[list[Provision], int]:
    labels = _labels(articles)
    base, extra = divmod(total, len(laws)) if laws else (0, 0)
    provisions, chosen = [], []
    for position, law in enumerate(laws):
        for p in range(base + (1 if position < extra else 0)):
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
    now = timezone.now()
    mappings = [
        ProvisionMapping(
            provision=by_key[(original.law_id, original.sort_order)],
            article=article,
            extent=rng.choice(["full", "partial"]),
            reviewed_at=now if rng.random() < REVIEWED_SHARE else None,
        )
        for original, article in zip(provisions, chosen, strict=True)
        if rng.random() < MAPPED_SHARE
    ]
    ProvisionMapping.objects.bulk_create(mappings, batch_size=2000, ignore_conflicts=True)
    return saved, len(mappings)


def laws_generate(scale: str, *, provisions: int = LARGE_PROVISIONS, seed: int = 7) -> dict[str, int]:
    """The benchmark's large scale: 100,000 provisions across every state's laws; demo laws untouched."""
    if scale != "large":
        return {}
    corpus = corpus_create(
        states=list(State.objects.order_by("code")),
        laws_per_state=LARGE_LAWS_PER_STATE,
        provisions=provisions,
        seed=seed,
    )
    return {"laws": corpus.laws, "provisions": corpus.provisions, "provision mappings": corpus.mappings}
