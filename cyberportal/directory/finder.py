"""The "Who do I contact?" finder: (state, measure, urgency) → authority, contacts, legal basis, template.

A state's focal point records rules (FinderRule); where none exists, the answer falls back on contact
roles (a 24/7 point of contact for preservation, the central authority for formal assistance...). The
framework article is always shown; the domestic provision is the citation the focal point recorded.
"""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from cyberportal.core.timezones import zone_label
from cyberportal.states.models import Article, State

from . import selectors
from .models import Authority, Contact, ContactRole, FinderRule, Measure, Urgency

R = ContactRole

# Which contact roles answer a measure when no rule exists, per urgency (first match wins).
DEFAULT_ROLES: dict[str, dict[str, list[str]]] = {
    Measure.PRESERVATION: {
        "emergency": [R.POC_247],
        "urgent": [R.POC_247],
        "routine": [R.POC_247, R.CENTRAL_AUTHORITY],
    },
    Measure.PRESERVED_TRAFFIC: {
        "emergency": [R.POC_247],
        "urgent": [R.POC_247],
        "routine": [R.POC_247, R.CENTRAL_AUTHORITY],
    },
    Measure.SUBSCRIBER: {
        "emergency": [R.POC_247],
        "urgent": [R.POC_247, R.CENTRAL_AUTHORITY],
        "routine": [R.CENTRAL_AUTHORITY],
    },
    Measure.TRAFFIC: {
        "emergency": [R.POC_247],
        "urgent": [R.CENTRAL_AUTHORITY, R.POC_247],
        "routine": [R.CENTRAL_AUTHORITY],
    },
    Measure.CONTENT: {
        "emergency": [R.POC_247, R.CENTRAL_AUTHORITY],
        "urgent": [R.CENTRAL_AUTHORITY],
        "routine": [R.CENTRAL_AUTHORITY],
    },
    Measure.EMERGENCY: {"emergency": [R.POC_247], "urgent": [R.POC_247], "routine": [R.POC_247]},
    Measure.MUTUAL_ASSISTANCE: {
        "emergency": [R.CENTRAL_AUTHORITY],
        "urgent": [R.CENTRAL_AUTHORITY],
        "routine": [R.CENTRAL_AUTHORITY],
    },
    Measure.EXTRADITION: {
        "emergency": [R.EXTRADITION, R.CENTRAL_AUTHORITY],
        "urgent": [R.EXTRADITION, R.CENTRAL_AUTHORITY],
        "routine": [R.EXTRADITION, R.CENTRAL_AUTHORITY],
    },
    Measure.SPONTANEOUS: {
        "emergency": [R.POC_247],
        "urgent": [R.POC_247, R.CENTRAL_AUTHORITY],
        "routine": [R.POC_247, R.CENTRAL_AUTHORITY],
    },
}

# The framework articles behind each measure: (instrument slug, article number).
FRAMEWORK_ARTICLES: dict[str, list[tuple[str, str]]] = {
    Measure.PRESERVATION: [("cets-185", "29")],
    Measure.PRESERVED_TRAFFIC: [("cets-185", "30")],
    Measure.SUBSCRIBER: [("cets-185", "31"), ("cets-224", "8")],
    Measure.TRAFFIC: [("cets-185", "31"), ("cets-185", "33")],
    Measure.CONTENT: [("cets-185", "31"), ("cets-185", "34")],
    Measure.EMERGENCY: [("cets-224", "9"), ("cets-224", "10")],
    Measure.MUTUAL_ASSISTANCE: [("cets-185", "25"), ("cets-185", "27")],
    Measure.EXTRADITION: [("cets-185", "24")],
    Measure.SPONTANEOUS: [("cets-185", "26")],
}

# What a request must contain. For preservation this is Budapest Art. 29(2), item by item.
PRESERVATION_CONTENTS = [
    _("the authority seeking the preservation"),
    _("the offence under investigation and a brief summary of the facts"),
    _("the stored computer data to be preserved and its relationship to the offence"),
    _(
        "any available information identifying the custodian of the data or the location of the computer system"
    ),
    _("the necessity of the preservation"),
    _("that a request for mutual assistance for the search, seizure or disclosure of the data will follow"),
]
GENERAL_CONTENTS = [
    _("the requesting authority and how to reach it"),
    _("the offence under investigation and a brief summary of the facts"),
    _("the data, person or measure sought and its relationship to the offence"),
    _("the legal basis of the request"),
    _("the reasons for any urgency and the deadline"),
]
EMERGENCY_CONTENTS = [
    _("the facts showing a significant and imminent risk to the life or safety of a person"),
    _("the data sought and why it is needed to avert the risk"),
    _("the requesting authority and how to reach it at any hour"),
]
EXTRADITION_CONTENTS = [
    _("the identity and probable whereabouts of the person sought"),
    _("the warrant of arrest or judgment and the offence with the applicable law"),
    _("a summary of the facts"),
    _("the treaty or arrangement relied upon"),
]


def contents_for(measure: str) -> list:
    if measure in {Measure.PRESERVATION, Measure.PRESERVED_TRAFFIC}:
        return PRESERVATION_CONTENTS
    if measure == Measure.EMERGENCY:
        return EMERGENCY_CONTENTS
    if measure == Measure.EXTRADITION:
        return EXTRADITION_CONTENTS
    return GENERAL_CONTENTS


@dataclass
class Hours:
    """An authority's office hours in its own and in the reader's time zone, on the day of `now`."""

    local_open: datetime.datetime
    local_close: datetime.datetime
    reader_open: datetime.datetime
    reader_close: datetime.datetime
    open_now: bool
    next_open: datetime.datetime | None = None  # in the reader's zone, when closed now


@dataclass
class FinderAnswer:
    state: State
    measure: str
    urgency: str
    rule: FinderRule | None
    authority: Authority | None
    contacts: list[Contact]
    articles: list[Article]
    missing_articles: list[str]
    contents: list
    reader_tz: zoneinfo.ZoneInfo
    now: datetime.datetime
    hours: Hours | None = None
    available_now: list[Contact] = field(default_factory=list)

    @property
    def has_template(self) -> bool:
        return self.measure in TEMPLATE_MEASURES

    @property
    def reader_now(self) -> datetime.datetime:
        return self.now.astimezone(self.reader_tz)

    @property
    def authority_now(self) -> datetime.datetime | None:
        return self.now.astimezone(self.authority.tz) if self.authority else None

    @property
    def reader_tz_label(self) -> str:
        return zone_label(self.reader_tz.key, moment=self.now)

    @property
    def authority_tz_label(self) -> str:
        return zone_label(self.authority.time_zone, moment=self.now) if self.authority else ""

    @property
    def available_247(self) -> list[Contact]:
        """The desks that answer at any hour: shown first, above the office hours."""
        return [c for c in self.contacts if c.available_247]

    @property
    def office_contacts(self) -> list[Contact]:
        return [c for c in self.contacts if not c.available_247]


def _articles(measure: str) -> tuple[list[Article], list[str]]:
    wanted = FRAMEWORK_ARTICLES.get(measure, [])
    found = {
        (a.instrument.slug, a.number): a
        for a in Article.objects.select_related("instrument").filter(
            instrument__slug__in={slug for slug, _n in wanted}, number__in={n for _s, n in wanted}
        )
    }
    articles = [found[key] for key in wanted if key in found]
    missing = [f"{slug} Art. {number}" for slug, number in wanted if (slug, number) not in found]
    return articles, missing


def _rule_for(user, state: State, measure: str, urgency: str) -> FinderRule | None:
    rules = (
        FinderRule.objects.visible_to(user)
        .filter(state=state, measure=measure, urgency__in=[urgency, ""])
        .filter(authority__in=Authority.objects.visible_to(user).values("pk"))
        .select_related("authority__state")
        .prefetch_related("roles")
    )
    # A rule for this very urgency beats a rule for any urgency.
    return sorted(rules, key=lambda r: r.urgency != urgency)[0] if rules else None


def _hours(authority: Authority, now: datetime.datetime, reader_tz: zoneinfo.ZoneInfo) -> Hours | None:
    if not (authority.opens_at and authority.closes_at):
        return None
    day = now.astimezone(authority.tz).date()
    local_open = datetime.datetime.combine(day, authority.opens_at, tzinfo=authority.tz)
    local_close = datetime.datetime.combine(day, authority.closes_at, tzinfo=authority.tz)
    return Hours(
        local_open=local_open,
        local_close=local_close,
        reader_open=local_open.astimezone(reader_tz),
        reader_close=local_close.astimezone(reader_tz),
        open_now=bool(authority.is_open_at(now)),
        next_open=None if authority.is_open_at(now) else _next_opening(authority, now, reader_tz),
    )


def _next_opening(
    authority: Authority, now: datetime.datetime, reader_tz: zoneinfo.ZoneInfo
) -> datetime.datetime | None:
    """When the office opens next, in the reader's zone: today if it has not opened yet, else the next
    working day (hours without working days count every day)."""
    days = set(authority.working_days or range(1, 8))
    local_now = now.astimezone(authority.tz)
    for ahead in range(8):
        day = local_now.date() + datetime.timedelta(days=ahead)
        if day.isoweekday() not in days:
            continue
        opening = datetime.datetime.combine(day, authority.opens_at, tzinfo=authority.tz)
        if opening > local_now:
            return opening.astimezone(reader_tz)
    return None


def find(
    user, *, state: State, measure: str, urgency: str, now: datetime.datetime, reader_tz: zoneinfo.ZoneInfo
) -> FinderAnswer:
    """The answer to "who do I contact?", built only from what `user` may see."""
    rule = _rule_for(user, state, measure, urgency)
    visible = selectors.contacts_visible_to(user).filter(authority__state=state)
    contacts: list[Contact] = []
    authority = None
    if rule is not None:
        authority = rule.authority
        contacts = list(visible.filter(authority=authority))
        role_codes = {r.code for r in rule.roles.all()}
        if role_codes:
            contacts = [c for c in contacts if role_codes & set(c.role_codes)]
    else:
        state_contacts = list(visible)
        for role in DEFAULT_ROLES[measure][urgency]:
            contacts = [c for c in state_contacts if role in c.role_codes]
            if contacts:
                authority = contacts[0].authority
                contacts = [c for c in contacts if c.authority_id == authority.pk]
                break
    # The 24/7 desk first (it answers at 3 a.m.), then fresh entries: a stale contact is still shown,
    # flagged, after the verified ones.
    contacts.sort(key=lambda c: (not c.available_247, c.is_stale(now.date()), c.name))
    articles, missing = _articles(measure)
    answer = FinderAnswer(
        state=state,
        measure=measure,
        urgency=urgency,
        rule=rule,
        authority=authority,
        contacts=contacts,
        articles=articles,
        missing_articles=missing,
        contents=contents_for(measure),
        reader_tz=reader_tz,
        now=now,
    )
    if authority is not None:
        answer.hours = _hours(authority, now, reader_tz)
        open_now = answer.hours.open_now if answer.hours else False
        answer.available_now = [c for c in contacts if c.available_247 or open_now]
    return answer


# --- Request templates ------------------------------------------------------------------------

TEMPLATE_MEASURES = {Measure.PRESERVATION, Measure.PRESERVED_TRAFFIC, Measure.EMERGENCY}
TEMPLATE_LANGUAGES = ["en", "es", "pt", "fr"]

# The preservation request of Budapest Art. 29, one text per language (content, not interface).
PRESERVATION_TEMPLATE = {
    "en": """REQUEST FOR EXPEDITED PRESERVATION OF STORED COMPUTER DATA
(Article 29 of the Convention on Cybercrime, CETS No. 185)

To: {authority}
Requested state: {state}
Date: {date}
Urgency: {urgency}

1. Authority seeking the preservation (name, address, officer in charge, phone, e-mail):
   [...]
2. Offence under investigation and brief summary of the facts:
   [...]
3. Stored computer data to be preserved and its relationship to the offence
   (accounts, identifiers, IP addresses and time stamps with time zone, period):
   [...]
4. Information identifying the custodian of the data or the location of the computer system
   (service provider, country):
   [...]
5. Necessity of the preservation (risk that the data is lost or altered):
   [...]
6. The requesting authority intends to submit a request for mutual assistance for the search or
   similar access, seizure or similar securing, or disclosure of the data: [yes / date expected]

Preservation is requested for not less than 60 days (Art. 29(7)).
Please do not notify the user of this request.

Signature and stamp:
""",
    "es": """SOLICITUD DE CONSERVACIÓN RÁPIDA DE DATOS INFORMÁTICOS ALMACENADOS
(Artículo 29 del Convenio sobre la Ciberdelincuencia, STCE n.º 185)

A: {authority}
Estado requerido: {state}
Fecha: {date}
Urgencia: {urgency}

1. Autoridad que solicita la conservación (nombre, dirección, responsable, teléfono, correo electrónico):
   [...]
2. Delito objeto de la investigación y breve exposición de los hechos:
   [...]
3. Datos informáticos almacenados que deben conservarse y su relación con el delito
   (cuentas, identificadores, direcciones IP y horas con huso horario, período):
   [...]
4. Información que permita identificar al custodio de los datos o la ubicación del sistema informático
   (proveedor de servicios, país):
   [...]
5. Necesidad de la conservación (riesgo de pérdida o alteración de los datos):
   [...]
6. La autoridad requirente se propone presentar una solicitud de asistencia mutua para el registro o
   acceso similar, la confiscación u obtención similar, o la revelación de los datos: [sí / fecha prevista]

Se solicita la conservación por un período no inferior a 60 días (art. 29.7).
Se ruega no notificar al usuario de esta solicitud.

Firma y sello:
""",
    "pt": """PEDIDO DE CONSERVAÇÃO EXPEDITA DE DADOS INFORMÁTICOS ARMAZENADOS
(Artigo 29 da Convenção sobre o Crime Cibernético, STCE n.º 185)

Para: {authority}
Estado requerido: {state}
Data: {date}
Urgência: {urgency}

1. Autoridade que solicita a conservação (nome, endereço, responsável, telefone, e-mail):
   [...]
2. Infração objeto da investigação e breve resumo dos fatos:
   [...]
3. Dados informáticos armazenados a conservar e sua relação com a infração
   (contas, identificadores, endereços IP e horários com fuso horário, período):
   [...]
4. Informações que permitam identificar o custodiante dos dados ou a localização do sistema
   informático (provedor de serviços, país):
   [...]
5. Necessidade da conservação (risco de perda ou alteração dos dados):
   [...]
6. A autoridade requerente pretende apresentar um pedido de auxílio mútuo para a busca ou acesso
   semelhante, apreensão ou obtenção semelhante, ou divulgação dos dados: [sim / data prevista]

Solicita-se a conservação por um período não inferior a 60 dias (art. 29.º, n.º 7).
Solicita-se que o usuário não seja notificado deste pedido.

Assinatura e carimbo:
""",
    "fr": """DEMANDE DE CONSERVATION RAPIDE DE DONNÉES INFORMATIQUES STOCKÉES
(Article 29 de la Convention sur la cybercriminalité, STCE n° 185)

À : {authority}
État requis : {state}
Date : {date}
Urgence : {urgency}

1. Autorité qui demande la conservation (nom, adresse, responsable, téléphone, courriel) :
   [...]
2. Infraction faisant l'objet de l'enquête et bref exposé des faits :
   [...]
3. Données informatiques stockées à conserver et lien avec l'infraction
   (comptes, identifiants, adresses IP et horodatages avec fuseau horaire, période) :
   [...]
4. Informations permettant d'identifier le gardien des données ou l'emplacement du système
   informatique (fournisseur de services, pays) :
   [...]
5. Nécessité de la conservation (risque de perte ou d'altération des données) :
   [...]
6. L'autorité requérante entend soumettre une demande d'entraide en vue de la perquisition ou de
   l'accès par un moyen similaire, de la saisie ou de l'obtention par un moyen similaire, ou de la
   divulgation des données : [oui / date prévue]

La conservation est demandée pour une durée d'au moins 60 jours (art. 29.7).
Merci de ne pas informer l'utilisateur de la présente demande.

Signature et cachet :
""",
}


def template_language(state: State, wanted: str = "") -> str:
    """The requested state's language if the template exists in it, else English (or the reader's pick)."""
    if wanted in TEMPLATE_LANGUAGES:
        return wanted
    for code in state.official_languages or []:
        base = code.split("-")[0].lower()
        if base in TEMPLATE_LANGUAGES:
            return base
    return "en"


def template_languages_for(state: State) -> list[str]:
    own = template_language(state)
    return [own] + [code for code in ["en"] if code != own]


def render_template(*, state: State, authority: Authority | None, urgency: str, language: str, today) -> str:
    from django.utils import translation

    with translation.override(language):
        urgency_label = str(Urgency(urgency).label)
        state_name = state.name_in(language)
    authority_name = authority.name if authority else "[...]"
    return PRESERVATION_TEMPLATE[language].format(
        authority=authority_name, state=state_name, date=today.isoformat(), urgency=urgency_label
    )
