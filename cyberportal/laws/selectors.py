"""Reads for the legislation pages: laws a user may see, a law as in force on a date, the comparison
matrix, gap reports, side-by-side comparison. Every list starts from `Law.objects.visible_to(user)`.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.urls import reverse

from cyberportal.core.collation import collation_key, sorted_by_name
from cyberportal.states.models import Article, ArticleCategory, Instrument, State

from .models import Law, MappingExtent, Provision, ProvisionMapping


def visible_laws(user):
    return Law.objects.visible_to(user)


def visible_provisions(user):
    """Provisions of the laws `user` may see (the current wording unless a date is applied later)."""
    return Provision.objects.filter(law__in=visible_laws(user))


def visible_mappings(user):
    return ProvisionMapping.objects.visible_to(user).filter(provision__law__in=visible_laws(user))


def laws_for_state(state: State, user):
    return (
        visible_laws(user)
        .filter(state=state)
        .annotate(provision_count=Count("provisions", filter=Q(provisions__valid_to__isnull=True)))
        .order_by("-year", "identifier")
    )


def laws_index(user):
    """States with the number of laws the user may see, for the legislation home page."""
    counts = dict(
        visible_laws(user).values_list("state_id").annotate(n=Count("pk")).values_list("state_id", "n")
    )
    states = [s for s in State.objects.all() if counts.get(s.pk)]
    states = sorted_by_name(states)
    return [(s, counts[s.pk]) for s in states]


@dataclass
class ProvisionRow:
    provision: Provision
    depth: int
    mappings: list = field(default_factory=list)


def law_provisions(law: Law, user, on: datetime.date | None = None) -> list[ProvisionRow]:
    """The law's provisions in document order with their depth, as in force on `on` (today's text if None)."""
    provisions = Provision.objects.filter(law=law)
    provisions = provisions.in_force_on(on) if on else provisions.current()
    provisions = provisions.select_related("source_law").prefetch_related(
        Prefetch(
            "mappings",
            queryset=ProvisionMapping.objects.visible_to(user).select_related("article__instrument"),
        )
    )
    items = list(provisions.order_by("sort_order", "pk"))
    by_pk = {p.pk: p for p in items}
    depth: dict[int, int] = {}
    rows = []
    for p in items:
        d = depth.get(p.parent_id, -1) + 1 if p.parent_id in by_pk else 0
        depth[p.pk] = d
        rows.append(ProvisionRow(p, d, list(p.mappings.all())))
    return rows


def inserted_provisions(law: Law, user):
    """Provisions this amending law inserted into codes, with the code they belong to."""
    return visible_provisions(user).filter(source_law=law).select_related("law").order_by("law", "sort_order")


def article_implementations(article: Article, user):
    """Every state's current provisions that implement `article`, by state."""
    mappings = (
        visible_mappings(user)
        .filter(article=article, provision__valid_to__isnull=True)
        .select_related("provision__law__state")
        .order_by("provision__law__state__code", "provision__sort_order")
    )
    grouped: dict[State, list] = defaultdict(list)
    for m in mappings:
        grouped[m.provision.law.state].append(m)
    return sorted(grouped.items(), key=lambda item: collation_key(item[0].name))


# Cell values of the comparison matrix. NO_LAW: the portal holds no law of the state (nothing to
# compare yet); NOT_REVIEWED: laws are in, but nobody has reviewed them against this article (at most
# unreviewed suggestions); NONE: the state's laws were reviewed and no provision implements the article.
FULL, PARTIAL, NONE, NOT_REVIEWED, NO_LAW = "full", "partial", "none", "not_reviewed", "no_law"
STATUSES = (FULL, PARTIAL, NOT_REVIEWED, NONE, NO_LAW)  # the legend's order


CELL_ENTRIES_SHOWN = 2  # a cell names its first provisions; with hundreds of laws a state maps dozens


@dataclass
class Cell:
    status: str
    mappings: list = field(default_factory=list)

    @property
    def shown(self) -> list:
        return self.mappings[:CELL_ENTRIES_SHOWN]

    @property
    def more(self) -> int:
        return max(0, len(self.mappings) - CELL_ENTRIES_SHOWN)


@dataclass
class Matrix:
    instrument: Instrument
    articles: list
    rows: list  # (state, [Cell per article])
    category: str = ""
    apart: list = field(default_factory=list)  # articles about the treaty itself, not compared
    states_total: int = 0  # before the state search and the "show" filter

    @property
    def groups(self) -> list[tuple[str, int]]:
        """Consecutive articles of one category, as (its name, how many): the columns' group headings."""
        groups: list[list] = []
        for article in self.articles:
            if groups and groups[-1][0] == article.category:
                groups[-1][1] += 1
            else:
                groups.append([article.category, 1])
        return [(ArticleCategory(category).label, n) for category, n in groups]


def row_summary(cells: list[Cell]) -> dict[str, int]:
    """How many of a row's articles are in each status, and how many articles there are."""
    counts = dict.fromkeys(STATUSES, 0)
    for cell in cells:
        counts[cell.status] += 1
    counts["total"] = len(cells)
    return counts


@dataclass(frozen=True)
class CellEntry:
    """What a matrix cell shows of one mapping: plain values, not model instances (there are thousands)."""

    provision_id: int
    law_id: int
    identifier: str
    kind: str
    number: str
    extent: str
    reviewed: bool

    @property
    def label(self) -> str:
        return f"Art. {self.number}" if self.kind == "article" else f"{self.kind} {self.number}".strip()

    @property
    def url(self) -> str:
        return reverse("laws:law", args=[self.law_id]) + f"#p{self.provision_id}"


def _cell(entries: list[CellEntry], state_reviewed: bool, state_has_law: bool = True) -> Cell:
    reviewed = [e for e in entries if e.reviewed]
    if any(e.extent == MappingExtent.FULL for e in reviewed):
        return Cell(FULL, entries)
    if reviewed:
        return Cell(PARTIAL, entries)
    if not entries and not state_has_law:
        return Cell(NO_LAW, [])
    if entries or not state_reviewed:
        return Cell(NOT_REVIEWED, entries)
    return Cell(NONE, [])


# The "show" filter of the matrix: which states' rows.
SHOW_ALL, SHOW_WITH_LAWS, SHOW_WITHOUT_LAWS = "", "with_laws", "without_laws"
SHOW_VALUES = (SHOW_ALL, SHOW_WITH_LAWS, SHOW_WITHOUT_LAWS)


def _words(text: str) -> list[str]:
    """Words without accents or case: "República Dominicana" → ["republica", "dominicana"]."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    return re.findall(r"\w+", folded)


def _matches(state: State, words: list[str]) -> bool:
    """Whether every searched word begins a word of the state's name in the reader's language (accents
    and case ignored) or is its ISO code: "rep dom", "mexico", "mx"."""
    name_words = _words(state.name)
    code = state.code.casefold()
    return all(w == code or any(n.startswith(w) for n in name_words) for w in words)


def matrix(
    instrument: Instrument, user, category: str = "", states=None, *, search: str = "", show: str = ""
) -> Matrix:
    """States × articles of `instrument` in a fixed number of queries, whatever the number of rows.

    A cell is *full* or *partial* from reviewed mappings; *not reviewed* when the only mappings are
    unreviewed suggestions or no law of the state has been reviewed against the instrument; *none* when
    the state's laws have been reviewed and no provision implements the article; *no law* when the
    portal holds no law of the state that `user` may see. Articles about the treaty itself (final
    clauses) are not compared: they are listed in `apart`.
    """
    all_articles = list(instrument.articles.all())
    articles = [a for a in all_articles if a.applies_to_domestic_law]
    apart = [a for a in all_articles if not a.applies_to_domestic_law]
    if category:
        articles = [a for a in articles if a.category == category]
    states = list(states if states is not None else State.objects.all())
    rows = (
        visible_mappings(user)
        .filter(article__instrument=instrument, provision__valid_to__isnull=True)
        .order_by("provision__sort_order")
        .values_list(
            "article_id", "extent", "reviewed_at", "provision_id", "provision__law_id",
            "provision__law__state_id", "provision__law__identifier", "provision__kind", "provision__number",
        )
    )  # fmt: skip
    by_cell: dict[tuple[int, int], list] = defaultdict(list)
    reviewed_states: set[int] = set()
    for article_id, extent, reviewed_at, pk, law_id, state_id, identifier, kind, number in rows:
        entry = CellEntry(pk, law_id, identifier, kind, number, extent, reviewed_at is not None)
        by_cell[(state_id, article_id)].append(entry)
        if entry.reviewed:
            reviewed_states.add(state_id)
    with_laws = set(visible_laws(user).order_by().values_list("state_id", flat=True).distinct())
    total = len(states)
    words = _words(search[:100])[:10]
    if words:
        states = [s for s in states if _matches(s, words)]
    if show == SHOW_WITH_LAWS:
        states = [s for s in states if s.pk in with_laws]
    elif show == SHOW_WITHOUT_LAWS:
        states = [s for s in states if s.pk not in with_laws]
    result = []
    for state in sorted_by_name(states):
        reviewed, has_law = state.pk in reviewed_states, state.pk in with_laws
        cells = [_cell(by_cell.get((state.pk, a.pk), []), reviewed, has_law) for a in articles]
        result.append((state, cells))
    return Matrix(instrument, articles, result, category, apart, total)


@dataclass
class Gap:
    article: Article
    status: str
    examples: list  # mappings of peer states, two or three


def gap_report(state: State, instrument: Instrument, user, peers_per_article: int = 3) -> list[Gap]:
    """The articles `state` does not (fully) implement, each with peer states' provisions as examples."""
    result = matrix(instrument, user, states=[state])
    _state, cells = result.rows[0]
    missing = [(a, c) for a, c in zip(result.articles, cells, strict=True) if c.status != FULL]
    examples = (
        visible_mappings(user)
        .filter(
            article__in=[a for a, _c in missing],
            extent=MappingExtent.FULL,
            reviewed_at__isnull=False,
            provision__valid_to__isnull=True,
        )
        .exclude(provision__law__state=state)
        .select_related("provision__law__state")
        .order_by("article_id", "provision__law__state__code", "provision__sort_order")
    )
    chosen: dict[int, list] = defaultdict(list)
    seen: dict[int, set] = defaultdict(set)
    for m in examples:
        peer = m.provision.law.state_id
        if peer in seen[m.article_id] or len(chosen[m.article_id]) >= peers_per_article:
            continue
        seen[m.article_id].add(peer)
        chosen[m.article_id].append(m)
    return [Gap(a, c.status, chosen.get(a.pk, [])) for a, c in missing]


def provisions_for_comparison(ids: list[int], user) -> list[Provision]:
    found = {
        p.pk: p
        for p in visible_provisions(user)
        .filter(pk__in=ids)
        .select_related("law__state")
        .prefetch_related(
            Prefetch("mappings", queryset=ProvisionMapping.objects.visible_to(user).select_related("article"))
        )
    }
    return [found[i] for i in ids if i in found]


def profile_section_context(state: State, user) -> dict | None:
    laws = list(laws_for_state(state, user))
    return {"laws": laws, "state": state}
