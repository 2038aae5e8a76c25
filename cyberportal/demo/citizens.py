"""Demo pages for citizens (a reporting guide for every state of the network) and national links, all
labelled as examples: authority names and addresses follow public sources as far as we know them, but
are to be confirmed by each state's focal point; phone lines are fictional (555-01xx) and given only for
North American numbers, where that range is reserved for fiction."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from cyberportal.citizens.models import ReportingGuide
from cyberportal.citizens.services import reporting_guide_save
from cyberportal.links.models import LinkCheck, NationalLink
from cyberportal.links.services import national_link_save
from cyberportal.states.models import State

AS_OF = datetime.date(2026, 9, 1)
NEXT_DUE = datetime.date(2027, 9, 1)

# code: (language, authority, reporting page, emergency number, phone)
GUIDES = {
    "AR": (
        "es",
        "Unidad Fiscal Especializada en Ciberdelincuencia (UFECI), Ministerio Público Fiscal",
        "https://www.mpf.gob.ar/ufeci/",
        "911",
        "",
    ),
    "BR": (
        "pt",
        "Polícia Federal e delegacias especializadas em crimes cibernéticos das polícias civis",
        "https://www.gov.br/pf/pt-br",
        "190",
        "",
    ),
    "CA": (
        "en",
        "Canadian Anti-Fraud Centre and your local police",
        "https://www.antifraudcentre-centreantifraude.ca/",
        "911",
        "+16135550101",
    ),
    "CL": (
        "es",
        "Policía de Investigaciones de Chile (PDI), Brigada Investigadora del Cibercrimen",
        "https://www.pdichile.cl/",
        "134",
        "",
    ),
    "CO": (
        "es",
        "Policía Nacional de Colombia, Centro Cibernético Policial (CAI Virtual)",
        "https://caivirtual.policia.gov.co/",
        "123",
        "",
    ),
    "CR": ("es", "Organismo de Investigación Judicial (OIJ), Sección de Delitos Informáticos", "", "911", ""),
    "DO": (
        "es",
        "Policía Nacional, Departamento de Investigación de Crímenes y Delitos de Alta Tecnología (DICAT)",
        "",
        "911",
        "",
    ),
    "EC": ("es", "Fiscalía General del Estado", "https://www.fiscalia.gob.ec/", "911", ""),
    "MX": (
        "es",
        "Guardia Nacional, Dirección General Científica (policía cibernética)",
        "https://www.gob.mx/gn",
        "911",
        "",
    ),
    "PE": (
        "es",
        "Policía Nacional del Perú, División de Investigación de Delitos de Alta Tecnología (DIVINDAT)",
        "",
        "105",
        "",
    ),
    "PY": ("es", "Ministerio Público, Unidad Especializada en Delitos Informáticos", "", "911", ""),
    "US": (
        "en",
        "FBI Internet Crime Complaint Center (IC3), and your local police",
        "https://www.ic3.gov/",
        "911",
        "",
    ),
    "UY": (
        "es",
        "Ministerio del Interior, Dirección de Investigaciones de la Policía Nacional (delitos informáticos)",
        "",
        "911",
        "",
    ),
    "HT": ("fr", "Police nationale d'Haïti, Direction centrale de la police judiciaire", "", "114", ""),
    "SR": ("nl", "Korps Politie Suriname", "", "115", ""),
}
# Every other state: its police, in its main language, with an emergency number where we know it.
OTHER_LANGUAGE = {
    "BO": "es",
    "CU": "es",
    "GT": "es",
    "HN": "es",
    "NI": "es",
    "PA": "es",
    "SV": "es",
    "VE": "es",
}
EMERGENCY = {
    "AG": "911", "BB": "211", "BO": "110", "BS": "919", "BZ": "911", "CU": "106", "DM": "999", "GD": "911",
    "GT": "110", "GY": "911", "HN": "911", "JM": "119", "KN": "911", "LC": "999", "NI": "118", "PA": "911",
    "SV": "911", "TT": "999", "VC": "999", "VE": "911",
}  # fmt: skip
# A fictional line for the English-speaking Caribbean (NANP area codes; 555-01xx is reserved for fiction).
# Only where the phone library accepts the fictional range as a number of that area.
NANP_AREA = {"JM": "876", "VC": "784"}

HOW = {
    "es": (
        "Ejemplo: presente la denuncia en línea en la página indicada o en cualquier comisaría o fiscalía. "
        "Lleve un documento de identidad y las pruebas que haya conservado (capturas, mensajes, "
        "comprobantes de pago). Si la víctima es una niña, un niño o un adolescente, dígalo al inicio: "
        "el caso tiene prioridad."
    ),
    "pt": (
        "Exemplo: registe a ocorrência em linha na página indicada ou em qualquer delegacia de polícia. "
        "Leve um documento de identidade e as provas que guardou (capturas de ecrã, mensagens, "
        "comprovativos de pagamento). Se a vítima for uma criança ou um adolescente, diga-o logo no início."
    ),
    "en": (
        "Example: report online on the page given, or at any police station. Bring an identity document "
        "and the evidence you kept (screenshots, messages, payment receipts). If the victim is a child, say "
        "so first: the case is a priority."
    ),
    "fr": (
        "Exemple : déposez plainte au commissariat le plus proche ou auprès du parquet. Apportez une pièce "
        "d'identité et les preuves conservées (captures d'écran, messages, reçus de paiement). Si la "
        "victime est un enfant, dites-le d'emblée : le dossier est prioritaire."
    ),
    "nl": (
        "Voorbeeld: doe aangifte bij het dichtstbijzijnde politiebureau. Neem een identiteitsbewijs mee en "
        "het bewijs dat u hebt bewaard (schermafbeeldingen, berichten, betalingsbewijzen)."
    ),
}
POLICE = {
    "es": "Policía Nacional (unidad de delitos informáticos)",
    "en": "Police Force (cybercrime unit)",
    "fr": "Police nationale",
    "nl": "Korps Politie",
}
EXTRA_EVIDENCE = {
    "es": "Ejemplo: si el fraude se hizo por transferencia, pida a su banco el comprobante sellado.",
    "en": "Example: for a bank transfer fraud, ask your bank for a stamped copy of the transfer record.",
}

# code: [(kind, title, language, url, description)]
LINKS = {
    "AR": [
        ("prosecution", "UFECI – Ministerio Público Fiscal", "es", "https://www.mpf.gob.ar/ufeci/", ""),
        ("ministry", "Ministerio de Justicia", "es", "https://www.argentina.gob.ar/justicia", ""),
        ("reporting", "Denuncias de ciberdelitos (ejemplo)", "es", "https://ciberdelito.example.gob.ar/denuncias", "Una dirección que ya no existe: muestra cómo se marca un enlace caído."),
    ],
    "BR": [
        ("police", "Polícia Federal", "pt", "https://www.gov.br/pf/pt-br", ""),
        ("csirt", "CERT.br", "pt", "https://www.cert.br/", "Tratamento de incidentes de segurança."),
    ],
    "CA": [
        ("reporting", "Canadian Anti-Fraud Centre", "en", "https://www.antifraudcentre-centreantifraude.ca/", ""),
        ("csirt", "Canadian Centre for Cyber Security", "en", "https://www.cyber.gc.ca/", ""),
    ],
    "CL": [
        ("csirt", "CSIRT de Gobierno", "es", "https://www.csirt.gob.cl/", ""),
        ("police", "Policía de Investigaciones (PDI)", "es", "https://www.pdichile.cl/", ""),
    ],
    "CO": [
        ("reporting", "CAI Virtual – Policía Nacional", "es", "https://caivirtual.policia.gov.co/", "Denuncias y orientación en línea."),
        ("csirt", "colCERT", "es", "https://www.colcert.gov.co/", ""),
        ("prosecution", "Fiscalía General de la Nación", "es", "https://www.fiscalia.gov.co/", ""),
    ],
    "MX": [("police", "Guardia Nacional", "es", "https://www.gob.mx/gn", "")],
    "US": [
        ("reporting", "Internet Crime Complaint Center (IC3)", "en", "https://www.ic3.gov/", ""),
        ("csirt", "CISA", "en", "https://www.cisa.gov/", ""),
        ("prosecution", "Computer Crime and Intellectual Property Section (CCIPS)", "en", "https://www.justice.gov/criminal/criminal-ccips", ""),
    ],
    "UY": [("csirt", "CERTuy", "es", "https://www.gub.uy/centro-nacional-respuesta-incidentes-seguridad-informatica/", "")],
}  # fmt: skip


def _language_of(state: State) -> str:
    if state.code in GUIDES:
        return GUIDES[state.code][0]
    if state.code in OTHER_LANGUAGE:
        return OTHER_LANGUAGE[state.code]
    official = [code.split("-")[0] for code in state.official_languages or []]
    return next((code for code in official if code in HOW), "en")


def _guide_fields(state: State) -> tuple[dict, list[dict]]:
    language = _language_of(state)
    if state.code in GUIDES:
        _language, authority, url, emergency, phone = GUIDES[state.code]
    else:
        authority, url, emergency = POLICE[language], "", EMERGENCY.get(state.code, "")
        area = NANP_AREA.get(state.code)
        phone = f"+1{area}5550100" if area else ""
    text = {"language": language, "authority": authority, "how_to_report": HOW[language]}
    if language in EXTRA_EVIDENCE:
        text["evidence_notes"] = EXTRA_EVIDENCE[language]
    texts = [text]
    if language != "en" and state.code in {"AR", "BR", "CO", "MX"}:  # a second language, as a state may
        texts.append({"language": "en", "authority": authority, "how_to_report": HOW["en"]})
    fields = {
        "reporting_url": url,
        "phone": phone,
        "emergency_number": emergency,
        "as_of": AS_OF,
        "next_due": NEXT_DUE,
        "is_example": True,
    }
    return fields, texts


@transaction.atomic
def citizens_load() -> None:
    """A published guide for every state that has none, and the example national links (idempotent)."""
    have = set(ReportingGuide.objects.values_list("state_id", flat=True))
    for state in State.objects.order_by("code"):
        if state.pk in have:
            continue
        fields, texts = _guide_fields(state)
        reporting_guide_save(guide=ReportingGuide(state=state, **fields), texts=texts, publish=True)
    states = {s.code: s for s in State.objects.filter(code__in=LINKS)}
    for code, links in LINKS.items():
        if code not in states:
            continue
        for kind, title, language, url, description in links:
            if NationalLink.objects.filter(state=states[code], url=url).exists():
                continue
            link = NationalLink(
                state=states[code],
                kind=kind,
                title=title,
                language=language,
                url=url,
                description=description,
                is_example=True,
            )
            national_link_save(link=link, publish=True)
    _example_findings()


def _example_findings() -> None:
    """What the checker finds for the address that no longer exists (so the home and the profile show a
    dead link without the demo reaching the Internet); the real checker overwrites it when run."""
    link = NationalLink.objects.filter(url="https://ciberdelito.example.gob.ar/denuncias").first()
    if link is None or LinkCheck.objects.filter(link=link).exists():
        return
    now = timezone.now()
    LinkCheck.objects.create(
        link=link,
        checked_at=now,
        checked_url=link.url,
        outcome="dead",
        error="the name ciberdelito.example.gob.ar does not resolve",
        problem="dns",
        problem_params={"host": "ciberdelito.example.gob.ar"},
        failures=2,
        dead_since=now - datetime.timedelta(days=7),
    )
