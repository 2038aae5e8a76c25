"""Full-text search over provisions and laws with modelsearch, made cross-lingual by the thesaurus.

A query is searched as typed; when it names a concept of the thesaurus (in any of the four languages),
the concept's labels and synonyms in the other languages are searched too, and the provisions mapped to
the concept's framework articles are added. Every hit then goes through the same visibility filter as
the pages (`selectors.visible_provisions`), so search cannot show what a page would hide.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Case, Count, IntegerField, Value, When, Window
from django.utils.html import escape
from django.utils.safestring import mark_safe

from cyberportal.core.search import matching_pks

from . import selectors
from .importers.parsed import ParsedLaw
from .models import (
    Concept,
    ConceptLabel,
    Law,
    Provision,
    ProvisionConcept,
    ProvisionKind,
    ProvisionMapping,
)

SNIPPET_CHARS = 220
MIN_TERM = 4


def fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def _tokens(text: str) -> list[str]:
    return [t for t in re.findall(r"\w+", fold(text)) if len(t) >= MIN_TERM]


def concepts_for(query: str) -> list[Concept]:
    """Concepts one of whose labels the query contains, or which contain the whole query."""
    folded = " ".join(re.findall(r"\w+", fold(query)))
    if len(folded) < MIN_TERM:
        return []
    matched = set()
    for label in ConceptLabel.objects.only("concept_id", "text"):
        text = " ".join(re.findall(r"\w+", fold(label.text)))
        if re.search(rf"\b{re.escape(text)}\b", folded) or re.search(rf"\b{re.escape(folded)}", text):
            matched.add(label.concept_id)
    return list(Concept.objects.filter(pk__in=matched).prefetch_related("labels", "articles"))


def label_index(labels) -> list[tuple[int, str]]:
    """(concept pk, label lowered) from (concept pk, label text) pairs, for `concept_matches`."""
    return [(concept_id, text.lower()) for concept_id, text in labels if text.strip()]


def concept_matches(rows, labels: list[tuple[int, str]]):
    """(provision pk, concept pk) for each provision whose heading or text contains a label of the
    concept, whatever the case: the rule search applied by scanning every provision at query time
    (`heading ILIKE '%label%' OR text ILIKE ...`), now applied once when provisions are written.

    `rows` are (pk, heading, text) tuples; `labels` come from `label_index`. Plain values in, plain
    values out, so the data migration can use it with historical models."""
    for pk, heading, text in rows:
        # A label holds no line break, so none matches across the heading and the text.
        haystack = f"{heading}\n{text}".lower()
        found = set()
        for concept_id, label in labels:
            if concept_id not in found and label in haystack:
                found.add(concept_id)
                yield pk, concept_id


@dataclass
class SearchResults:
    query: str
    hits: Sequence  # Provision objects in rank order, loaded a page at a time
    laws: list  # Law objects whose title or identifier matched
    concepts: list
    terms: list[str] = field(default_factory=list)


def search_provisions(
    query: str, user, *, state=None, article=None, category: str = "", status: str = "", year=None
) -> SearchResults:
    """Provisions found by full text, by a concept they name (`ProvisionConcept`, computed when they
    were written) or by a mapping to a concept's framework article, in that order of rank, then by
    state and place in the law. One SQL query counts them and one reads a page of ids: nothing here
    grows with the number of provisions."""
    query = query.strip()[:200]
    concepts = concepts_for(query)
    terms = _tokens(query)
    for concept in concepts:
        for label in concept.labels.all():
            terms += _tokens(label.text)
    by_text = matching_pks(Provision.objects.all(), query)
    found, tiers = by_text, [When(pk__in=by_text, then=0)]
    if concepts:
        by_concept = ProvisionConcept.objects.filter(concept__in=[c.pk for c in concepts]).values_list(
            "provision_id"
        )
        # The mapping's own visibility; the provision's law is checked once, below, for every hit.
        by_mapping = (
            ProvisionMapping.objects.visible_to(user)
            .filter(article__in=[a.pk for c in concepts for a in c.articles.all()])
            .order_by()
            .values_list("provision_id")
        )
        if isinstance(by_text, list):  # ids from an external engine
            found = by_concept.union(by_mapping).union(
                Provision.objects.filter(pk__in=by_text).values_list("pk")
            )
        else:
            found = by_text.union(by_concept, by_mapping)
        tiers.append(When(pk__in=by_concept, then=1))
    # The candidates' ids first (index lookups), then only those provisions are read: no scan of them all.
    provisions = selectors.visible_provisions(user).filter(pk__in=found, valid_to__isnull=True)
    laws = selectors.visible_laws(user).filter(pk__in=matching_pks(Law.objects.all(), query))
    if state is not None:
        provisions, laws = provisions.filter(law__state=state), laws.filter(state=state)
    # Subqueries rather than joins: a join repeats a provision once per mapping and asks for DISTINCT.
    if article is not None:
        provisions = provisions.filter(
            pk__in=ProvisionMapping.objects.filter(article=article).values("provision")
        )
    if category:
        provisions = provisions.filter(
            pk__in=ProvisionMapping.objects.filter(article__category=category).values("provision")
        )
    if status:
        provisions, laws = provisions.filter(law__status=status), laws.filter(status=status)
    if year:
        provisions, laws = provisions.filter(law__year=year), laws.filter(year=year)
    ranked = provisions.annotate(tier=Case(*tiers, default=Value(2), output_field=IntegerField())).order_by(
        "tier", "law__state__code", "law_id", "sort_order", "pk"
    )
    hits = Hits(ranked, Provision.objects.select_related("law__state"))
    return SearchResults(query, hits, list(laws.select_related("state")[:10]), concepts, sorted(set(terms)))


class Hits(Sequence):
    """Provisions in rank order, counted and sliced in SQL: a page of 20 reads 20 ids, then those 20
    provisions, however many thousands match. `expect(start, stop)` says which slice a page will ask
    for, so that one query answers both the count and that slice's ids (the costly part of a search is
    finding and ordering the candidates, and the count needs the same work)."""

    def __init__(self, ranked, queryset):
        self._ranked = ranked  # provisions in rank order
        self._queryset = queryset  # how a page's provisions are loaded
        self._count: int | None = None
        self._expected: tuple[int, int] | None = None
        self._slices: dict[tuple[int, int], list[int]] = {}

    def expect(self, start: int, stop: int) -> None:
        self._expected = (max(0, start), max(0, stop))

    def _ids(self, start: int, stop: int) -> list[int]:
        for (first, last), ids in self._slices.items():
            # A slice read before covers this one (the last page asks for fewer than it was told).
            if first == start and (stop <= last or len(ids) < last - first):
                return ids[: stop - start]
        ids = list(self._ranked.values_list("pk", flat=True)[start:stop])
        self._slices[(start, stop)] = ids
        return ids

    def __len__(self) -> int:
        if self._count is None and self._expected is not None:
            start, stop = self._expected
            rows = list(
                self._ranked.annotate(total=Window(Count("pk"))).values_list("pk", "total")[start:stop]
            )
            if rows:
                self._count = rows[0][1]
                self._slices[(start, stop)] = [pk for pk, _total in rows]
        if self._count is None:
            self._count = self._ranked.count()
        return self._count

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop = index.start or 0, index.stop
            if index.step not in (None, 1) or start < 0 or (stop is not None and stop < 0):
                raise ValueError("Hits are read in forward slices only.")
            chosen = self._ids(start, len(self) if stop is None else stop)
            found = self._queryset.in_bulk(chosen)
            return [found[pk] for pk in chosen if pk in found]
        if index < 0:
            index += len(self)
        page = self[index : index + 1]
        if not page:
            raise IndexError(index)
        return page[0]

    def __iter__(self):
        return iter(self[: len(self)])


def _stem(term: str) -> str:
    return term[: max(MIN_TERM, min(len(term) - 2, 7))]


def highlight(provisions, terms: list[str]) -> None:
    """Give each provision a `snippet`: the passage around the first matching word, words marked."""
    stems = tuple(sorted({_stem(t) for t in terms}, key=len, reverse=True))
    pattern = re.compile(r"\w+")
    for p in provisions:
        text = f"{p.heading}. {p.text}" if p.heading else p.text
        words = [(m.start(), m.end()) for m in pattern.finditer(text)]
        marked = [(s, e) for s, e in words if fold(text[s:e]).startswith(stems)]
        start = max(0, marked[0][0] - SNIPPET_CHARS // 3) if marked else 0
        end = min(len(text), start + SNIPPET_CHARS)
        pieces, cursor = [], start
        for s, e in marked:
            if s < start or e > end:
                continue
            pieces += [escape(text[cursor:s]), f"<mark>{escape(text[s:e])}</mark>"]
            cursor = e
        pieces.append(escape(text[cursor:end]))
        prefix = "… " if start > 0 else ""
        suffix = " …" if end < len(text) else ""
        p.snippet = mark_safe(prefix + "".join(pieces) + suffix)  # noqa: S308 - every piece is escaped


@dataclass
class Suggestion:
    index: int  # the provision's index in ParsedLaw.provisions (or in its amendment's provisions)
    article: object
    concept: str
    label: str
    number: str = ""
    amendment: int | None = None  # index in ParsedLaw.amendments when the provision is a code's wording


# Words that put a provision in the digital world. A label that names a general offence ("fraud",
# "forgery", "sabotaje") suggests a mapping only next to one of them: an arms law's fraud is not
# computer-related fraud.
DIGITAL_STEMS = (
    "comput", "informat", "ordinat", "cyber", "ciber", "electron", "eletron", "digital", "telemat",
    "internet", "software", "malware", "hacking", "programme", "program", "data", "dados", "donnees", "datos", "online",
    "en linea", "en ligne", "red de telecomunicac", "tecnologias de la informacion", "alta tecnologia",
)  # fmt: skip


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", fold(text)))


def _label_pattern(label: str) -> re.Pattern | None:
    """Each word of the label starts a word of the text, in order: "interception" finds "intercepts",
    "acceso ilícito" finds "acceso ilícito", whatever the accents and case."""
    words = _words(label).split()
    if not words:
        return None
    return re.compile(r"\b" + r"\w*\s+".join(re.escape(w) for w in words))


def _digital(text: str) -> bool:
    return any(re.search(rf"\b{re.escape(stem)}", text) for stem in DIGITAL_STEMS)


def match_items(items, labels) -> list[tuple[int, str, str]]:
    """(position, concept, label) for each concept an item names.

    `items` are (number, heading, text, language) tuples: a law's provisions or the wordings it inserts
    into a code alike. `labels` are (concept, label text) pairs in any language. A heading that names a
    concept decides alone (the marginal note or heading names the offence; the body's cross-references
    would add noise); without one, the text is read.
    """
    compiled = [(concept, text, _label_pattern(text)) for concept, text in labels]
    # A one-word label ("fraud", "sabotaje", "competencia") names a general notion: it needs the digital
    # world next to it. A phrase ("acceso indebido", "search and seizure") is the statutes' own term.
    compiled = [
        (c, t, p, len(_words(t).split()) > 1 or _digital(_words(t))) for c, t, p in compiled if p is not None
    ]
    found = []
    for position, (_number, heading, text, _language) in enumerate(items):
        heading_words, text_words = _words(heading), _words(text)
        digital = _digital(f"{heading_words} {text_words}")
        for part in (heading_words, text_words):
            hits = {}
            for concept, label, pattern, label_digital in compiled:
                if concept not in hits and (label_digital or digital) and pattern.search(part):
                    hits[concept] = label
            if hits:
                found += [(position, concept, label) for concept, label in hits.items()]
                break
    return found


def _thesaurus():
    """(concept, label) pairs and each concept's framework articles, from the database."""
    labels, articles = [], {}
    for label in ConceptLabel.objects.select_related("concept").prefetch_related(
        "concept__articles__instrument"
    ):
        labels.append((label.concept.slug, label.text))
        articles[label.concept.slug] = list(label.concept.articles.all())
    return labels, articles


def suggest_for_items(items, *, amendment: int | None = None, thesaurus=None) -> list[Suggestion]:
    """Suggestions for (number, heading, text, language) items; `index` is the item's position."""
    labels, articles = thesaurus or _thesaurus()
    suggestions, seen = [], set()
    for position, concept, label in match_items(items, labels):
        for article in articles.get(concept, []):
            if (position, article.pk) not in seen:
                seen.add((position, article.pk))
                number = items[position][0]
                suggestions.append(Suggestion(position, article, concept, label, number, amendment))
    return suggestions


def suggest_mappings(parsed: ParsedLaw, *, amendments: bool = False) -> list[Suggestion]:
    """Framework articles the law's articles probably implement, from the thesaurus labels they use;
    with `amendments`, also those of the wordings the law inserts into codes."""
    thesaurus = _thesaurus()

    def items(provisions):
        return [(p.number, p.heading, p.text, p.language or parsed.language) for p in provisions]

    def articles_only(suggestions, provisions):
        return [s for s in suggestions if provisions[s.index].kind == ProvisionKind.ARTICLE]

    found = articles_only(suggest_for_items(items(parsed.provisions), thesaurus=thesaurus), parsed.provisions)
    if amendments:
        for number, amendment in enumerate(parsed.amendments):
            found += articles_only(
                suggest_for_items(items(amendment.provisions), amendment=number, thesaurus=thesaurus),
                amendment.provisions,
            )
    return found
