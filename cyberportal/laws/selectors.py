"""Reads for the legislation pages: laws a user may see, a law as in force on a date, the comparison
matrix, gap reports, side-by-side comparison. Every list starts from `Law.objects.visible_to(user)`.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import BooleanField, Count, ExpressionWrapper, F, Prefetch, Q, Window
from django.db.models.functions import RowNumber
from django.urls import reverse

from cyberportal.core.collation import collation_key, sorted_by_name
from cyberportal.states.models import Article, Instrument, State

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


# Cell values of the comparison matrix.
FULL, PARTIAL, NONE, NOT_REVIEWED = "full", "partial", "none", "not_reviewed"


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


def _status(total: int, full: int, reviewed: int, state_reviewed: bool) -> str:
    if full:
        return FULL
    if reviewed:
        return PARTIAL
    if total or not state_reviewed:
        return NOT_REVIEWED
    return NONE


def matrix(
    instrument: Instrument, user, category: str = "", states=None, *, entries: int | None = None
) -> Matrix:
    """States × articles of `instrument` in a fixed number of queries, whatever the number of rows.

    A cell is *full* or *partial* from reviewed mappings; *not reviewed* when the only mappings are
    unreviewed suggestions or no law of the state has been reviewed against the instrument; *none* when
    the state's laws have been reviewed and no provision implements the article.

    The statuses come from one aggregate per cell, counted by the database. With `entries` (the page:
    CELL_ENTRIES_SHOWN) each cell holds only its first mappings, chosen by the database too, so a
    matrix of 194 states reads a few thousand rows instead of every mapping; without it (the exports)
    every mapping is listed.
    """
    articles = list(instrument.articles.all())
    if category:
        articles = [a for a in articles if a.category == category]
    mappings = visible_mappings(user).filter(article__instrument=instrument, provision__valid_to__isnull=True)
    if states is None:
        states = sorted_by_name(State.objects.all())
    else:  # a page of the matrix (in the caller's order), or a gap report's one state: only their rows
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
    rows = mappings.order_by(*order).values_list(
        "article_id", "extent", "is_reviewed", "provision_id", "provision__law_id",
        "provision__law__state_id", "provision__law__identifier", "provision__kind", "provision__number",
        "total", "full", "in_cell_reviewed", "state_reviewed",
    )  # fmt: skip
    shown_articles = {a.pk for a in articles}
    by_cell: dict[tuple[int, int], list] = defaultdict(list)
    tallies: dict[tuple[int, int], tuple[int, int, int]] = {}
    reviewed_states: set[int] = set()
    for article_id, extent, is_reviewed, pk, law_id, state_id, identifier, kind, number, *counts in rows:
        if counts[3]:
            reviewed_states.add(state_id)
        if article_id in shown_articles:
            by_cell[(state_id, article_id)].append(
                CellEntry(pk, law_id, identifier, kind, number, extent, bool(is_reviewed))
            )
            tallies[(state_id, article_id)] = tuple(counts[:3])
    result, article_pks, nothing = [], [a.pk for a in articles], (0, 0, 0)
    for state in states:
        state_pk = state.pk
        state_reviewed = state_pk in reviewed_states
        cells = []
        for article_pk in article_pks:
            total, full, n_reviewed = tallies.get((state_pk, article_pk), nothing)
            status = _status(total, full, n_reviewed, state_reviewed)
            shown = by_cell.get((state_pk, article_pk), []) if status != NONE else []
            cells.append(Cell(status, shown, total if entries is not None else None))
        result.append((state, cells))
    return Matrix(instrument, articles, result, category)


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
