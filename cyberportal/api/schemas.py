"""The API's records as pydantic schemas: what `/api/v1/openapi.json` describes, generated from here."""

from __future__ import annotations

import datetime
from typing import Literal

from ninja import Schema
from pydantic import Field

from cyberportal.directory.models import PhoneKind

LanguageMap = dict[str, str]  # BCP 47 language code -> text (or address)


class Error(Schema):
    detail: str | list


class TreatyStatusOut(Schema):
    instrument: str = Field(description="The instrument's slug, e.g. cets-185.")
    status: str = Field(description="invited, signed, ratified, acceded or none.")
    invited_on: datetime.date | None
    signed_on: datetime.date | None
    ratified_on: datetime.date | None
    in_force_on: datetime.date | None
    as_of: datetime.date | None
    source_url: str
    is_example: bool


class StateOut(Schema):
    code: str = Field(description="ISO 3166-1 alpha-2.")
    alpha3: str
    numeric: str
    names: LanguageMap = Field(description="The state's name in each interface language.")
    official_languages: list[str]
    network_247_member: bool
    network_247_since: datetime.date | None
    membership: str | None = Field(description="The latest membership period's status.")
    treaty_statuses: list[TreatyStatusOut]
    links: LanguageMap = Field(description="The country profile page in each interface language.")


class StatePage(Schema):
    results: list[StateOut]
    next: str | None


class ArticleOut(Schema):
    number: str
    title: str
    chapter: str
    section: str
    category: str
    provisional: bool
    links: LanguageMap


class InstrumentOut(Schema):
    slug: str
    short_name: str
    title: str
    language: str
    kind: str
    reference: str
    parent: str | None
    adopted_on: datetime.date | None
    entry_into_force: datetime.date | None
    source_url: str
    links: LanguageMap


class InstrumentDetail(InstrumentOut):
    articles: list[ArticleOut]


class InstrumentPage(Schema):
    results: list[InstrumentOut]
    next: str | None


class LawOut(Schema):
    id: int
    state: str
    identifier: str
    titles: LanguageMap = Field(description="The title in its original language, and in English if given.")
    language: str = Field(description="The law's original language.")
    law_type: str
    status: str
    year: int | None
    enacted_on: datetime.date | None
    published_on: datetime.date | None
    in_force_on: datetime.date | None
    repealed_on: datetime.date | None
    frbr_uri: str = Field(description="The Akoma Ntoso FRBR work URI.")
    source_url: str
    gazette_reference: str
    summary: LanguageMap
    visibility: str
    is_example: bool
    last_published_at: datetime.datetime | None
    links: LanguageMap = Field(description="The law's page in each interface language.")
    akn_url: str = Field(description="The Akoma Ntoso XML export.")


class LawPage(Schema):
    results: list[LawOut]
    next: str | None


class MappingOut(Schema):
    id: int
    provision: int
    law: int
    state: str
    instrument: str
    article: str
    extent: str
    reviewed: bool
    note: str


class MappingPage(Schema):
    results: list[MappingOut]
    next: str | None


class ProvisionOut(Schema):
    id: int
    parent: int | None
    depth: int
    kind: str
    number: str
    heading: str
    text: str
    language: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    mappings: list[MappingOut]


class LawDetail(LawOut):
    provisions_on: datetime.date | None = Field(
        description="The date the provisions are given as in force on."
    )
    provisions: list[ProvisionOut]


class MeetingOut(Schema):
    slug: str
    body: str
    number: str
    year: int
    start_date: datetime.date | None
    end_date: datetime.date | None
    place: str
    symbol: str
    original_language: str
    source_url: str
    links: LanguageMap


class MeetingPage(Schema):
    results: list[MeetingOut]
    next: str | None


class SubItemOut(Schema):
    letter: str
    text: str


class RecommendationOut(Schema):
    id: int
    meeting: str
    number: int
    language: str
    texts: LanguageMap = Field(description="The text in its original language and each translation.")
    sub_items: list[SubItemOut]
    themes: list[str]
    addressees: list[str]
    previous: int | None = Field(description="The earlier recommendation this one repeats or continues.")
    links: LanguageMap


class RecommendationPage(Schema):
    results: list[RecommendationOut]
    next: str | None


class ReportOut(Schema):
    id: int
    recommendation: int
    state: str | None = Field(description="None for the Technical Secretariat's own report.")
    status: str
    narrative: str
    evidence_links: list[str]
    as_of: datetime.date
    accepted_at: datetime.datetime | None
    visibility: str
    is_example: bool


class ReportPage(Schema):
    results: list[ReportOut]
    next: str | None


class EventMaterialOut(Schema):
    title: str
    language: str
    tlp: str = Field(description="Traffic Light Protocol label: CLEAR for public materials.")
    url: str = Field(description="The download (or the material's own address).")


class EventOut(Schema):
    slug: str
    title: str
    language: str = Field(description="The language the title, description and agenda are written in.")
    kind: str
    summary: str
    starts_at: datetime.datetime = Field(description="In the venue's time zone (`time_zone`).")
    ends_at: datetime.datetime
    time_zone: str = Field(description="IANA time zone of the venue.")
    format: str = Field(description="in_person, online or hybrid.")
    venue: str
    city: str
    host_state: str | None = Field(description="ISO 3166-1 alpha-2 of the host state.")
    online_url: str
    languages: list[str] = Field(description="Working languages (BCP 47).")
    organisers: list[str]
    partners: list[str]
    agenda: list[str]
    topics: list[str] = Field(description="Theme codes, as on recommendations.")
    meeting: str | None = Field(description="The slug of the meeting of recommendations it stands for.")
    is_example: bool
    updated_at: datetime.datetime
    links: LanguageMap


class EventDetail(EventOut):
    materials: list[EventMaterialOut] = Field(description="The materials the caller may see.")


class EventPage(Schema):
    results: list[EventOut]
    next: str | None


class IndicatorOut(Schema):
    code: str
    category: str
    offence: str
    measure: str
    unit: str
    names: LanguageMap
    definitions: LanguageMap
    part_of: str | None = Field(description="The code of the indicator this one is a part of.")


class IndicatorPage(Schema):
    results: list[IndicatorOut]
    next: str | None


class StatisticValueOut(Schema):
    indicator: str = Field(description="The indicator's code (/api/v1/indicators/).")
    value: int | None
    not_available: bool
    note: str


class StatisticsReturnOut(Schema):
    id: int
    state: str
    year: int
    methodology: str
    validated_at: datetime.datetime | None
    is_example: bool
    values: list[StatisticValueOut]
    links: LanguageMap = Field(description="The state's statistics page in each interface language.")


class StatisticsPage(Schema):
    results: list[StatisticsReturnOut]
    next: str | None


class DumpFile(Schema):
    name: str
    bytes: int
    sha256: str = Field(description="SHA-256 of the file, hex.")
    media_type: str
    records: int | None = Field(None, description="Records in a resource's JSON or CSV file.")
    url: str


class DumpManifest(Schema):
    date: datetime.date
    generated_at: datetime.datetime
    site: str
    counts: dict[str, int] = Field(description="Records per resource.")
    files: list[DumpFile]


class DumpEntry(Schema):
    date: datetime.date
    url: str


class DumpList(Schema):
    latest: str | None = Field(description="The address of the newest dump (also at /api/v1/dumps/latest/).")
    dumps: list[DumpEntry] = Field(description="Every dump kept, newest first.")


class LawDraftIn(Schema):
    """The details of a law a focal point may change through the API; each goes to review as a draft."""

    title_en: str | None = Field(None, max_length=500)
    summary: str | None = Field(None, max_length=20000)
    summary_language: str | None = Field(None, max_length=10)
    source_url: str | None = Field(None, max_length=500)
    gazette_reference: str | None = Field(None, max_length=300)
    status: str | None = Field(None, max_length=20)
    enacted_on: datetime.date | None = None
    published_on: datetime.date | None = None
    in_force_on: datetime.date | None = None
    repealed_on: datetime.date | None = None


class PhoneIn(Schema):
    kind: Literal[tuple(PhoneKind.values)] = Field(description="office, mobile, hotline (24/7 line) or fax.")
    number: str = Field(max_length=40, description="Any format; stored in E.164 (+<country><number>).")


class ContactDraftIn(Schema):
    """The details of a directory contact a focal point may correct through the API; the correction goes
    to the Secretariat's review as a draft. `phones` and `emails`, when given, replace the contact's."""

    name: str | None = Field(None, max_length=200)
    title: str | None = Field(None, max_length=300)
    language: str | None = Field(None, max_length=12, description="BCP 47: the language of its e-mails.")
    secure_channel: str | None = Field(None, max_length=5000)
    available_247: bool | None = None
    languages_spoken: list[str] | None = Field(None, max_length=20)
    phones: list[PhoneIn] | None = Field(None, max_length=20)
    emails: list[str] | None = Field(None, max_length=20)


class ContactDraftOut(Schema):
    contact: int
    revision: int
    status: str = Field(description="`in_review`: waiting for the Secretariat, who publishes or returns it.")
    changed: list[str]


class LawDraftOut(Schema):
    law: int
    revision: int
    status: str = Field(description="`in_review`: waiting for the Secretariat, who publishes or returns it.")
    changed: list[str]


class AuthorityOut(Schema):
    id: int = Field(description="The id in the authority's directory page's address.")
    state: str
    name: str = Field(description="The name in its original language (`name_language`).")
    name_language: str
    name_en: str
    kind: str = Field(description="prosecution, police, central_authority, ... (as the directory's filter).")
    address: str
    website: str
    reporting_url: str = Field(description="The authority's page where citizens report a cybercrime.")
    request_languages: list[str]
    time_zone: str
    opens_at: str | None = Field(description="HH:MM in the authority's time zone.")
    closes_at: str | None = Field(description="HH:MM in the authority's time zone.")
    working_days: list[int] = Field(description="ISO weekdays, 1 = Monday.")
    hours_note: str
    visibility: str
    is_example: bool
    links: LanguageMap = Field(description="The authority's directory page in each interface language.")


class AuthorityPage(Schema):
    results: list[AuthorityOut]
    next: str | None


class PhoneOut(Schema):
    kind: str = Field(description="office, mobile, hotline (24/7 line) or fax.")
    number: str = Field(description="E.164.")


class ContactOut(Schema):
    id: int = Field(description="The id `POST /api/v1/contacts/{id}/drafts/` takes.")
    state: str
    authority: int
    name: str
    is_desk: bool
    title: str
    language: str
    languages_spoken: list[str]
    roles: list[str]
    phones: list[PhoneOut]
    emails: list[str]
    available_247: bool
    secure_channel: str
    last_verified_at: datetime.datetime | None
    next_due: datetime.date | None
    visibility: str = Field(description="public, experts, state or secretariat: who may see the contact.")
    is_example: bool
    links: LanguageMap = Field(description="The contact's directory page in each interface language.")


class ContactPage(Schema):
    results: list[ContactOut]
    next: str | None


class TreatyArticleRef(Schema):
    instrument: str
    article: str


class MeasureSheetOut(Schema):
    id: int
    state: str
    measure: str
    can_execute: str
    conditions: str
    domestic_provisions: list[int] = Field(description="Ids of the provisions (of laws the caller may see).")
    domestic_citation: str
    treaty_articles: list[TreatyArticleRef]
    other_bases: str
    dual_criminality: str
    dual_criminality_note: str
    channels: list[str] = Field(description="247, central_authority, direct, diplomatic: those accepted.")
    languages: list[str]
    form: list[str] = Field(description="email, signature, encryption, originals: those that apply.")
    form_notes: str
    time_frames: str
    limits_on_use: str
    request_contents: str
    authority: int | None = Field(description="The competent authority, when the caller may see it.")
    public_notes: str
    experts_notes: str | None = Field(
        None, description="Notes for vetted experts: present only for callers who may read them."
    )
    as_of: datetime.date
    next_due: datetime.date | None
    visibility: str
    is_example: bool
    links: LanguageMap = Field(description="The state's measure sheets page in each interface language.")


class MeasureSheetPage(Schema):
    results: list[MeasureSheetOut]
    next: str | None
