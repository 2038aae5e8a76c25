"""Test data for the laws app, built per test: a small Budapest Convention, laws, provisions, mappings."""

from __future__ import annotations

from django.utils import timezone

from cyberportal.laws.models import Law, Provision, ProvisionMapping
from cyberportal.laws.services import provision_concepts_refresh, thesaurus_load
from cyberportal.states.models import Article, Instrument

ARTICLES = [
    ("2", "Illegal access", "substantive"),
    ("3", "Illegal interception", "substantive"),
    ("4", "Data interference", "substantive"),
    ("5", "System interference", "substantive"),
    ("16", "Expedited preservation of stored computer data", "procedural"),
]
SMALL_THESAURUS = {
    "illegal-access": (["2"], {
        "en": ["illegal access", "unauthorized access"],
        "es": ["acceso ilícito", "acceso abusivo a un sistema informático"],
        "pt": ["acesso ilegal", "invasão de dispositivo informático"],
        "fr": ["accès illégal"],
    }),
    "illegal-interception": (["3"], {
        "en": ["illegal interception"],
        "es": ["interceptación ilícita", "interceptación de datos informáticos"],
        "pt": ["interceptação ilegal"],
        "fr": ["interception illégale"],
    }),
}  # fmt: skip


def make_budapest() -> Instrument:
    instrument, _ = Instrument.objects.get_or_create(
        slug="cets-185", defaults={"short_name": "Budapest Convention", "title": "Convention on Cybercrime"}
    )
    for order, (number, title, category) in enumerate(ARTICLES):
        Article.objects.get_or_create(
            instrument=instrument,
            number=number,
            defaults={"title": title, "category": category, "sort_order": order},
        )
    return instrument


def make_thesaurus() -> None:
    make_budapest()
    thesaurus_load(SMALL_THESAURUS)


def article(number: str) -> Article:
    return Article.objects.get(instrument__slug="cets-185", number=number)


def make_law(
    state, number: str, *, live: bool = True, visibility: str = "public", language: str = "es", **extra
) -> Law:
    law = Law(
        state=state,
        frbr_uri=f"/akn/{state.code.lower()}/act/2020/{number}",
        identifier=extra.pop("identifier", f"Ley {number}"),
        title=extra.pop("title", f"Ley de prueba {number}"),
        year=extra.pop("year", 2020),
        language=language,
        visibility=visibility,
        live=live,
        **extra,
    )
    law.save()
    return law


def make_provision(
    law: Law, number: str, text: str, *, heading: str = "", order: int = 0, **extra
) -> Provision:
    provision = Provision.objects.create(
        law=law, number=number, heading=heading, text=text, language=law.language, sort_order=order, **extra
    )
    provision_concepts_refresh(provisions=Provision.objects.filter(pk=provision.pk))
    return provision


def make_mapping(
    provision: Provision, number: str, extent: str = "full", reviewed: bool = True
) -> ProvisionMapping:
    return ProvisionMapping.objects.create(
        provision=provision,
        article=article(number),
        extent=extent,
        reviewed_at=timezone.now() if reviewed else None,
    )
