"""Reads for the legislation pages: laws a user may see, a law as in force on a date, the comparison
matrix, gap reports, side-by-side comparison. Every list starts from `Law.objects.visible_to(user)`.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import BooleanField, Count, ExpressionWrapper, F, Prefetch, Q, Window
from django.db.models.functions import RowNumber
from django.urls import reverse

from cyberportal.core import policy
from cyberportal.core.collation import collation_key, sorted_by_name
from cyberportal.states.models import Article, ArticleCategory, Instrument, State

from .models import Law, MappingExtent, Provision, ProvisionMapping, SavedSearch


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
    mappings: list = field(default_factory=list)  # the first CELL_ENTRIES_SHOWN, or all for exports
    total: int | None = None  # how many mappings the cell has, when `mappings` holds only the first

    @property
    def shown(self) -> list:
        return self.mappings[:CELL_ENTRIES_SHOWN]

    @property
    def more(self) -> int:
        total = len(self.mappings) if self.total is None else self.total
        return max(0, total - CELL_ENTRIES_SHOWN)


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


def _status(total: int, full: int, reviewed: int, state_reviewed: bool, state_has_law: bool) -> str:
    if full:
        return FULL
    if reviewed:
        return PARTIAL
    if not total and not state_has_law:
        return NO_LAW
    if total or not state_reviewed:
        return NOT_REVIEWED
    return NONE


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


@dataclass
class MatrixStates:
    states: list  # by name in the reader's language, after the search and the "show" filter
    total: int  # every state, before them
    with_laws: set  # pks of the states with a law `user` may see


def matrix_states(user, *, search: str = "", show: str = "") -> MatrixStates:
    """The matrix's rows: every state, or those whose name or code matches `search` and, by `show`,
    those with or without a law in the portal. Two queries, whatever the number of states."""
    states = sorted_by_name(State.objects.all())
    with_laws = set(visible_laws(user).order_by().values_list("state_id", flat=True).distinct())
    total = len(states)
    words = _words(search[:100])[:10]
    if words:
        states = [s for s in states if _matches(s, words)]
    if show == SHOW_WITH_LAWS:
        states = [s for s in states if s.pk in with_laws]
    elif show == SHOW_WITHOUT_LAWS:
        states = [s for s in states if s.pk not in with_laws]
    return MatrixStates(states, total, with_laws)


def matrix(
    instrument: Instrument,
    user,
    category: str = "",
    rows: MatrixStates | None = None,
    *,
    states=None,
    entries: int | None = None,
) -> Matrix:
    """States × articles of `instrument` in a fixed number of queries, whatever the number of rows.

    A cell is *full* or *partial* from reviewed mappings; *not reviewed* when the only mappings are
    unreviewed suggestions or no law of the state has been reviewed against the instrument; *none* when
    the state's laws have been reviewed and no provision implements the article; *no law* when the
    portal holds no law of the state that `user` may see. Articles about the treaty itself (final
    clauses) are not compared: they are listed in `apart`.

    `rows` are the states (`matrix_states`, every state by default); `states`, a subset of them in the
    caller's order (a page of the matrix, a gap report's one state), limits the rows and the mappings read.
    The statuses come from one aggregate per cell, counted by the database. With `entries` (the page:
    CELL_ENTRIES_SHOWN) each cell holds only its first mappings, chosen by the database too, so a
    matrix of 194 states reads a few thousand rows instead of every mapping; without it (the exports)
    every mapping is listed.
    """
    all_articles = list(instrument.articles.all())
    articles = [a for a in all_articles if a.applies_to_domestic_law]
    apart = [a for a in all_articles if not a.applies_to_domestic_law]
    if category:
        articles = [a for a in articles if a.category == category]
    rows = rows or matrix_states(user)
    mappings = visible_mappings(user).filter(article__instrument=instrument, provision__valid_to__isnull=True)
    if states is None:
        states = rows.states
    else:
        states = list(states)
        mappings = mappings.filter(provision__law__state__in=[s.pk for s in states])
    reviewed = Q(reviewed_at__isnull=False)
    cell = [F("provision__law__state_id"), F("article_id")]
    order = ("provision__sort_order", "pk")
    # One query: each mapping with its cell's tallies and its place in the cell, counted by the
    # database. Whether a state was reviewed at all is over every article of the instrument, whatever
    # the category shown.
    mappings = mappings.annotate(
        position=Window(RowNumber(), partition_by=cell, order_by=[F(name).asc() for name in order]),
        total=Window(Count("pk"), partition_by=cell),
        full=Window(Count("pk", filter=reviewed & Q(extent=MappingExtent.FULL)), partition_by=cell),
        in_cell_reviewed=Window(Count("pk", filter=reviewed), partition_by=cell),
        state_reviewed=Window(Count("pk", filter=reviewed), partition_by=[F("provision__law__state_id")]),
        is_reviewed=ExpressionWrapper(reviewed, output_field=BooleanField()),
    )
    if entries is not None:
        mappings = mappings.filter(position__lte=entries)
    found = mappings.order_by(*order).values_list(
        "article_id", "extent", "is_reviewed", "provision_id", "provision__law_id",
        "provision__law__state_id", "provision__law__identifier", "provision__kind", "provision__number",
        "total", "full", "in_cell_reviewed", "state_reviewed",
    )  # fmt: skip
    shown_articles = {a.pk for a in articles}
    by_cell: dict[tuple[int, int], list] = defaultdict(list)
    tallies: dict[tuple[int, int], tuple[int, int, int]] = {}
    reviewed_states: set[int] = set()
    for article_id, extent, is_reviewed, pk, law_id, state_id, identifier, kind, number, *counts in found:
        if counts[3]:
            reviewed_states.add(state_id)
        if article_id in shown_articles:
            by_cell[(state_id, article_id)].append(
                CellEntry(pk, law_id, identifier, kind, number, extent, bool(is_reviewed))
            )
            tallies[(state_id, article_id)] = tuple(counts[:3])
    result, article_pks, nothing = [], [a.pk for a in articles], (0, 0, 0)
    for state in states:
        state_reviewed, has_law = state.pk in reviewed_states, state.pk in rows.with_laws
        cells = []
        for article_pk in article_pks:
            total, full, n_reviewed = tallies.get((state.pk, article_pk), nothing)
            status = _status(total, full, n_reviewed, state_reviewed, has_law)
            shown = by_cell.get((state.pk, article_pk), []) if status not in (NONE, NO_LAW) else []
            cells.append(Cell(status, shown, total if entries is not None else None))
        result.append((state, cells))
    return Matrix(instrument, articles, result, category, apart, rows.total)


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


def saved_searches_for(user):
    """The user's own saved searches, newest first; nobody else's."""
    return SavedSearch.objects.filter(user=user).order_by("-created_at", "-pk")


def home_section_context(user) -> dict | None:
    """The 'Saved searches' section of the portal home (core.dashboard.register_home_section): one query."""
    if not policy.can_save_searches(user):
        return None
    searches = list(saved_searches_for(user))
    return {"searches": searches, "count": len(searches), "limit": SavedSearch.MAX_PER_USER}


def law_changes(since: datetime.datetime | None, until: datetime.datetime):
    """New and amended laws published in (since, until], as an anonymous visitor sees them (the bulletin)."""
    from django.contrib.auth.models import AnonymousUser

    from cyberportal.core.changes import Change

    laws = visible_laws(AnonymousUser()).filter(last_published_at__lte=until).select_related("state")
    if since is not None:
        laws = laws.filter(last_published_at__gt=since)
    for law in laws.order_by("-last_published_at")[:200]:
        yield Change(
            source="laws",
            key=f"law:{law.pk}:{law.last_published_at:%Y%m%d%H%M%S}",
            title=f"{law.state.code} · {law.identifier}",
            summary=law.title,  # in the law's own language, as the compendium keeps it
            url=law.get_absolute_url(),
            changed_at=law.last_published_at,
            language=law.language,
        )
