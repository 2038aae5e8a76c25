"""The request-drafting assistant's knowledge: which legal bases fit a measure, what the portal already
knows about the requested state (its sheet, the competent authority, channels, languages, the providers
that hold such data) and what each field of the request must say, from the treaty and from the sheet.

Nothing here writes; `selectors.assistant_context` builds the `Known` facts only from what the user may
see, and `documents` turns a filled request into DOCX and PDF.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from cyberportal.states.models import Article, State

from .models import Measure, MeasureSheet

# Languages the documents can be written in (the section headings exist in these four).
DOCUMENT_LANGUAGES = ["en", "es", "pt", "fr"]

BUDAPEST, PROTOCOL2, UN, IA_MLA, IA_PROTOCOL = (
    "cets-185",
    "cets-224",
    "un-cybercrime-2024",
    "oas-a-55",
    "oas-a-59",
)
# The framework articles a request for each measure may rest on, most specific first.
MEASURE_BASES: dict[str, list[tuple[str, str]]] = {
    Measure.PRESERVATION: [(BUDAPEST, "29"), (UN, "42"), (IA_MLA, "7")],
    Measure.PARTIAL_TRAFFIC: [(BUDAPEST, "30"), (UN, "43"), (IA_MLA, "7")],
    Measure.SUBSCRIBER: [(BUDAPEST, "31"), (PROTOCOL2, "7"), (PROTOCOL2, "6"), (UN, "44"), (IA_MLA, "7")],
    Measure.TRAFFIC: [(BUDAPEST, "31"), (UN, "44"), (IA_MLA, "7")],
    Measure.CONTENT: [(BUDAPEST, "31"), (UN, "44"), (IA_MLA, "7")],
    Measure.SEARCH_SEIZURE: [(BUDAPEST, "31"), (UN, "44"), (IA_MLA, "7")],
    Measure.REALTIME_TRAFFIC: [(BUDAPEST, "33"), (UN, "45"), (IA_MLA, "7")],
    Measure.INTERCEPTION: [(BUDAPEST, "34"), (UN, "46"), (IA_MLA, "7")],
    Measure.EMERGENCY: [(PROTOCOL2, "9"), (PROTOCOL2, "10"), (BUDAPEST, "25"), (IA_MLA, "7")],
    Measure.VIDEO_TESTIMONY: [(PROTOCOL2, "11"), (IA_MLA, "7")],
    Measure.JOINT_TEAMS: [(PROTOCOL2, "12"), (UN, "48")],
    Measure.SPONTANEOUS: [(BUDAPEST, "26")],
}
OTHER_BASES = {
    "bilateral": _("A bilateral mutual legal assistance treaty"),
    "reciprocity": _("Reciprocity (no treaty)"),
}

# Which document a request becomes: the structure of the Council of Europe's template it follows.
PRESERVATION, PARTIAL_TRAFFIC, MLA = "preservation", "partial_traffic", "mla"
DOMAIN, ORDER, EMERGENCY_DISCLOSURE, EMERGENCY_MLA = (
    "domain",
    "order",
    "emergency_disclosure",
    "emergency_mla",
)
KIND_BY_ARTICLE = {
    (BUDAPEST, "29"): PRESERVATION,
    (UN, "42"): PRESERVATION,
    (BUDAPEST, "30"): PARTIAL_TRAFFIC,
    (UN, "43"): PARTIAL_TRAFFIC,
    (PROTOCOL2, "6"): DOMAIN,
    (PROTOCOL2, "7"): ORDER,
    (PROTOCOL2, "9"): EMERGENCY_DISCLOSURE,
    (PROTOCOL2, "10"): EMERGENCY_MLA,
}
KIND_BY_MEASURE = {
    Measure.PRESERVATION: PRESERVATION,
    Measure.PARTIAL_TRAFFIC: PARTIAL_TRAFFIC,
    Measure.EMERGENCY: EMERGENCY_MLA,
}

# The fields the author fills, in the order of the form.
FIELDS = [
    "requesting_authority",
    "officer",
    "reference",
    "urgency",
    "offence",
    "facts",
    "emergency",
    "data_sought",
    "relationship",
    "custodian",
    "necessity",
    "follow_up",
    "procedures",
]
# Which fields each kind of request asks for (the others are hidden and left out of the document).
KIND_FIELDS = {
    PRESERVATION: set(FIELDS) - {"emergency"},
    PARTIAL_TRAFFIC: set(FIELDS) - {"emergency"},
    MLA: set(FIELDS) - {"emergency", "follow_up"},
    DOMAIN: set(FIELDS) - {"emergency", "follow_up"},
    ORDER: set(FIELDS) - {"emergency", "follow_up"},
    EMERGENCY_DISCLOSURE: set(FIELDS) - {"follow_up", "necessity"},
    EMERGENCY_MLA: set(FIELDS) - {"follow_up", "necessity"},
}
REQUIRED = {"requesting_authority", "officer", "offence", "facts", "data_sought"}
KIND_REQUIRED = {
    PRESERVATION: {"custodian", "necessity"},
    PARTIAL_TRAFFIC: {"custodian"},
    DOMAIN: set(),
    ORDER: {"custodian"},
    EMERGENCY_DISCLOSURE: {"emergency"},
    EMERGENCY_MLA: {"emergency"},
    MLA: {"relationship"},
}

# What the treaty itself asks of each field, per kind (Budapest Art. 29(2), 30, 31 with 27; Second
# Protocol Arts. 6(3), 7(3)-(4), 9(3), 10(3)): shown beside the field whatever the state's sheet says.
TREATY_ASKS = {
    PRESERVATION: {
        "requesting_authority": _("Art. 29(2)(a): the authority seeking the preservation."),
        "offence": _("Art. 29(2)(b): the offence under investigation."),
        "facts": _("Art. 29(2)(b): a brief summary of the related facts."),
        "data_sought": _("Art. 29(2)(c): the stored computer data to be preserved."),
        "relationship": _("Art. 29(2)(c): its relationship to the offence."),
        "custodian": _(
            "Art. 29(2)(d): any information identifying the custodian of the data or the location of the system."
        ),
        "necessity": _("Art. 29(2)(e): the necessity of the preservation."),
        "follow_up": _(
            "Art. 29(2)(f): that a request for mutual assistance for search, seizure or disclosure will follow."
        ),
    },
    PARTIAL_TRAFFIC: {
        "data_sought": _(
            "Art. 30: the traffic data being preserved whose disclosure will identify the providers and the path."
        ),
        "custodian": _("Art. 30: the service provider already asked to preserve the data."),
    },
    MLA: {
        "requesting_authority": _("Art. 27(9) and 31: the authority making the request."),
        "offence": _("The offence and the applicable law, for dual criminality where it applies."),
        "data_sought": _("Art. 31: the stored data to be searched, seized or disclosed, with the period."),
        "relationship": _("Art. 27(4): the requested state may refuse if the link to the case is unclear."),
        "procedures": _("Art. 27(8): confidentiality may be asked; say so if the user must not be notified."),
    },
    DOMAIN: {
        "data_sought": _("Protocol Art. 6(3): the domain name and the registration information sought."),
        "relationship": _("Protocol Art. 6(3): why the information is needed for the investigation."),
        "procedures": _("Protocol Art. 6(3): any instruction on confidentiality."),
    },
    ORDER: {
        "requesting_authority": _("Protocol Art. 7(3): the issuing authority and the date of the order."),
        "offence": _("Protocol Art. 7(3): the legal basis and the offence under investigation."),
        "custodian": _("Protocol Art. 7(3): the service provider to which the order is addressed."),
        "data_sought": _("Protocol Art. 7(3): the subscriber information sought."),
        "facts": _("Protocol Art. 7(4): a summary of the facts (for the authority notified)."),
        "procedures": _("Protocol Art. 7(3): any special procedural instructions."),
    },
    EMERGENCY_DISCLOSURE: {
        "emergency": _(
            "Protocol Art. 3(2)(c) and 9: a significant and imminent risk to the life or safety of a person."
        ),
        "data_sought": _("Protocol Art. 9(3): the stored data sought, specified as far as possible."),
        "custodian": _("Protocol Art. 9(3): the service provider that holds the data."),
    },
    EMERGENCY_MLA: {
        "emergency": _("Protocol Art. 10(3): a description of the facts that show there is an emergency."),
        "data_sought": _("Protocol Art. 10(3): the assistance sought and how it relates to the emergency."),
        "requesting_authority": _("Protocol Art. 10: an authority reachable at any hour."),
    },
}


@dataclass
class BasisOption:
    key: str  # "cets-185:29", "bilateral", "reciprocity"
    label: str
    article: Article | None = None
    accepted: bool | None = None  # by the requested state's sheet; None when there is no sheet


@dataclass
class Known:
    """What the portal knows about the requested state for this measure, narrowed to the reader."""

    state: State
    measure: str
    sheet: MeasureSheet | None
    authority: object | None  # directory.Authority the reader may see
    contacts: list = field(default_factory=list)
    providers: list = field(default_factory=list)
    bases: list[BasisOption] = field(default_factory=list)
    document_languages: list[str] = field(default_factory=list)

    @property
    def measure_label(self) -> str:
        return str(Measure(self.measure).label)


def basis_options(measure: str, sheet: MeasureSheet | None) -> list[BasisOption]:
    """The bases offered for `measure`: the framework articles in the database (those the sheet accepts
    first), any other article the sheet accepts, then a bilateral treaty and reciprocity."""
    wanted = MEASURE_BASES.get(measure, [])
    found = {
        (a.instrument.slug, a.number): a
        for a in Article.objects.select_related("instrument").filter(
            instrument__slug__in={s for s, _n in wanted}, number__in={n for _s, n in wanted}
        )
    }
    accepted = {(a.instrument.slug, a.number): a for a in sheet.treaty_articles.all()} if sheet else {}
    keys = [k for k in wanted if k in found] + [k for k in accepted if k not in wanted]
    articles = {**found, **accepted}
    options = [
        BasisOption(
            key=f"{slug}:{number}",
            label=f"{articles[(slug, number)].instrument.display_short_name}, {articles[(slug, number)].label}"
            f" – {articles[(slug, number)].display_title}",
            article=articles[(slug, number)],
            accepted=((slug, number) in accepted) if sheet else None,
        )
        for slug, number in keys
    ]
    if sheet:
        options.sort(key=lambda o: not o.accepted)
    options += [BasisOption(key=key, label=str(label)) for key, label in OTHER_BASES.items()]
    return options


def kind_for(measure: str, basis: str) -> str:
    slug, _sep, number = basis.partition(":")
    return KIND_BY_ARTICLE.get((slug, number)) or KIND_BY_MEASURE.get(measure, MLA)


def document_languages(state: State, sheet: MeasureSheet | None, reader_languages: list[str]) -> list[str]:
    """The requested state's language first (its sheet's accepted languages, else its official ones),
    then the reader's (interface, then their state's), then English: only languages the documents can
    be written in."""
    candidates = list(sheet.languages if sheet and sheet.languages else []) + list(
        state.official_languages or []
    )
    if sheet and sheet.languages:
        candidates = [c for c in candidates if c.split("-")[0] != "en"] or candidates
    order = [code.split("-")[0].lower() for code in [*candidates, *reader_languages, "en"]]
    return [code for code in dict.fromkeys(order) if code in DOCUMENT_LANGUAGES]


def field_requirements(kind: str, sheet: MeasureSheet | None) -> dict[str, list[str]]:
    """Beside each field: what the treaty asks, then what the requested state's sheet adds."""
    asks: dict[str, list[str]] = {name: [] for name in FIELDS}
    for name, text in TREATY_ASKS.get(kind, {}).items():
        asks[name].append(str(text))
    if sheet is None:
        return asks
    if sheet.request_contents:
        asks["data_sought"].append(str(_("The requested state asks: %s")) % sheet.request_contents)
    if sheet.dual_criminality != "unknown":
        note = f" ({sheet.dual_criminality_note})" if sheet.dual_criminality_note else ""
        asks["offence"].append(
            str(_("Dual criminality: %s")) % (str(sheet.get_dual_criminality_display()) + note)
        )
    if sheet.conditions:
        asks["facts"].append(str(_("Conditions: %s")) % sheet.conditions)
    if sheet.time_frames:
        asks["necessity"].append(str(_("Usual time frames: %s")) % sheet.time_frames)
        asks["urgency"].append(str(_("Usual time frames: %s")) % sheet.time_frames)
    form = ", ".join(sheet.form_labels)
    if form or sheet.form_notes:
        asks["procedures"].append(
            str(_("Form: %s")) % "; ".join(part for part in (form, sheet.form_notes) if part)
        )
    if sheet.limits_on_use:
        asks["procedures"].append(str(_("Limits on the use of the evidence: %s")) % sheet.limits_on_use)
    if sheet.channel_labels:
        asks["requesting_authority"].append(str(_("Channels: %s")) % ", ".join(sheet.channel_labels))
    return asks


def fields_for(kind: str) -> list[str]:
    return [name for name in FIELDS if name in KIND_FIELDS[kind]]


def required_for(kind: str) -> set[str]:
    return (REQUIRED | KIND_REQUIRED.get(kind, set())) & KIND_FIELDS[kind]
