"""Reads for the citizens' pages. They always read as an anonymous visitor reads, whoever is signed in:
the page is the same for everyone (and cached as such), so a focal point's draft, a restricted national
link or anything from the directory can never appear on it. Fixed number of queries per page."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cyberportal.core import policy
from cyberportal.core.collation import sorted_by_name
from cyberportal.core.dashboard import HomeTask
from cyberportal.links.selectors import links_for_citizens
from cyberportal.states.models import State

from .models import ReportingGuide, ReportingGuideText


def published_guides():
    """Guides as published (a draft never reaches a citizen's page)."""
    return (
        ReportingGuide.objects.filter(live=True)
        .select_related("state")
        .prefetch_related(Prefetch("texts", queryset=ReportingGuideText.objects.order_by("sort_order", "pk")))
    )


def network_states() -> list[State]:
    """Every state of the network, sorted by name in the reader's language."""
    return sorted_by_name(list(State.objects.all()))


def state_by_code(code: str) -> State | None:
    if len(code or "") != 2 or not code.isalpha():
        return None
    return State.objects.filter(code=code.upper()).first()


@dataclass
class StatePage:
    state: State
    guide: ReportingGuide | None
    text: ReportingGuideText | None
    reader_language: str
    national_links: list = field(default_factory=list)

    @property
    def provided(self) -> bool:
        return self.guide is not None and self.text is not None

    @property
    def in_other_language(self) -> bool:
        return self.text is not None and self.text.language.split("-")[0] != self.reader_language


def state_page(state: State, language: str) -> StatePage:
    guide = published_guides().filter(state=state).first()
    text = guide.text_for(language) if guide else None
    return StatePage(
        state=state,
        guide=guide,
        text=text,
        reader_language=language,
        national_links=links_for_citizens(state),
    )


def provided_state_ids() -> set[int]:
    return set(ReportingGuide.objects.filter(live=True).values_list("state_id", flat=True))


def region_from_accept_language(header: str, codes: set[str]) -> str | None:
    """The first region of the reader's Accept-Language (es-AR -> AR) that is a state of the network,
    taken in the reader's order of preference. No outside service is asked."""
    ranked = []
    for position, part in enumerate((header or "")[:500].split(",")):
        tag, _sep, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        subtags = tag.replace("_", "-").split("-")
        region = next((s.upper() for s in subtags[1:] if len(s) == 2 and s.isalpha()), None)
        if region and quality > 0:
            ranked.append((-quality, position, region))
    for _q, _p, region in sorted(ranked):
        if region in codes:
            return region
    return None


def home_tasks(user) -> list[HomeTask]:
    """A focal point's own state's guide: not yet provided, or due for verification."""
    if not policy.can_keep_own_state_pages(user):
        return []
    guide = ReportingGuide.objects.filter(state_id=policy.state_id_of(user)).first()
    url = reverse("wagtailsnippets_citizens_reportingguide:list")
    if guide is None or not guide.live:
        return [HomeTask(_("Reporting page for citizens: not yet provided"), 1, url, urgent=True)]
    stale = guide.is_stale()
    return [HomeTask(_("Reporting page for citizens: due for verification"), int(stale), url, urgent=stale)]


def profile_section_context(state, user) -> dict:
    return {"citizens_provided": published_guides().filter(state=state).exists()}
