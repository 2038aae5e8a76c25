"""Reads for cooperation in practice. Every list of sheets and declarations goes through here, so that
pages, the profile section and the article page agree on who sees what:

- a sheet or declaration follows its own visibility and publication (core.policy);
- what it links to follows its own: a provision of a law the reader may not see, or an authority
  restricted beyond the reader, is left out rather than named;
- the experts' notes are emptied for readers who may not read them, so no template can show them.

Each function runs a fixed number of queries whatever the number of states and sheets.
"""

from __future__ import annotations

import zoneinfo
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone

from cyberportal.core import policy
from cyberportal.core.collation import sorted_by_name
from cyberportal.directory import finder
from cyberportal.directory.models import Authority
from cyberportal.laws.models import Law, Provision
from cyberportal.providers.models import Provider, ProviderRequestType
from cyberportal.states.models import Article, State

from . import assistant, crypto
from .models import Declaration, Measure, MeasureSheet, RequestDraft

MEASURE_ORDER = {value: index for index, value in enumerate(Measure.values)}


def sheets_visible_to(user):
    return MeasureSheet.objects.visible_to(user)


def declarations_visible_to(user):
    return (
        Declaration.objects.visible_to(user)
        .select_related("state", "instrument", "article__instrument")
        .prefetch_related(Prefetch("authority", queryset=Authority.objects.visible_to(user)))
    )


def _with_links(queryset, user):
    """Sheets with what they link to, each link narrowed to what `user` may see."""
    provisions = (
        Provision.objects.filter(law__in=Law.objects.visible_to(user).values("pk"))
        .select_related("law")
        .order_by("law__identifier", "sort_order")
    )
    return queryset.select_related("state").prefetch_related(
        Prefetch("domestic_provisions", queryset=provisions),
        Prefetch(
            "treaty_articles",
            queryset=Article.objects.select_related("instrument").order_by("instrument__order", "sort_order"),
        ),
        Prefetch("authority", queryset=Authority.objects.visible_to(user)),
    )


def sheets_with_links(user):
    """The sheets `user` may see, with their links narrowed to what `user` may see: the one queryset the
    sheet pages and the API's list start from. Pass the rows through `for_reader` before showing them."""
    return _with_links(sheets_visible_to(user), user)


def for_reader(sheets, user) -> list[MeasureSheet]:
    """The rows as `user` may read them: the experts' notes emptied for readers who may not read them."""
    if not policy.can_read_experts_notes(user):
        for sheet in sheets:
            sheet.experts_notes = ""
    return sheets


def _attach_declarations(sheets, declarations) -> None:
    """Each sheet learns the declarations on the articles it names (and on those articles' instruments
    as a whole): the reader sees the reservation beside the basis it limits."""
    by_article = defaultdict(list)
    by_instrument = defaultdict(list)
    for declaration in declarations:
        if declaration.article_id:
            by_article[declaration.article_id].append(declaration)
        else:
            by_instrument[declaration.instrument_id].append(declaration)
    for sheet in sheets:
        articles = list(sheet.treaty_articles.all())
        found = [d for a in articles for d in by_article.get(a.pk, [])]
        for instrument_id in dict.fromkeys(a.instrument_id for a in articles):
            found.extend(by_instrument.get(instrument_id, []))
        sheet.related_declarations = found


@dataclass
class StateSheets:
    state: State
    sheets: list[MeasureSheet] = field(default_factory=list)
    declarations: list[Declaration] = field(default_factory=list)

    @property
    def missing_measures(self) -> list[str]:
        present = {s.measure for s in self.sheets}
        return [label for value, label in Measure.choices if value not in present]


def state_sheets(state: State, user) -> StateSheets:
    """A state's sheets in the order of the measures, with its declarations."""
    sheets = list(sheets_with_links(user).filter(state=state))
    sheets.sort(key=lambda s: MEASURE_ORDER.get(s.measure, len(MEASURE_ORDER)))
    declarations = list(declarations_visible_to(user).filter(state=state))
    _attach_declarations(sheets, declarations)
    return StateSheets(state=state, sheets=for_reader(sheets, user), declarations=declarations)


@dataclass
class Regional:
    measure: str
    sheets: list[MeasureSheet]
    states_without: list[State]

    @property
    def measure_label(self) -> str:
        return str(Measure(self.measure).label)


def regional(measure: str, user) -> Regional:
    """One measure compared across states, sorted by the state's name in the reader's language."""
    sheets = list(sheets_with_links(user).filter(measure=measure))
    sheets = sorted_by_name(sheets, name=lambda s: s.state.name)
    declarations = list(declarations_visible_to(user).filter(state__in=[s.state_id for s in sheets]))
    by_state = defaultdict(list)
    for declaration in declarations:
        by_state[declaration.state_id].append(declaration)
    for sheet in sheets:
        _attach_declarations([sheet], by_state.get(sheet.state_id, []))
    covered = {s.state_id for s in sheets}
    without = sorted_by_name(State.objects.exclude(pk__in=covered))
    return Regional(measure=measure, sheets=for_reader(sheets, user), states_without=without)


def profile_section_context(state: State, user) -> dict:
    """The profile's section: the declarations, and how many sheets the reader may open."""
    return {
        "cooperation_declarations": list(declarations_visible_to(user).filter(state=state)),
        "cooperation_sheet_count": sheets_visible_to(user).filter(state=state).count(),
    }


def article_section_context(article: Article, user) -> dict | None:
    """The instrument article's page: each state's declarations on it (hidden when there are none)."""
    declarations = list(declarations_visible_to(user).filter(article=article))
    if not declarations:
        return None
    return {"declarations": sorted_by_name(declarations, name=lambda d: d.state.name)}


# --- The request assistant and the finder's answer ------------------------------------------------

# The finder's measures (directory) and the sheets' (cooperation) are two lists; where they meet:
FINDER_TO_SHEET = {
    "preservation": Measure.PRESERVATION,
    "preserved_traffic": Measure.PARTIAL_TRAFFIC,
    "subscriber": Measure.SUBSCRIBER,
    "traffic": Measure.TRAFFIC,
    "content": Measure.CONTENT,
    "emergency": Measure.EMERGENCY,
    "spontaneous": Measure.SPONTANEOUS,
}
SHEET_TO_FINDER = {sheet: finder for finder, sheet in FINDER_TO_SHEET.items()}
# Which requests a provider must accept to be named beside a measure (providers.RequestType).
SHEET_TO_PROVIDER_REQUEST = {
    Measure.PRESERVATION: "preservation",
    Measure.PARTIAL_TRAFFIC: "traffic",
    Measure.SUBSCRIBER: "subscriber",
    Measure.TRAFFIC: "traffic",
    Measure.CONTENT: "content",
    Measure.SEARCH_SEIZURE: "content",
    Measure.REALTIME_TRAFFIC: "realtime",
    Measure.INTERCEPTION: "realtime",
    Measure.EMERGENCY: "emergency",
}


def sheet_for(state: State, measure: str, user) -> MeasureSheet | None:
    """The state's sheet for `measure`, as `user` may read it (links narrowed, experts' notes emptied)."""
    sheets = list(sheets_with_links(user).filter(state=state, measure=measure))
    if not sheets:
        return None
    _attach_declarations(sheets, list(declarations_visible_to(user).filter(state=state)))
    return for_reader(sheets, user)[0]


def _providers_for(measure: str, user) -> list:
    if not policy.can_view_providers(user) or measure not in SHEET_TO_PROVIDER_REQUEST:
        return []
    wanted = SHEET_TO_PROVIDER_REQUEST[measure]
    providers = Provider.objects.filter(request_types__request_type=wanted).prefetch_related(
        Prefetch("request_types", queryset=ProviderRequestType.objects.filter(request_type=wanted))
    )
    return sorted_by_name(providers.distinct())


def _finder_authority(state: State, measure: str, user):
    """Without a sheet naming an authority, the directory's finder answers (rules, then contact roles)."""
    if measure not in SHEET_TO_FINDER:
        return None, []
    answer = finder.find(
        user,
        state=state,
        measure=SHEET_TO_FINDER[measure],
        urgency="urgent",
        now=timezone.now(),
        reader_tz=zoneinfo.ZoneInfo("UTC"),
    )
    return answer.authority, answer.contacts


def assistant_known(state: State, measure: str, user, *, reader_languages: list[str]):
    """What the assistant fills in for `user`: the sheet, the authority, contacts, providers, bases."""
    sheet = sheet_for(state, measure, user)
    authority = sheet.authority if sheet and sheet.authority else None
    finder_authority, contacts = _finder_authority(state, measure, user)
    if authority is None:
        authority = finder_authority
    if authority is not None:
        contacts = [c for c in contacts if c.authority_id == authority.pk]
    return assistant.Known(
        state=state,
        measure=measure,
        sheet=sheet,
        authority=authority,
        contacts=contacts,
        providers=_providers_for(measure, user),
        bases=assistant.basis_options(measure, sheet),
        document_languages=assistant.document_languages(state, sheet, reader_languages),
    )


def finder_section_context(state: State, finder_measure: str, urgency: str, user) -> dict | None:
    """The finder's answer, completed: the sheet for the measure asked, the providers' channels and a
    link to draft the request (core.profile.register_finder_section; the directory never imports us)."""
    measure = FINDER_TO_SHEET.get(finder_measure)
    if measure is None:
        return None
    return {
        "sheet": sheet_for(state, measure, user),
        "sheet_measure": measure,
        "sheet_state": state,
        "providers": _providers_for(measure, user),
        "can_draft": policy.can_draft_requests(user),
    }


def request_drafts_of(user, *, now=None) -> list:
    """The author's drafts still in their period, each with its content opened (`draft.data`)."""
    if not policy.can_draft_requests(user):
        return []
    drafts = list(RequestDraft.objects.filter(author=user, expires_at__gt=now or timezone.now()))
    for draft in drafts:
        try:
            draft.data = crypto.unseal(draft.sealed)
        except crypto.UnreadableDraft:
            draft.data = None
    return drafts


def request_draft_for(user, pk: int, *, now=None):
    """One draft for its author, opened; None for anyone else and once its period is over."""
    draft = RequestDraft.objects.filter(pk=pk, expires_at__gt=now or timezone.now()).first()
    if draft is None or not policy.can_open_request_draft(user, draft):
        return None
    try:
        draft.data = crypto.unseal(draft.sealed)
    except crypto.UnreadableDraft:
        return None
    return draft


def sheet_changes(since, until):
    """Measure sheets published or updated in (since, until], as an anonymous visitor sees them."""
    from django.contrib.auth.models import AnonymousUser
    from django.utils.translation import get_language

    from cyberportal.core.changes import Change

    sheets = sheets_visible_to(AnonymousUser()).filter(last_published_at__lte=until)
    if since is not None:
        sheets = sheets.filter(last_published_at__gt=since)
    for sheet in sheets.select_related("state").order_by("-last_published_at")[:200]:
        yield Change(
            source="cooperation",
            key=f"sheet:{sheet.pk}:{sheet.last_published_at:%Y%m%d%H%M%S}",
            title=f"{sheet.state.code} · {sheet.get_measure_display()}",
            summary=sheet.get_can_execute_display(),
            url=sheet.get_absolute_url(),
            changed_at=sheet.last_published_at,
            language=(get_language() or "en")[:2],  # the measure's name, in the composer's language
        )
