"""Demo measure sheets (six states) and treaty declarations (every state party to the Budapest
Convention), all invented and labelled as examples; published through the cooperation services."""

from __future__ import annotations

import datetime

from django.db import transaction

from cyberportal.cooperation.models import Declaration, DeclarationKind, Measure, MeasureSheet
from cyberportal.cooperation.services import declaration_save, measure_sheet_save, moderation_workflow_ensure
from cyberportal.core.roles import Visibility
from cyberportal.directory.models import Authority
from cyberportal.laws.models import ProvisionMapping
from cyberportal.states.models import Article, State, TreatyStatus, TreatyStatusValue

SHEET_STATES = ["AR", "BR", "CL", "CO", "MX", "US"]
# measure: (can execute, conditions, Budapest articles accepted, dual criminality, channels)
SHEETS = {
    Measure.PRESERVATION: ("yes", "", ["16", "29"], "not_required", {"channel_247", "channel_direct"}),
    Measure.SUBSCRIBER: (
        "yes",
        "",
        ["18", "31"],
        "not_required",
        {"channel_247", "channel_central_authority"},
    ),
    Measure.TRAFFIC: (
        "conditions",
        "A court order is needed; the request must name the period and the identifiers (example).",
        ["17", "30", "31"],
        "depends",
        {"channel_central_authority"},
    ),
    Measure.CONTENT: (
        "conditions",
        "Only through formal mutual assistance, with a judge's order (example).",
        ["31"],
        "required",
        {"channel_central_authority", "channel_diplomatic"},
    ),
    Measure.EMERGENCY: ("yes", "", ["35"], "not_required", {"channel_247"}),
    Measure.SPONTANEOUS: ("yes", "", ["26"], "not_required", {"channel_247", "channel_direct"}),
}
# Bases beyond the Budapest Convention that the example sheets accept, so that the request assistant
# offers them as the state's own: (instrument slug, article number).
OTHER_TREATY_BASES = {
    Measure.PRESERVATION: [("oas-a-55", "7")],
    Measure.SUBSCRIBER: [("cets-224", "7")],
    Measure.EMERGENCY: [("cets-224", "9"), ("cets-224", "10")],
}
# Budapest articles under which parties declare, reserve or designate: (article, kind, example text).
DECLARATIONS = [
    ("24", DeclarationKind.DESIGNATED_AUTHORITY, "Designates the authority responsible for extradition and provisional arrest in the absence of a treaty (example)."),
    ("27", DeclarationKind.DESIGNATED_AUTHORITY, "Designates the central authority responsible for sending and answering requests for mutual assistance (example)."),
    ("35", DeclarationKind.DESIGNATED_AUTHORITY, "Designates the 24/7 point of contact (example)."),
    ("29", DeclarationKind.RESERVATION, "Reserves the right to refuse preservation where dual criminality is not met at the time of disclosure, except for the offences of Articles 2 to 11 (example)."),
]  # fmt: skip


def _language(state: State) -> str:
    return (state.official_languages or ["en"])[0].split("-")[0]


def _sheet(state: State, measure: str, spec, authority, articles, provisions, index: int) -> None:
    if MeasureSheet.objects.filter(state=state, measure=measure).exists():
        return
    can_execute, conditions, numbers, dual, channels = spec
    sheet = MeasureSheet(
        state=state,
        measure=measure,
        can_execute=can_execute,
        conditions=conditions,
        dual_criminality=dual,
        domestic_citation="" if provisions else "Code of criminal procedure (example citation)",
        languages=sorted({_language(state), "en"}),
        form_email=True,
        form_signature=measure in {Measure.TRAFFIC, Measure.CONTENT},
        form_encryption=measure == Measure.CONTENT,
        form_originals=measure == Measure.CONTENT,
        request_contents=(
            "The requesting authority; a summary of the facts and the offence; the data sought, "
            "with identifiers and the period; the link between the data and the case; urgency (example)."
        ),
        time_frames="Preservation within 24 hours; disclosure within 10 working days (example).",
        limits_on_use="Evidence may be used only in the proceedings named in the request (example).",
        authority=authority,
        public_notes="Send a copy by e-mail to the 24/7 point of contact (example).",
        experts_notes="For urgent cases at night, call the duty prosecutor first (example, experts only).",
        # A spread true to life: most sheets are current, one state's are overdue for verification.
        as_of=datetime.date(2025, 1, 31) if index == 0 else datetime.date(2026, 6, 1),
        next_due=datetime.date(2026, 1, 31) if index == 0 else datetime.date(2027, 6, 1),
        visibility=Visibility.PUBLIC,
        is_example=True,
        **dict.fromkeys(channels, True),
    )
    others = [
        article
        for slug, number in OTHER_TREATY_BASES.get(measure, [])
        for article in Article.objects.filter(instrument__slug=slug, number=number)
    ]
    measure_sheet_save(
        sheet=sheet,
        provisions=provisions,
        articles=[articles[n] for n in numbers if n in articles] + others,
        publish=True,
    )


def _parties() -> list[State]:
    statuses = TreatyStatus.objects.filter(
        instrument__slug="cets-185", status__in=TreatyStatusValue.party_values()
    ).select_related("state")
    return [s.state for s in statuses.order_by("state__code")]


@transaction.atomic
def cooperation_load() -> None:
    moderation_workflow_ensure()
    articles = {a.number: a for a in Article.objects.filter(instrument__slug="cets-185")}
    if not articles:
        return
    authorities = {a.state.code: a for a in Authority.objects.select_related("state").order_by("pk")}
    for index, code in enumerate(SHEET_STATES):
        state = State.objects.filter(code=code).first()
        if state is None:
            continue
        procedural = list(
            {
                m.provision
                for m in ProvisionMapping.objects.filter(
                    provision__law__state=state, article__number__in=["16", "17", "18", "19"]
                ).select_related("provision__law")
            }
        )
        for measure, spec in SHEETS.items():
            _sheet(state, measure, spec, authorities.get(code), articles, procedural, index)
    for position, state in enumerate(_parties()):
        for number, kind, text in DECLARATIONS:
            article = articles.get(number)
            if kind == DeclarationKind.RESERVATION and position % 3:
                continue  # a reservation for some parties only, as in life
            if (
                article is None
                or Declaration.objects.filter(state=state, article=article, kind=kind).exists()
            ):
                continue
            declaration = Declaration(
                state=state,
                instrument=article.instrument,
                article=article,
                kind=kind,
                text=text,
                language="en",
                authority=authorities.get(state.code)
                if kind == DeclarationKind.DESIGNATED_AUTHORITY
                else None,
                made_on=datetime.date(2020, 1, 1),
                source_url="https://www.coe.int/en/web/conventions/full-list?module=declarations-by-treaty&treatynum=185",
                source_note="Council of Europe Treaty Office (the demo's text is an example)",
                as_of=datetime.date(2026, 6, 1),
                is_example=True,
            )
            declaration_save(declaration=declaration, publish=True)
