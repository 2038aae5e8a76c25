"""The read API, version 1 (`/api/v1/`): django-ninja operations over the capabilities' own selectors.

Every list starts from the queryset the matching page uses (`laws.selectors.visible_laws`,
`recommendations.selectors.accepted_reports`, ...), so the API can never show what the page would not
(nor hide what it shows). Records are plain dicts built here; `schemas.py` describes them.

Who is asking is `viewer(request)`: the session's user, or the account of the bearer token that
`http.api_view` put in its place (`tokens.py`).
"""

from __future__ import annotations

import datetime
from typing import Literal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import DateTimeField, Value
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from ninja import NinjaAPI, Path, Query, Status
from ninja.errors import HttpError

from cyberportal.cooperation import selectors as cooperation_selectors
from cyberportal.cooperation.models import Measure
from cyberportal.core import policy
from cyberportal.directory import selectors as directory_selectors
from cyberportal.directory import services as directory_services
from cyberportal.directory.models import AuthorityKind, ContactRole
from cyberportal.events import selectors as event_selectors
from cyberportal.events.models import EventKind
from cyberportal.laws import selectors as law_selectors
from cyberportal.laws import services as law_services
from cyberportal.laws import skos
from cyberportal.laws.models import LawStatus, LawType
from cyberportal.recommendations import selectors as recommendation_selectors
from cyberportal.recommendations.models import ImplementationStatus, Meeting, Recommendation
from cyberportal.states import selectors as state_selectors
from cyberportal.states.models import Instrument, MembershipStatus, State, TreatyStatusValue
from cyberportal.statistics import selectors as statistics_selectors

from . import schemas
from .docs import PortalSwagger
from .pagination import DEFAULT_LIMIT, MAX_LIMIT, Order, paginate

api = NinjaAPI(
    title="Cyberportal API",
    version="1",
    description=(
        "Read access to the portal's public data: states and treaty status, instruments and articles, "
        "laws with their provisions and mappings, meetings, recommendations and implementation reports, "
        "events and training, the validated statistics, the directory's authorities and contacts, and the "
        "measure sheets of cooperation; "
        "the thesaurus as SKOS and the nightly bulk dumps. Focal points' write tokens propose changes to "
        "their laws as drafts for the Secretariat. A signed-in session, or `Authorization: Bearer <token>` (tokens are issued on /<lang>/accounts/tokens/), "
        "sees what the pages show that account; a bad token answers 401 with WWW-Authenticate. "
        "Lists are paginated by cursor (`next`); every "
        "answer carries an ETag and Last-Modified and answers 304 to If-None-Match / If-Modified-Since."
    ),
    urls_namespace="api-v1",
    docs=PortalSwagger(),
    docs_url="/docs/",
    openapi_url="/openapi.json",
)

LANGUAGES = [code for code, _name in settings.LANGUAGES]
StateCode = Query(None, pattern="^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2 code, e.g. CO.")
Limit = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Records per page.")
Cursor = Query(None, max_length=2000, description="The `next` cursor of the previous page.")
ERRORS = {400: schemas.Error}
WRITE_ERRORS = dict.fromkeys((400, 401, 403, 404), schemas.Error)  # a refused write says which and why
MAX_ID = 2**63 - 1  # the databases' bigint: a larger number would fail in the query, not answer 404
RecordId = Path(..., ge=1, le=MAX_ID)


def viewer(request):
    """The user whose view of the data the API gives: the session's, or the bearer token's account."""
    return request.user


def links(request, view_name: str, *args) -> dict[str, str]:
    """The record's page in each interface language, as absolute addresses."""
    result = {}
    for language in LANGUAGES:
        with translation.override(language):
            result[language] = request.build_absolute_uri(reverse(view_name, args=args))
    return result


def _code(value: str | None) -> str | None:
    return value.upper() if value else None


# --- states and instruments ---------------------------------------------------------------------------


def state_record(request, state: State) -> dict:
    membership = state.current_membership
    return {
        "code": state.code,
        "alpha3": state.alpha3,
        "numeric": state.numeric,
        "names": {language: state.name_in(language) for language in LANGUAGES},
        "official_languages": list(state.official_languages),
        "network_247_member": state.network_247_member,
        "network_247_since": state.network_247_since,
        "membership": membership.status if membership else None,
        "treaty_statuses": [
            {
                "instrument": status.instrument.slug,
                "status": status.status,
                "invited_on": status.invited_on,
                "signed_on": status.signed_on,
                "ratified_on": status.ratified_on,
                "in_force_on": status.in_force_on,
                "as_of": status.as_of,
                "source_url": status.source_url,
                "is_example": status.is_example,
            }
            for status in state.treaty_statuses.all()
        ],
        "links": links(request, "states:profile", state.code.lower()),
    }


STATE_ORDERS = {
    "code": Order(key=lambda state: state.code),
    "name": Order(key=lambda state: state.name),
}


@api.get("/states/", response={200: schemas.StatePage, **ERRORS}, tags=["states"], summary="States")
def list_states(
    request,
    instrument: str | None = Query(
        None, max_length=50, description="An instrument's slug, with treaty_status."
    ),
    treaty_status: Literal[("party", *TreatyStatusValue.values)] | None = None,
    network_247: bool | None = None,
    membership: Literal[tuple(MembershipStatus.values)] | None = None,
    ordering: Literal["code", "-code", "name", "-name"] = "code",
    limit: int = Limit,
    cursor: str | None = Cursor,
):
    """The states, filtered as on the States page (the same selector), with their treaty statuses."""
    filters = state_selectors.StateFilters(
        instrument=instrument or "",
        treaty_status=treaty_status or "",
        network_247="" if network_247 is None else ("yes" if network_247 else "no"),
        membership=membership or "",
    )
    page = paginate(
        request, state_selectors.states_for_list(filters), orders=STATE_ORDERS, ordering=ordering,
        cursor=cursor, limit=limit,
    )  # fmt: skip
    page["results"] = [state_record(request, s) for s in page["results"]]
    return page


@api.get("/states/{code}/", response={200: schemas.StateOut, 404: schemas.Error}, tags=["states"])
def get_state(request, code: str):
    """One state, as on its country profile."""
    state = state_selectors.state_for_profile(code) if len(code) == 2 else None
    if state is None:
        raise HttpError(404, f"code: there is no state '{code[:10]}'")
    return state_record(request, state)


def instrument_record(request, instrument: Instrument) -> dict:
    return {
        "slug": instrument.slug,
        "short_name": instrument.short_name,
        "title": instrument.title,
        "language": instrument.language,
        "kind": instrument.kind,
        "reference": instrument.reference,
        "parent": instrument.parent.slug if instrument.parent_id else None,
        "adopted_on": instrument.adopted_on,
        "entry_into_force": instrument.entry_into_force,
        "source_url": instrument.source_url,
        "links": links(request, "states:instrument", instrument.slug),
    }


INSTRUMENT_ORDERS = {"order": Order(key=lambda i: i.order), "slug": Order(key=lambda i: i.slug)}


@api.get("/instruments/", response={200: schemas.InstrumentPage, **ERRORS}, tags=["instruments"])
def list_instruments(
    request,
    ordering: Literal["order", "-order", "slug", "-slug"] = "order",
    limit: int = Limit,
    cursor: str | None = Cursor,
):
    """The reference instruments (conventions and protocols), as on the Instruments page."""
    page = paginate(
        request, state_selectors.instruments(), orders=INSTRUMENT_ORDERS, ordering=ordering,
        cursor=cursor, limit=limit,
    )  # fmt: skip
    page["results"] = [instrument_record(request, i) for i in page["results"]]
    return page


@api.get(
    "/instruments/{slug}/", response={200: schemas.InstrumentDetail, 404: schemas.Error}, tags=["instruments"]
)
def get_instrument(request, slug: str):
    """An instrument with its articles."""
    found = state_selectors.instrument_with_articles(slug)
    if found is None:
        raise HttpError(404, f"slug: there is no instrument '{slug[:50]}'")
    instrument, chapters = found
    record = instrument_record(request, instrument)
    record["articles"] = [
        {
            "number": a.number,
            "title": a.title,
            "chapter": a.chapter,
            "section": a.section,
            "category": a.category,
            "provisional": a.provisional,
            "links": links(request, "laws:article", instrument.slug, a.number),
        }
        for _chapter, articles in chapters
        for a in articles
    ]
    return record


# --- laws ---------------------------------------------------------------------------------------------

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
LAW_ORDERS = {
    "id": Order.field("pk"),
    "identifier": Order.field("identifier"),
    "state": Order.field("state__code"),
    "year": Order(expression=Coalesce("year", 0)),
    "published": Order(expression=Coalesce("last_published_at", Value(EPOCH), output_field=DateTimeField())),
}


def law_record(request, law) -> dict:
    titles = {law.language: law.title}
    if law.title_en and law.language != "en":
        titles["en"] = law.title_en
    return {
        "id": law.pk,
        "state": law.state.code,
        "identifier": law.identifier,
        "titles": titles,
        "language": law.language,
        "law_type": law.law_type,
        "status": law.status,
        "year": law.year,
        "enacted_on": law.enacted_on,
        "published_on": law.published_on,
        "in_force_on": law.in_force_on,
        "repealed_on": law.repealed_on,
        "frbr_uri": law.frbr_uri,
        "source_url": law.source_url,
        "gazette_reference": law.gazette_reference,
        "summary": {law.summary_language or "en": law.summary} if law.summary else {},
        "visibility": law.visibility,
        "is_example": law.is_example,
        "last_published_at": law.last_published_at,
        "links": links(request, "laws:law", law.pk),
        "akn_url": request.build_absolute_uri(reverse("laws:law_export", args=[law.pk, "akn"])),
    }


@api.get("/laws/", response={200: schemas.LawPage, **ERRORS}, tags=["laws"], summary="Laws")
def list_laws(
    request,
    state: str | None = StateCode,
    status: Literal[tuple(LawStatus.values)] | None = None,
    law_type: Literal[tuple(LawType.values)] | None = None,
    year: int | None = Query(None, ge=1000, le=9999),
    language: str | None = Query(None, max_length=10),
    published_since: datetime.date | None = Query(None, description="Published or amended on or after."),
    ordering: Literal[tuple(o for name in LAW_ORDERS for o in (name, f"-{name}"))] = "id",
    limit: int = Limit,
    cursor: str | None = Cursor,
):
    """The laws the caller may see: the same queryset as the legislation pages."""
    laws = law_selectors.visible_laws(viewer(request)).select_related("state")
    if state:
        laws = laws.filter(state__code=_code(state))
    if status:
        laws = laws.filter(status=status)
    if law_type:
        laws = laws.filter(law_type=law_type)
    if year:
        laws = laws.filter(year=year)
    if language:
        laws = laws.filter(language=language)
    if published_since:
        laws = laws.filter(last_published_at__date__gte=published_since)
    page = paginate(request, laws, orders=LAW_ORDERS, ordering=ordering, cursor=cursor, limit=limit)
    page["results"] = [law_record(request, law) for law in page["results"]]
    return page


def mapping_record(mapping) -> dict:
    provision = mapping.provision
    return {
        "id": mapping.pk,
        "provision": provision.pk,
        "law": provision.law_id,
        "state": provision.law.state.code,
        "instrument": mapping.article.instrument.slug,
        "article": mapping.article.number,
        "extent": mapping.extent,
        "reviewed": mapping.reviewed_at is not None,
        "note": mapping.note,
    }


@api.get("/laws/{law_id}/", response={200: schemas.LawDetail, **ERRORS, 404: schemas.Error}, tags=["laws"])
def get_law(
    request, law_id: int = RecordId, on: datetime.date | None = Query(None, description="As in force on.")
):
    """A law with its provisions (today's wording, or as in force on a date) and their mappings,
    as on the law's page."""
    user = viewer(request)
    law = get_object_or_404(law_selectors.visible_laws(user).select_related("state"), pk=law_id)
    record = law_record(request, law)
    record["provisions_on"] = on
    record["provisions"] = []
    for row in law_selectors.law_provisions(law, user, on):
        p = row.provision
        for mapping in row.mappings:
            mapping.provision = p
            p.law = law
        record["provisions"].append(
            {
                "id": p.pk,
                "parent": p.parent_id,
                "depth": row.depth,
                "kind": p.kind,
                "number": p.number,
                "heading": p.heading,
                "text": p.text,
                "language": p.language,
                "valid_from": p.valid_from,
                "valid_to": p.valid_to,
                "mappings": [mapping_record(m) for m in row.mappings],
            }
        )
    return record


@api.get("/mappings/", response={200: schemas.MappingPage, **ERRORS}, tags=["laws"])
def list_mappings(
    request,
    state: str | None = StateCode,
    instrument: str | None = Query(None, max_length=50),
    article: str | None = Query(None, max_length=10, description="An article number, with instrument."),
    reviewed: bool | None = None,
    limit: int = Limit,
    cursor: str | None = Cursor,
):
    """Provisions in force mapped to the instruments' articles, as the matrix and article pages use."""
    mappings = (
        law_selectors.visible_mappings(viewer(request))
        .filter(provision__valid_to__isnull=True)
        .select_related("provision__law__state", "article__instrument")
    )
    if state:
        mappings = mappings.filter(provision__law__state__code=_code(state))
    if instrument:
        mappings = mappings.filter(article__instrument__slug=instrument)
    if article:
        mappings = mappings.filter(article__number=article)
    if reviewed is not None:
        mappings = mappings.filter(reviewed_at__isnull=not reviewed)
    page = paginate(
        request, mappings, orders={"id": Order.field("pk")}, ordering="id", cursor=cursor, limit=limit
    )
    page["results"] = [mapping_record(m) for m in page["results"]]
    return page


# --- recommendations ----------------------------------------------------------------------------------


def meeting_record(request, meeting) -> dict:
    return {
        "slug": meeting.slug,
        "body": meeting.body.acronym or meeting.body.kind,
        "number": meeting.number,
        "year": meeting.year,
        "start_date": meeting.start_date,
        "end_date": meeting.end_date,
        "place": meeting.place,
        "symbol": meeting.symbol,
        "original_language": meeting.original_language,
        "source_url": meeting.source_url,
        "links": links(request, "recommendations:meeting", meeting.slug),
    }


@api.get("/meetings/", response={200: schemas.MeetingPage, **ERRORS}, tags=["recommendations"])
def list_meetings(
    request,
    ordering: Literal["year", "-year"] = "year",
    limit: int = Limit,
    cursor: str | None = Cursor,
):
    """The meetings that adopted recommendations, as on the Recommendations page."""
    page = paginate(
        request, recommendation_selectors.meetings(), orders={"year": Order.field("year")},
        ordering=ordering, cursor=cursor, limit=limit,
    )  # fmt: skip
    page["results"] = [meeting_record(request, m) for m in page["results"]]
    return page


def recommendation_record(request, recommendation) -> dict:
    texts = {recommendation.language: recommendation.text}
    for translated in recommendation.translations.all():
        texts.setdefault(translated.language, translated.text)
    return {
        "id": recommendation.pk,
        "meeting": recommendation.meeting.slug,
        "number": recommendation.number,
        "language": recommendation.language,
        "texts": texts,
        "sub_items": [{"letter": s.letter, "text": s.text} for s in recommendation.sub_items.all()],
        "themes": [t.code for t in recommendation.themes.all()],
        "addressees": [a.code for a in recommendation.addressees.all()],
        "previous": recommendation.previous_id,
        "links": links(request, "recommendations:detail", recommendation.meeting.slug, recommendation.number),
    }


@api.get("/recommendations/", response={200: schemas.RecommendationPage, **ERRORS}, tags=["recommendations"])
def list_recommendations(
    request,
    meeting: str | None = Query(None, max_length=100, description="A meeting's slug."),
    theme: str | None = Query(None, max_length=20),
    addressee: str | None = Query(None, max_length=30),
    limit: int = Limit,
    cursor: str | None = Cursor,
):
    """Recommendations with their sub-items, themes, addressees and translations."""
    recommendations = Recommendation.objects.select_related("meeting").prefetch_related(
        "sub_items", "themes", "addressees", "translations"
    )
    if meeting:
        found = Meeting.objects.filter(slug=meeting).first()
        recommendations = (
            recommendation_selectors.recommendations_of(found) if found else recommendations.none()
        )
    if theme:
        recommendations = recommendations.filter(themes__code=theme)
    if addressee:
        recommendations = recommendations.filter(addressees__code=addressee)
    page = paginate(
        request, recommendations.distinct(), orders={"id": Order.field("pk")}, ordering="id", cursor=cursor,
        limit=limit,
    )  # fmt: skip
    page["results"] = [recommendation_record(request, r) for r in page["results"]]
    return page


@api.get(
    "/recommendations/{recommendation_id}/",
    response={200: schemas.RecommendationOut, 404: schemas.Error},
    tags=["recommendations"],
)
def get_recommendation(request, recommendation_id: int = RecordId):
    recommendation = get_object_or_404(
        Recommendation.objects.select_related("meeting").prefetch_related(
            "sub_items", "themes", "addressees", "translations"
        ),
        pk=recommendation_id,
    )
    return recommendation_record(request, recommendation)


def report_record(report) -> dict:
    return {
        "id": report.pk,
        "recommendation": report.recommendation_id,
        "state": report.state.code if report.state_id else None,
        "status": report.status,
        "narrative": report.narrative,
        "evidence_links": report.evidence_list,
        "as_of": report.as_of,
        "accepted_at": report.accepted_at,
        "visibility": report.visibility,
        "is_example": report.is_example,
    }


@api.get("/reports/", response={200: schemas.ReportPage, **ERRORS}, tags=["recommendations"])
def list_reports(
    request,
    state: str | None = StateCode,
    recommendation: int | None = Query(None, ge=1, le=MAX_ID),
    status: Literal[tuple(ImplementationStatus.values)] | None = None,
    limit: int = Limit,
    cursor: str | None = Cursor,
):
    """Implementation reports accepted by the Secretariat that the caller may see: the same queryset
    as the recommendation pages and the progress report."""
    reports = recommendation_selectors.accepted_reports(viewer(request))
    if state:
        reports = reports.filter(state__code=_code(state))
    if recommendation:
        reports = reports.filter(recommendation_id=recommendation)
    if status:
        reports = reports.filter(status=status)
    page = paginate(
        request, reports, orders={"id": Order.field("pk")}, ordering="id", cursor=cursor, limit=limit
    )
    page["results"] = [report_record(r) for r in page["results"]]
    return page


# --- events and training -----------------------------------------------------------------------------


def event_record(request, event) -> dict:
    return {
        "slug": event.slug,
        "title": event.title,
        "language": event.text_language,
        "kind": event.kind,
        "summary": event.summary,
        "starts_at": event.local_start,
        "ends_at": event.local_end,
        "time_zone": event.time_zone,
        "format": event.format,
        "venue": event.venue,
        "city": event.city,
        "host_state": event.host_state.code if event.host_state_id else None,
        "online_url": event.online_url,
        "languages": list(event.languages or []),
        "organisers": event.organiser_list,
        "partners": event.partner_list,
        "agenda": event.agenda_items,
        "topics": sorted(t.code for t in event.topics.all()),
        "meeting": event.meeting.slug if event.meeting_id else None,
        "is_example": event.is_example,
        "updated_at": event.updated_at,
        "links": links(request, "events:detail", event.slug),
    }


EVENT_ORDERS = {"starts": Order.field("starts_at"), "id": Order.field("pk")}


@api.get("/events/", response={200: schemas.EventPage, **ERRORS}, tags=["events"], summary="Events")
def list_events(
    request,
    state: str | None = Query(
        None, pattern="^[A-Za-z]{2}$", description="Hosted by or with participants of."
    ),
    kind: Literal[tuple(EventKind.values)] | None = None,
    topic: str | None = Query(None, max_length=20, description="A theme's code, e.g. evidence."),
    # Not 9999: that year's end, moved to the database's time zone, is past Python's last datetime.
    year: int | None = Query(None, ge=1000, le=9998),
    starts_since: datetime.date | None = Query(None, description="Starting on or after."),
    ordering: Literal["starts", "-starts", "id", "-id"] = "starts",
    limit: int = Limit,
    cursor: str | None = Cursor,
):
    """Workshops, courses and meetings: the same queryset as the Events page (the meetings of
    recommendations that no event stands for are at `/meetings/`)."""
    host = State.objects.filter(code=_code(state)).first() if state else None
    filters = event_selectors.EventFilters(state=host, kind=kind or "", year=year)
    events = event_selectors.events_for_list(filters).select_related("meeting")
    if state and host is None:
        events = events.none()
    if topic:
        events = events.filter(topics__code=topic)
    if starts_since:
        events = events.filter(starts_at__date__gte=starts_since)
    page = paginate(request, events, orders=EVENT_ORDERS, ordering=ordering, cursor=cursor, limit=limit)
    page["results"] = [event_record(request, e) for e in page["results"]]
    return page


@api.get("/events/{slug}/", response={200: schemas.EventDetail, 404: schemas.Error}, tags=["events"])
def get_event(request, slug: str = Path(..., max_length=120)):
    """One event, with the materials the caller may see (as on its page)."""
    event = event_selectors.event_detail(slug)
    if event is None:
        raise HttpError(404, f"slug: there is no event '{slug[:120]}'")
    record = event_record(request, event)
    record["materials"] = [
        {
            "title": m.title,
            "language": m.language,
            "tlp": m.tlp,
            "url": request.build_absolute_uri(reverse("events:material", args=[m.pk])) if m.file else m.url,
        }
        for m in event_selectors.visible_materials(event, viewer(request))
    ]
    return record


# --- statistics ---------------------------------------------------------------------------------------


def indicator_record(indicator) -> dict:
    return {
        "code": indicator.code,
        "category": indicator.category,
        "offence": indicator.offence,
        "measure": indicator.measure,
        "unit": indicator.unit,
        "names": {code: getattr(indicator, f"name_{code}") for code in LANGUAGES
                  if getattr(indicator, f"name_{code}", "")},
        "definitions": {code: getattr(indicator, f"definition_{code}") for code in LANGUAGES
                        if getattr(indicator, f"definition_{code}", "")},
        "part_of": indicator.part_of.code if indicator.part_of_id else None,
    }  # fmt: skip


@api.get("/indicators/", response={200: schemas.IndicatorPage, **ERRORS}, tags=["statistics"])
def list_indicators(
    request,
    category: str | None = Query(None, max_length=30),
    limit: int = Limit,
    cursor: str | None = Cursor,
):
    """The indicators states report each year, as the Statistics page lists them, in its order."""
    indicators = statistics_selectors.active_indicators().select_related("part_of")
    if category:
        indicators = indicators.filter(category=category)
    page = paginate(
        request, indicators, orders={"order": Order.field("sort_order")}, ordering="order", cursor=cursor,
        limit=limit,
    )  # fmt: skip
    page["results"] = [indicator_record(i) for i in page["results"]]
    return page


def statistics_record(request, statistics_return) -> dict:
    return {
        "id": statistics_return.pk,
        "state": statistics_return.state.code,
        "year": statistics_return.year,
        "methodology": statistics_return.methodology,
        "validated_at": statistics_return.validated_at,
        "is_example": statistics_return.is_example,
        "values": [
            {
                "indicator": v.indicator.code,
                "value": v.value,
                "not_available": v.not_available,
                "note": v.note,
            }
            for v in sorted(statistics_return.values.all(), key=lambda v: (v.indicator.sort_order, v.pk))
        ],
        "links": links(request, "statistics:state", statistics_return.state.code.lower()),
    }


STATISTICS_ORDERS = {
    "id": Order.field("pk"),
    "year": Order.field("year"),
    "state": Order.field("state__code"),
}


@api.get("/statistics/", response={200: schemas.StatisticsPage, **ERRORS}, tags=["statistics"])
def list_statistics(
    request,
    state: str | None = StateCode,
    year: int | None = Query(None, ge=1000, le=9999),
    ordering: Literal[tuple(o for name in STATISTICS_ORDERS for o in (name, f"-{name}"))] = "id",
    limit: int = Limit,
    cursor: str | None = Cursor,
):
    """Each state's validated yearly figures: the same public returns as the Statistics pages and
    downloads (drafts and returns under review are never here, whoever asks)."""
    returns = (
        statistics_selectors.public_returns().select_related("state").prefetch_related("values__indicator")
    )
    if state:
        returns = returns.filter(state__code=_code(state))
    if year:
        returns = returns.filter(year=year)
    page = paginate(
        request, returns, orders=STATISTICS_ORDERS, ordering=ordering, cursor=cursor, limit=limit
    )  # fmt: skip
    page["results"] = [statistics_record(request, r) for r in page["results"]]
    return page


# --- the directory -----------------------------------------------------------------------------------


def authority_record(request, authority) -> dict:
    return {
        "id": authority.pk,
        "state": authority.state.code,
        "name": authority.name,
        "name_language": authority.name_language,
        "name_en": authority.name_en,
        "kind": authority.kind,
        "address": authority.address,
        "website": authority.website,
        "reporting_url": authority.reporting_url,
        "request_languages": list(authority.request_languages or []),
        "time_zone": authority.time_zone,
        # Local wall-clock times: OpenAPI's "time" format wants an offset, which these have none of.
        "opens_at": authority.opens_at.strftime("%H:%M") if authority.opens_at else None,
        "closes_at": authority.closes_at.strftime("%H:%M") if authority.closes_at else None,
        "working_days": list(authority.working_days or []),
        "hours_note": authority.hours_note,
        "visibility": authority.visibility,
        "is_example": authority.is_example,
        "links": links(request, "directory:authority", authority.pk),
    }


@api.get("/authorities/", response={200: schemas.AuthorityPage, **ERRORS}, tags=["directory"])
def list_authorities(
    request,
    state: str | None = StateCode,
    kind: Literal[tuple(AuthorityKind.values)] | None = None,
    limit: int = Limit,
    cursor: str | None = Cursor,
):
    """The authorities the caller may see, each one whose directory page answers: the same selector as
    the directory's pages, by state and kind as its filters offer them."""
    authorities = directory_selectors.directory_authorities(
        viewer(request), state=state or "", kind=kind or ""
    )
    page = paginate(
        request, authorities, orders={"id": Order.field("pk")}, ordering="id", cursor=cursor, limit=limit
    )
    page["results"] = [authority_record(request, a) for a in page["results"]]
    return page


def contact_record(request, contact) -> dict:
    return {
        "id": contact.pk,
        "state": contact.authority.state.code,
        "authority": contact.authority_id,
        "name": contact.name,
        "is_desk": contact.is_desk,
        "title": contact.title,
        "language": contact.language,
        "languages_spoken": list(contact.languages_spoken or []),
        "roles": contact.role_codes,
        "phones": [{"kind": p.kind, "number": p.number} for p in contact.phones.all()],
        "emails": [e.address for e in contact.emails.all()],
        "available_247": contact.available_247,
        "secure_channel": contact.secure_channel,
        "last_verified_at": contact.last_verified_at,
        "next_due": contact.next_due,
        "visibility": contact.visibility,
        "is_example": contact.is_example,
        "links": links(request, "directory:contact", contact.pk),
    }


@api.get("/contacts/", response={200: schemas.ContactPage, **ERRORS}, tags=["directory"])
def list_contacts(
    request,
    state: str | None = StateCode,
    role: Literal[tuple(ContactRole.values)] | None = None,
    kind: Literal[tuple(AuthorityKind.values)] | None = Query(None, description="The authority's kind."),
    limit: int = Limit,
    cursor: str | None = Cursor,
):
    """The contacts the caller may see: the directory page's own queryset and filters (a contact shows
    only where its own visibility and its authority's both allow it)."""
    filters = directory_selectors.DirectoryFilters(state=state or "", role=role or "", kind=kind or "")
    contacts = directory_selectors.directory_queryset(viewer(request), filters)
    page = paginate(
        request, contacts, orders={"id": Order.field("pk")}, ordering="id", cursor=cursor, limit=limit
    )
    page["results"] = [contact_record(request, c) for c in page["results"]]
    return page


# --- cooperation: the measure sheets ------------------------------------------------------------------

SHEET_CHANNELS = ["247", "central_authority", "direct", "diplomatic"]
SHEET_FORMS = ["email", "signature", "encryption", "originals"]


def sheet_record(request, sheet, *, experts: bool) -> dict:
    record = {
        "id": sheet.pk,
        "state": sheet.state.code,
        "measure": sheet.measure,
        "can_execute": sheet.can_execute,
        "conditions": sheet.conditions,
        "domestic_provisions": [p.pk for p in sheet.domestic_provisions.all()],
        "domestic_citation": sheet.domestic_citation,
        "treaty_articles": [
            {"instrument": a.instrument.slug, "article": a.number} for a in sheet.treaty_articles.all()
        ],
        "other_bases": sheet.other_bases,
        "dual_criminality": sheet.dual_criminality,
        "dual_criminality_note": sheet.dual_criminality_note,
        "channels": [c for c in SHEET_CHANNELS if getattr(sheet, f"channel_{c}")],
        "languages": list(sheet.languages or []),
        "form": [f for f in SHEET_FORMS if getattr(sheet, f"form_{f}")],
        "form_notes": sheet.form_notes,
        "time_frames": sheet.time_frames,
        "limits_on_use": sheet.limits_on_use,
        "request_contents": sheet.request_contents,
        "authority": sheet.authority.pk if sheet.authority else None,
        "public_notes": sheet.public_notes,
        "as_of": sheet.as_of,
        "next_due": sheet.next_due,
        "visibility": sheet.visibility,
        "is_example": sheet.is_example,
        "links": links(request, "cooperation:state", sheet.state.code.lower()),
    }
    if experts:  # absent, not empty, for a caller who may not read it (the answer omits unset fields)
        record["experts_notes"] = sheet.experts_notes
    return record


@api.get(
    "/measure-sheets/",
    response={200: schemas.MeasureSheetPage, **ERRORS},
    tags=["cooperation"],
    exclude_unset=True,
)
def list_measure_sheets(
    request,
    state: str | None = StateCode,
    measure: Literal[tuple(Measure.values)] | None = None,
    limit: int = Limit,
    cursor: str | None = Cursor,
):
    """What each state can do at another state's request, one sheet per state and measure: the same
    selector as the cooperation pages, each sheet with only the fields the caller may read (the notes
    for vetted experts are absent for anyone else)."""
    user = viewer(request)
    sheets = cooperation_selectors.sheets_with_links(user)
    if state:
        sheets = sheets.filter(state__code=_code(state))
    if measure:
        sheets = sheets.filter(measure=measure)
    page = paginate(
        request, sheets, orders={"id": Order.field("pk")}, ordering="id", cursor=cursor, limit=limit
    )
    experts = policy.can_read_experts_notes(user)
    page["results"] = [
        sheet_record(request, s, experts=experts)
        for s in cooperation_selectors.for_reader(page["results"], user)
    ]
    return page


# --- the thesaurus as SKOS ----------------------------------------------------------------------------

TURTLE = "text/turtle"
JSONLD = "application/ld+json"
THESAURUS_TITLE = "Cyberportal thesaurus of cybercrime law concepts"


# JSON-LD is JSON (clients and schemathesis parse it): an object; Turtle is text.
DOCUMENT_SCHEMAS = {TURTLE: {"type": "string"}, JSONLD: {"type": "object"}}


def _text_answer(media_type: str, description: str) -> dict:
    return {
        "responses": {
            200: {
                "description": description,
                "content": {media_type: {"schema": DOCUMENT_SCHEMAS[media_type]}},
            }
        }
    }


def thesaurus_document(request, media_type: str) -> HttpResponse:
    scheme = request.build_absolute_uri(reverse("api-v1:thesaurus"))

    def article_url(instrument: str, number: str) -> str:
        with translation.override("en"):
            return request.build_absolute_uri(reverse("laws:article", args=[instrument, number]))

    concepts = skos.thesaurus_concepts(scheme, article_url)
    write = skos.to_turtle if media_type == TURTLE else skos.to_jsonld
    body = write(concepts, scheme_uri=scheme, title=THESAURUS_TITLE)
    response = HttpResponse(body, content_type=f"{media_type}; charset=utf-8")
    response["Link"] = f'<{scheme}>; rel="describedby"'
    return response


@api.get(
    "/thesaurus.ttl",
    response={200: None},
    tags=["thesaurus"],
    summary="The thesaurus as SKOS (Turtle)",
    openapi_extra=_text_answer(TURTLE, "The concept scheme in Turtle."),
)
def thesaurus_turtle(request):
    """The legal concept thesaurus as a SKOS concept scheme in Turtle: preferred labels in each language,
    synonyms, broader and narrower concepts, and the framework articles each concept maps to."""
    return thesaurus_document(request, TURTLE)


@api.get(
    "/thesaurus.jsonld",
    response={200: None},
    tags=["thesaurus"],
    summary="The thesaurus as SKOS (JSON-LD)",
    openapi_extra=_text_answer(JSONLD, "The concept scheme in JSON-LD."),
)
def thesaurus_jsonld(request):
    """The same concept scheme in JSON-LD."""
    return thesaurus_document(request, JSONLD)


@api.get(
    "/thesaurus",
    response={200: None},
    tags=["thesaurus"],
    summary="The thesaurus as SKOS (by content negotiation)",
    url_name="thesaurus",
    openapi_extra={
        "responses": {
            200: {
                "description": "Turtle when the Accept header prefers text/turtle, else JSON-LD.",
                "content": {
                    media_type: {"schema": schema} for media_type, schema in DOCUMENT_SCHEMAS.items()
                },
            }
        }
    },
)
def thesaurus(request):
    """The concept scheme's own address (its concepts are `<this address>#<slug>`): Turtle or JSON-LD as
    the Accept header prefers; JSON-LD by default."""
    preferred = request.get_preferred_type([JSONLD, TURTLE, "application/json"])
    return thesaurus_document(request, TURTLE if preferred == TURTLE else JSONLD)


# --- the nightly bulk dump ----------------------------------------------------------------------------

DumpDate = Path(..., pattern=r"^(\d{4}-\d{2}-\d{2}|latest)$", description="YYYY-MM-DD, or `latest`.")
DumpFileName = Path(..., max_length=120, description="A file the dump's manifest lists.")
DUMP_MEDIA = ["application/json", "text/csv", "application/akn+xml", "text/turtle", "application/ld+json",
              "text/markdown", "text/plain"]  # fmt: skip


@api.get("/dumps/", response={200: schemas.DumpList}, tags=["bulk data"], summary="Bulk dumps")
def list_dumps(request):
    """The nightly dumps of all public data, newest first, each at a stable address per date."""
    from . import dump

    dates = dump.dump_dates()

    def url(date):
        return request.build_absolute_uri(reverse("api-v1:dump", args=[date]))

    return {"latest": url("latest") if dates else None, "dumps": [{"date": d, "url": url(d)} for d in dates]}


@api.get(
    "/dumps/{date}/",
    response={200: schemas.DumpManifest, 404: schemas.Error},
    tags=["bulk data"],
    url_name="dump",
)
def get_dump(request, date: str = DumpDate):
    """One dump's manifest: its files with their size, SHA-256 and address, and the records per resource.
    `latest` is the newest dump."""
    from . import dump

    manifest = dump.dump_manifest(date)
    if manifest is None:
        raise HttpError(404, f"date: there is no dump of '{date[:12]}'")
    for entry in manifest["files"]:
        entry["url"] = request.build_absolute_uri(
            reverse("api-v1:dump_file", args=[manifest["date"], entry["name"]])
        )
    return manifest


@api.get(
    "/dumps/{date}/{name}",
    response={200: None, 404: schemas.Error},
    tags=["bulk data"],
    url_name="dump_file",
    openapi_extra={
        "responses": {
            200: {
                "description": "The file, as the manifest lists it.",
                "content": {
                    t: {"schema": {"type": "object"} if t.endswith("json") else {"type": "string"}}
                    for t in DUMP_MEDIA
                },
            }
        }
    },
)
def get_dump_file(request, date: str = DumpDate, name: str = DumpFileName):
    """A file of a dump: a resource's JSON or CSV, a law's Akoma Ntoso, the thesaurus, README, manifest."""
    from django.http import FileResponse

    from . import dump

    found = dump.dump_file(date, name)
    if found is None:
        raise HttpError(404, f"name: the dump of '{date[:12]}' has no file '{name[:120]}'")
    handle, media_type = found
    return FileResponse(handle, content_type=media_type, filename=name)


# --- writes: a token with the `write` scope, through the moderation flow -------------------------------


def write_refusal(request):
    """None when the request may write; else the 401/403 answer. Writes take a bearer token only (never
    the session cookie, which a cross-site form could send), with the `write` scope, of an account
    that may still write (`core.policy.can_write_through_api`)."""
    from .models import TokenScope
    from .tokens import Refusal, unauthorized

    token = getattr(request, "api_token", None)
    if token is None:
        return unauthorized(Refusal("invalid_request", "Writing needs a bearer token with the write scope."))
    if token.scope != TokenScope.WRITE or not policy.can_write_through_api(token.user):
        return Status(
            403, {"detail": "This token may only read: writing needs the write scope (focal points)."}
        )
    return None


@api.post(
    "/laws/{law_id}/drafts/",
    response={202: schemas.LawDraftOut, **WRITE_ERRORS},
    tags=["laws"],
    summary="Propose a change to a law (draft for the Secretariat)",
)
def propose_law_change(request, payload: schemas.LawDraftIn, law_id: int = RecordId):
    """A focal point's change to their own state's law: saved as a draft and submitted to the
    Secretariat's review, exactly as "Submit to the Secretariat" in the admin; the published law does
    not change until the Secretariat approves. Needs `Authorization: Bearer` with a `write` token."""
    refused = write_refusal(request)
    if refused is not None:
        return refused
    user = viewer(request)
    law = get_object_or_404(law_selectors.visible_laws(user), pk=law_id)
    if not policy.can_edit(user, law):
        return Status(
            403, {"detail": f"law_id: you may change only your own state's laws, not law {law_id}."}
        )
    changes = payload.dict(exclude_unset=True)
    if not changes:
        raise HttpError(400, "body: name at least one field to change.")
    try:
        revision = law_services.law_draft_submit(law=law, user=user, changes=changes)
    except ValidationError as error:
        raise HttpError(400, _validation_detail(error)) from None
    return Status(
        202, {"law": law.pk, "revision": revision.pk, "status": "in_review", "changed": sorted(changes)}
    )


def _validation_detail(error: ValidationError) -> str:
    """A service's refusal as one line naming each field."""
    if hasattr(error, "error_dict"):
        return "; ".join(f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items())
    return "; ".join(error.messages)


@api.post(
    "/contacts/{contact_id}/drafts/",
    response={202: schemas.ContactDraftOut, **WRITE_ERRORS},
    tags=["directory"],
    summary="Correct a directory contact (draft for the Secretariat)",
)
def propose_contact_change(request, payload: schemas.ContactDraftIn, contact_id: int = RecordId):
    """A focal point's correction of a contact of their own state's directory (name, title, language,
    secure channel, 24/7 availability, languages spoken, phones, e-mails): saved as a draft and
    submitted to the Secretariat's review, as "Submit to the Secretariat" in the admin; the published
    entry does not change until the Secretariat approves. Needs `Authorization: Bearer` with a `write`
    token. The contact's id is the one in its directory page's address."""
    refused = write_refusal(request)
    if refused is not None:
        return refused
    user = viewer(request)
    contact = directory_selectors.contact_for(user, contact_id)
    if contact is None:
        raise HttpError(404, f"contact_id: there is no contact {contact_id} you may see.")
    if not policy.can_edit(user, contact):
        return Status(
            403, {"detail": f"contact_id: you may correct only your own state's contacts, not {contact_id}."}
        )
    changes = payload.dict(exclude_unset=True)
    phones = changes.pop("phones", None)
    emails = changes.pop("emails", None)
    changed = sorted(
        [*changes, *(["phones"] if phones is not None else []), *(["emails"] if emails is not None else [])]
    )
    if not changed:
        raise HttpError(400, "body: name at least one field to change.")
    try:
        revision = directory_services.contact_draft_submit(
            contact=contact, user=user, changes=changes, emails=emails,
            phones=None if phones is None else [(p["kind"], p["number"]) for p in phones],
        )  # fmt: skip
    except ValidationError as error:
        raise HttpError(400, _validation_detail(error)) from None
    return Status(
        202, {"contact": contact.pk, "revision": revision.pk, "status": "in_review", "changed": changed}
    )
