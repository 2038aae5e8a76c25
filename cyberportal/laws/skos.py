"""The concept thesaurus as SKOS: Turtle and JSON-LD, written by hand (no RDF library is locked).

Each concept is a `skos:Concept` of one `skos:ConceptScheme`: its preferred label in each language that
has one (`skos:prefLabel`), its synonyms (`skos:altLabel`), `skos:broader` / `skos:narrower`, its slug
as `skos:notation`, and the framework articles it maps to as `rdfs:seeAlso` links to their pages (an
article is a provision of a treaty, not a SKOS concept: `skos:closeMatch` would make it one). Concepts
without a broader one are the scheme's top concepts.

The serialisers take the addresses from the caller (`scheme_uri`, `article_url`): URIs depend on the
instance's host, which only the request (or the dump's base URL) knows.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .models import Concept

SKOS = "http://www.w3.org/2004/02/skos/core#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
DCTERMS = "http://purl.org/dc/terms/"


@dataclass
class SkosConcept:
    uri: str
    notation: str
    pref: dict[str, str] = field(default_factory=dict)
    alt: list[tuple[str, str]] = field(default_factory=list)  # (language, text)
    broader: str | None = None
    narrower: list[str] = field(default_factory=list)
    see_also: list[str] = field(default_factory=list)


def thesaurus_concepts(scheme_uri: str, article_url: Callable[[str, str], str]) -> list[SkosConcept]:
    """The thesaurus read once (four queries), as SKOS concepts in slug order."""
    concepts = list(
        Concept.objects.select_related("broader").prefetch_related(
            "labels", "articles__instrument", "narrower"
        )
    )

    def uri(concept) -> str:
        return f"{scheme_uri}#{concept.slug}"

    result = []
    for concept in concepts:
        item = SkosConcept(uri=uri(concept), notation=concept.slug)
        for label in sorted(concept.labels.all(), key=lambda label: (label.language, label.sort_order or 0)):
            if label.preferred and label.language not in item.pref:
                item.pref[label.language] = label.text
            else:
                item.alt.append((label.language, label.text))
        item.broader = uri(concept.broader) if concept.broader_id else None
        item.narrower = sorted(uri(n) for n in concept.narrower.all())
        item.see_also = [
            article_url(a.instrument.slug, a.number)
            for a in sorted(concept.articles.all(), key=lambda a: (a.instrument.slug, a.number.zfill(5)))
        ]
        result.append(item)
    return result


# --- Turtle (RDF 1.1 Turtle, https://www.w3.org/TR/turtle/) ----------------------------------------------

_STRING_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_LANGUAGE = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")


def turtle_string(text: str) -> str:
    escaped = "".join(_STRING_ESCAPES.get(ch, ch if ord(ch) >= 0x20 else f"\\u{ord(ch):04X}") for ch in text)
    return f'"{escaped}"'


def turtle_literal(text: str, language: str) -> str:
    return turtle_string(text) + (f"@{language}" if _LANGUAGE.match(language or "") else "")


def turtle_iri(iri: str) -> str:
    """An IRIREF; characters Turtle forbids inside <> are percent-encoded (UTF-8)."""
    return "<" + _IRI_FORBIDDEN.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), iri) + ">"


def to_turtle(concepts: list[SkosConcept], *, scheme_uri: str, title: str) -> str:
    lines = [
        f"@prefix skos: <{SKOS}> .",
        f"@prefix rdfs: <{RDFS}> .",
        f"@prefix dcterms: <{DCTERMS}> .",
        "",
        f"{turtle_iri(scheme_uri)} a skos:ConceptScheme ;",
        f"    dcterms:title {turtle_literal(title, 'en')}",
    ]
    tops = [c.uri for c in concepts if c.broader is None]
    if tops:
        lines[-1] += " ;"
        lines.append("    skos:hasTopConcept " + ", ".join(turtle_iri(t) for t in tops))
    lines[-1] += " ."
    for concept in concepts:
        statements = [
            "a skos:Concept",
            f"skos:inScheme {turtle_iri(scheme_uri)}",
            f"skos:notation {turtle_string(concept.notation)}",
        ]
        statements += [
            f"skos:prefLabel {turtle_literal(t, lang)}" for lang, t in sorted(concept.pref.items())
        ]
        statements += [f"skos:altLabel {turtle_literal(t, lang)}" for lang, t in concept.alt]
        if concept.broader:
            statements.append(f"skos:broader {turtle_iri(concept.broader)}")
        else:
            statements.append(f"skos:topConceptOf {turtle_iri(scheme_uri)}")
        statements += [f"skos:narrower {turtle_iri(n)}" for n in concept.narrower]
        statements += [f"rdfs:seeAlso {turtle_iri(a)}" for a in concept.see_also]
        lines += ["", turtle_iri(concept.uri) + " " + " ;\n    ".join(statements) + " ."]
    return "\n".join(lines) + "\n"


# --- JSON-LD (https://www.w3.org/TR/json-ld11/) ----------------------------------------------------------

CONTEXT = {
    "skos": SKOS,
    "rdfs": RDFS,
    "dcterms": DCTERMS,
    "prefLabel": {"@id": "skos:prefLabel", "@container": "@language"},
    "altLabel": {"@id": "skos:altLabel", "@container": "@language"},
    "notation": "skos:notation",
    "broader": {"@id": "skos:broader", "@type": "@id"},
    "narrower": {"@id": "skos:narrower", "@type": "@id"},
    "inScheme": {"@id": "skos:inScheme", "@type": "@id"},
    "topConceptOf": {"@id": "skos:topConceptOf", "@type": "@id"},
    "hasTopConcept": {"@id": "skos:hasTopConcept", "@type": "@id"},
    "seeAlso": {"@id": "rdfs:seeAlso", "@type": "@id"},
    "title": {"@id": "dcterms:title", "@container": "@language"},
}


def to_jsonld(concepts: list[SkosConcept], *, scheme_uri: str, title: str) -> str:
    graph: list[dict] = [
        {
            "@id": scheme_uri,
            "@type": "skos:ConceptScheme",
            "title": {"en": title},
            "hasTopConcept": [c.uri for c in concepts if c.broader is None],
        }
    ]
    for concept in concepts:
        alt: dict[str, list[str]] = {}
        for language, text in concept.alt:
            alt.setdefault(language, []).append(text)
        node = {
            "@id": concept.uri,
            "@type": "skos:Concept",
            "inScheme": scheme_uri,
            "notation": concept.notation,
            "prefLabel": dict(sorted(concept.pref.items())),
            "altLabel": alt,
            "narrower": concept.narrower,
            "seeAlso": concept.see_also,
        }
        if concept.broader:
            node["broader"] = concept.broader
        else:
            node["topConceptOf"] = scheme_uri
        graph.append(node)
    return json.dumps({"@context": CONTEXT, "@graph": graph}, ensure_ascii=False, indent=1)
