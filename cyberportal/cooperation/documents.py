"""The request as a document, DOCX (python-docx) and PDF (reportlab, core.pdf's embedded fonts), in any of
the four languages whose section headings are written out below.

The structure follows the Council of Europe's templates (Convention on Cybercrime Arts. 29, 30 and 31;
Second Additional Protocol Arts. 6, 7, 9 and 10): who asks, whom, on what basis, the offence and the
facts, the data and its link to the case, who holds it, why now, what must stay confidential, signature.
The headings are the document's language; what the author typed stays as typed (nothing is translated
by machine). `outline` builds the plain structure once; `as_docx` and `as_pdf` only lay it out.
"""

from __future__ import annotations

import datetime
import io
import re
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from django.utils import translation

from cyberportal.directory.models import Urgency

from . import assistant as a
from .models import Measure

L = ("en", "es", "pt", "fr")


def _t(en: str, es: str, pt: str, fr: str) -> dict[str, str]:
    return dict(zip(L, (en, es, pt, fr), strict=True))


TITLES = {
    a.PRESERVATION: _t(
        "Request for expedited preservation of stored computer data",
        "Solicitud de conservación rápida de datos informáticos almacenados",
        "Pedido de conservação expedita de dados informáticos armazenados",
        "Demande de conservation rapide de données informatiques stockées",
    ),
    a.PARTIAL_TRAFFIC: _t(
        "Request for expedited disclosure of preserved traffic data",
        "Solicitud de revelación rápida de datos sobre el tráfico conservados",
        "Pedido de divulgação expedita de dados de tráfego conservados",
        "Demande de divulgation rapide de données relatives au trafic conservées",
    ),
    a.MLA: _t(
        "Request for mutual assistance",
        "Solicitud de asistencia mutua",
        "Pedido de auxílio mútuo",
        "Demande d'entraide",
    ),
    a.DOMAIN: _t(
        "Request for domain name registration information",
        "Solicitud de información sobre el registro de nombres de dominio",
        "Pedido de informações sobre o registro de nomes de domínio",
        "Demande d'informations sur l'enregistrement de noms de domaine",
    ),
    a.ORDER: _t(
        "Order for the disclosure of subscriber information",
        "Orden de revelación de información sobre los abonados",
        "Ordem de divulgação de informações sobre assinantes",
        "Injonction de divulgation d'informations relatives aux abonnés",
    ),
    a.EMERGENCY_DISCLOSURE: _t(
        "Request for expedited disclosure of stored computer data in an emergency",
        "Solicitud de revelación rápida de datos informáticos almacenados en caso de emergencia",
        "Pedido de divulgação expedita de dados informáticos armazenados em situação de emergência",
        "Demande de divulgation accélérée de données informatiques stockées en situation d'urgence",
    ),
    a.EMERGENCY_MLA: _t(
        "Request for emergency mutual assistance",
        "Solicitud de asistencia mutua de emergencia",
        "Pedido de auxílio mútuo de emergência",
        "Demande d'entraide d'urgence",
    ),
}

WORDS = {
    "to": _t("To", "A", "Para", "À"),
    "requesting_state": _t("Requesting state", "Estado requirente", "Estado requerente", "État requérant"),
    "requested_state": _t("Requested state", "Estado requerido", "Estado requerido", "État requis"),
    "measure": _t("Measure", "Medida", "Medida", "Mesure"),
    "date": _t("Date", "Fecha", "Data", "Date"),
    "reference": _t("Reference", "Referencia", "Referência", "Référence"),
    "urgency": _t("Urgency", "Urgencia", "Urgência", "Urgence"),
    "officer": _t("Officer in charge", "Responsable", "Responsável", "Responsable"),
    "address": _t("Address", "Dirección", "Endereço", "Adresse"),
    "article": _t("Article", "artículo", "artigo", "article"),
    "missing": _t("[to be completed]", "[por completar]", "[a completar]", "[à compléter]"),
    "signature": _t("Signature and stamp", "Firma y sello", "Assinatura e carimbo", "Signature et cachet"),
    "place_date": _t("Place and date", "Lugar y fecha", "Local e data", "Lieu et date"),
    "no_notify": _t(
        "The requesting authority asks that the person concerned not be notified of this request and "
        "that the request and its execution be kept confidential.",
        "La autoridad requirente solicita que no se notifique esta solicitud a la persona afectada y "
        "que se mantenga la confidencialidad de la solicitud y de su ejecución.",
        "A autoridade requerente solicita que a pessoa em causa não seja notificada deste pedido e que "
        "seja mantida a confidencialidade do pedido e de sua execução.",
        "L'autorité requérante demande que la personne concernée ne soit pas informée de la présente "
        "demande et que la demande et son exécution demeurent confidentielles.",
    ),
    "sixty_days": _t(
        "Preservation is requested for a period of not less than 60 days (Art. 29(7)).",
        "Se solicita la conservación por un período no inferior a 60 días (art. 29.7).",
        "Solicita-se a conservação por um período não inferior a 60 dias (art. 29, n.º 7).",
        "La conservation est demandée pour une durée d'au moins 60 jours (art. 29.7).",
    ),
    "any_hour": _t(
        "The requesting authority can be reached at any hour at the contact above.",
        "La autoridad requirente puede ser contactada a cualquier hora en los datos indicados.",
        "A autoridade requerente pode ser contatada a qualquer hora pelos meios indicados acima.",
        "L'autorité requérante peut être jointe à toute heure aux coordonnées indiquées ci-dessus.",
    ),
    "prepared": _t(
        "Prepared with the Cyberportal request assistant. Check every entry before signing; the entries "
        "are in the language in which they were written.",
        "Preparado con el asistente de solicitudes de Cyberportal. Verifique cada dato antes de firmar; "
        "los datos figuran en el idioma en que fueron escritos.",
        "Preparado com o assistente de pedidos do Cyberportal. Verifique cada informação antes de "
        "assinar; as informações estão no idioma em que foram escritas.",
        "Préparé avec l'assistant de demandes de Cyberportal. Vérifiez chaque mention avant de signer ; "
        "les mentions figurent dans la langue dans laquelle elles ont été rédigées.",
    ),
}

HEADINGS = {
    "requesting": _t(
        "Requesting authority", "Autoridad requirente", "Autoridade requerente", "Autorité requérante"
    ),
    "issuing": _t("Issuing authority", "Autoridad emisora", "Autoridade emissora", "Autorité d'émission"),
    "requested": _t("Requested authority", "Autoridad requerida", "Autoridade requerida", "Autorité requise"),
    "legal_basis": _t("Legal basis", "Fundamento jurídico", "Fundamento jurídico", "Base juridique"),
    "offence": _t(
        "Offence under investigation and applicable law",
        "Delito investigado y legislación aplicable",
        "Infração investigada e legislação aplicável",
        "Infraction faisant l'objet de l'enquête et droit applicable",
    ),
    "facts": _t("Summary of the facts", "Resumen de los hechos", "Resumo dos fatos", "Résumé des faits"),
    "emergency": _t(
        "Facts showing the emergency",
        "Hechos que demuestran la emergencia",
        "Fatos que demonstram a situação de emergência",
        "Faits établissant la situation d'urgence",
    ),
    "data_preserve": _t(
        "Stored computer data to be preserved",
        "Datos informáticos almacenados que deben conservarse",
        "Dados informáticos armazenados a conservar",
        "Données informatiques stockées à conserver",
    ),
    "data_traffic": _t(
        "Preserved traffic data to be disclosed",
        "Datos sobre el tráfico conservados cuya revelación se solicita",
        "Dados de tráfego conservados a divulgar",
        "Données relatives au trafic conservées à divulguer",
    ),
    "assistance": _t(
        "Assistance requested", "Asistencia solicitada", "Auxílio solicitado", "Entraide demandée"
    ),
    "domain": _t(
        "Domain name and registration information sought",
        "Nombre de dominio e información de registro solicitada",
        "Nome de domínio e informações de registro solicitadas",
        "Nom de domaine et informations d'enregistrement demandées",
    ),
    "subscriber": _t(
        "Subscriber information sought",
        "Información sobre los abonados solicitada",
        "Informações sobre assinantes solicitadas",
        "Informations relatives aux abonnés demandées",
    ),
    "data_emergency": _t(
        "Data sought to avert the risk",
        "Datos solicitados para evitar el riesgo",
        "Dados solicitados para evitar o risco",
        "Données demandées pour écarter le risque",
    ),
    "relationship": _t(
        "Relationship between the data and the investigation",
        "Relación entre los datos y la investigación",
        "Relação entre os dados e a investigação",
        "Lien entre les données et l'enquête",
    ),
    "custodian": _t(
        "Custodian of the data or location of the computer system",
        "Custodio de los datos o ubicación del sistema informático",
        "Custodiante dos dados ou localização do sistema informático",
        "Gardien des données ou emplacement du système informatique",
    ),
    "provider": _t(
        "Service provider to which the order is addressed",
        "Proveedor de servicios destinatario de la orden",
        "Provedor de serviços destinatário da ordem",
        "Fournisseur de services destinataire de l'injonction",
    ),
    "registrar": _t(
        "Entity providing domain name registration services",
        "Entidad que presta servicios de registro de nombres de dominio",
        "Entidade que presta serviços de registro de nomes de domínio",
        "Entité fournissant des services d'enregistrement de noms de domaine",
    ),
    "necessity": _t(
        "Necessity of the preservation",
        "Necesidad de la conservación",
        "Necessidade da conservação",
        "Nécessité de la conservation",
    ),
    "follow_up": _t(
        "Request for mutual assistance to follow",
        "Solicitud de asistencia mutua posterior",
        "Pedido de auxílio mútuo subsequente",
        "Demande d'entraide à suivre",
    ),
    "procedures": _t(
        "Confidentiality and procedures to be followed",
        "Confidencialidad y procedimientos que deben seguirse",
        "Confidencialidade e procedimentos a seguir",
        "Confidentialité et procédures à suivre",
    ),
    "urgency": _t("Urgency and deadline", "Urgencia y plazo", "Urgência e prazo", "Urgence et délai"),
}

# Each kind's sections: (heading, the fields under it). "requested" and "legal_basis" are filled by the
# portal; the others by the author.
_REQUESTING = ("requesting", ["requesting_authority", "officer"])
_CLOSE = [("procedures", ["procedures"]), ("urgency", ["urgency"])]
SECTIONS = {
    a.PRESERVATION: [
        _REQUESTING, ("requested", []), ("legal_basis", []), ("offence", ["offence"]), ("facts", ["facts"]),
        ("data_preserve", ["data_sought"]), ("relationship", ["relationship"]), ("custodian", ["custodian"]),
        ("necessity", ["necessity"]), ("follow_up", ["follow_up"]), *_CLOSE,
    ],
    a.PARTIAL_TRAFFIC: [
        _REQUESTING, ("requested", []), ("legal_basis", []), ("offence", ["offence"]), ("facts", ["facts"]),
        ("data_traffic", ["data_sought"]), ("relationship", ["relationship"]), ("custodian", ["custodian"]),
        ("necessity", ["necessity"]), ("follow_up", ["follow_up"]), *_CLOSE,
    ],
    a.MLA: [
        _REQUESTING, ("requested", []), ("legal_basis", []), ("offence", ["offence"]), ("facts", ["facts"]),
        ("assistance", ["data_sought"]), ("relationship", ["relationship"]), ("custodian", ["custodian"]),
        ("procedures", ["procedures"]), ("urgency", ["urgency", "necessity"]),
    ],
    a.DOMAIN: [
        _REQUESTING, ("registrar", ["custodian"]), ("legal_basis", []), ("domain", ["data_sought"]),
        ("offence", ["offence"]), ("facts", ["facts"]), ("relationship", ["relationship"]),
        ("procedures", ["procedures"]), ("urgency", ["urgency", "necessity"]),
    ],
    a.ORDER: [
        ("issuing", ["requesting_authority", "officer"]), ("provider", ["custodian"]), ("requested", []),
        ("legal_basis", []), ("offence", ["offence"]), ("facts", ["facts"]), ("subscriber", ["data_sought"]),
        ("relationship", ["relationship"]), ("procedures", ["procedures"]), ("urgency", ["urgency", "necessity"]),
    ],
    a.EMERGENCY_DISCLOSURE: [
        _REQUESTING, ("requested", []), ("legal_basis", []), ("emergency", ["emergency"]),
        ("offence", ["offence"]), ("facts", ["facts"]), ("data_emergency", ["data_sought"]),
        ("relationship", ["relationship"]), ("custodian", ["custodian"]), *_CLOSE,
    ],
    a.EMERGENCY_MLA: [
        _REQUESTING, ("requested", []), ("legal_basis", []), ("emergency", ["emergency"]),
        ("offence", ["offence"]), ("facts", ["facts"]), ("assistance", ["data_sought"]),
        ("relationship", ["relationship"]), ("custodian", ["custodian"]), *_CLOSE,
    ],
}  # fmt: skip

INSTRUMENTS = {
    a.BUDAPEST: _t(
        "Convention on Cybercrime (CETS No. 185)",
        "Convenio sobre la Ciberdelincuencia (STCE n.º 185)",
        "Convenção sobre o Crime Cibernético (STCE n.º 185)",
        "Convention sur la cybercriminalité (STCE n° 185)",
    ),
    a.PROTOCOL2: _t(
        "Second Additional Protocol to the Convention on Cybercrime on enhanced co-operation and "
        "disclosure of electronic evidence (CETS No. 224)",
        "Segundo Protocolo adicional al Convenio sobre la Ciberdelincuencia relativo a la cooperación "
        "reforzada y la revelación de pruebas electrónicas (STCE n.º 224)",
        "Segundo Protocolo Adicional à Convenção sobre o Crime Cibernético relativo ao reforço da "
        "cooperação e da divulgação de provas eletrônicas (STCE n.º 224)",
        "Deuxième Protocole additionnel à la Convention sur la cybercriminalité relatif au renforcement "
        "de la coopération et de la divulgation de preuves électroniques (STCE n° 224)",
    ),
    a.UN: _t(
        "United Nations Convention against Cybercrime",
        "Convención de las Naciones Unidas contra la Ciberdelincuencia",
        "Convenção das Nações Unidas contra o Crime Cibernético",
        "Convention des Nations Unies contre la cybercriminalité",
    ),
    a.IA_MLA: _t(
        "Inter-American Convention on Mutual Assistance in Criminal Matters (1992)",
        "Convención Interamericana sobre Asistencia Mutua en Materia Penal (1992)",
        "Convenção Interamericana sobre Assistência Mútua em Matéria Penal (1992)",
        "Convention interaméricaine sur l'entraide en matière pénale (1992)",
    ),
    a.IA_PROTOCOL: _t(
        "Optional Protocol Related to the Inter-American Convention on Mutual Assistance in Criminal "
        "Matters (1993)",
        "Protocolo Facultativo Relativo a la Convención Interamericana sobre Asistencia Mutua en Materia "
        "Penal (1993)",
        "Protocolo Facultativo Relativo à Convenção Interamericana sobre Assistência Mútua em Matéria "
        "Penal (1993)",
        "Protocole facultatif se rapportant à la Convention interaméricaine sur l'entraide en matière "
        "pénale (1993)",
    ),
}
OTHER_BASES = {
    "bilateral": _t(
        "Bilateral mutual legal assistance treaty between the requesting and the requested state",
        "Tratado bilateral de asistencia jurídica mutua entre el Estado requirente y el Estado requerido",
        "Tratado bilateral de auxílio jurídico mútuo entre o Estado requerente e o Estado requerido",
        "Traité bilatéral d'entraide judiciaire entre l'État requérant et l'État requis",
    ),
    "reciprocity": _t(
        "Reciprocity", "Principio de reciprocidad", "Princípio da reciprocidade", "Principe de réciprocité"
    ),
}


def basis_text(basis: str, language: str, instrument_title: str = "") -> str:
    """ "Convenio sobre la Ciberdelincuencia (STCE n.º 185), artículo 29" in the document's language."""
    if basis in OTHER_BASES:
        return OTHER_BASES[basis][language]
    slug, _sep, number = basis.partition(":")
    name = INSTRUMENTS.get(slug, {}).get(language) or instrument_title or slug
    return f"{name}, {WORDS['article'][language]} {number}"


@dataclass
class Section:
    heading: str
    entries: list[tuple[str, str]] = field(default_factory=list)  # (label or "", text)


@dataclass
class Outline:
    language: str
    title: str
    meta: list[tuple[str, str]]
    sections: list[Section]
    closing: list[str]


@dataclass
class Addressee:
    """The requested side, as the portal knows it (names only: nothing the reader may not see)."""

    state_code: str
    state_names: dict[str, str]  # per document language
    requesting_state_names: dict[str, str]
    authority_name: str = ""
    authority_address: str = ""
    instrument_title: str = ""


# Control characters (a pasted log line may carry them) are not allowed in XML, so not in a DOCX.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _typed(value) -> str:
    return CONTROL.sub("", str(value or "")).strip()


def _entries(names: list[str], data: dict, language: str, urgency_label: str) -> list[tuple[str, str]]:
    entries = []
    for name in names:
        value = urgency_label if name == "urgency" else _typed(data.get(name))
        if name == "officer":
            entries.append((WORDS["officer"][language], value or WORDS["missing"][language]))
        elif value:
            entries.append(("", value))
    return entries


def outline(data: dict, addressee: Addressee, language: str, *, today: datetime.date) -> Outline:
    """The request in `language`: what goes where, before any layout."""
    if language not in L:
        language = "en"
    kind = a.kind_for(data["measure"], data["basis"])
    with translation.override(language):
        measure_label = str(Measure(data["measure"]).label)
        urgency_label = str(Urgency(data.get("urgency") or Urgency.URGENT).label)
    wanted = set(a.fields_for(kind))
    sections = []
    for heading, names in SECTIONS[kind]:
        section = Section(HEADINGS[heading][language])
        if heading == "requested":
            section.entries = [("", addressee.authority_name or WORDS["missing"][language])]
            if addressee.authority_address:
                section.entries.append((WORDS["address"][language], addressee.authority_address))
            section.entries.append(("", addressee.state_names.get(language, addressee.state_code)))
        elif heading == "legal_basis":
            section.entries = [("", basis_text(data["basis"], language, addressee.instrument_title))]
        else:
            section.entries = _entries([n for n in names if n in wanted], data, language, urgency_label)
            if heading == "procedures":
                section.entries.append(("", WORDS["no_notify"][language]))
            if heading in {"requesting", "issuing"} and kind in {a.EMERGENCY_DISCLOSURE, a.EMERGENCY_MLA}:
                section.entries.append(("", WORDS["any_hour"][language]))
            if not section.entries:
                section.entries = [("", WORDS["missing"][language])]
        sections.append(section)
    meta = [
        (WORDS["to"][language], addressee.authority_name or WORDS["missing"][language]),
        (WORDS["requested_state"][language], addressee.state_names.get(language, addressee.state_code)),
        (WORDS["requesting_state"][language], addressee.requesting_state_names.get(language, "")),
        (WORDS["measure"][language], measure_label),
        (WORDS["date"][language], today.isoformat()),
        (WORDS["urgency"][language], urgency_label),
    ]
    if _typed(data.get("reference")):
        meta.append((WORDS["reference"][language], _typed(data["reference"])))
    closing = [WORDS["sixty_days"][language]] if data["basis"] == f"{a.BUDAPEST}:29" else []
    return Outline(
        language=language,
        title=TITLES[kind][language],
        meta=[(label, value) for label, value in meta if value],
        sections=sections,
        closing=closing,
    )


def as_docx(doc: Outline) -> bytes:
    from docx import Document
    from docx.shared import Pt

    document = Document()
    document.core_properties.title = doc.title
    document.core_properties.language = doc.language
    document.core_properties.author = ""
    document.styles["Normal"].font.size = Pt(11)
    document.add_heading(doc.title, level=0)
    for label, value in doc.meta:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)
    for number, section in enumerate(doc.sections, start=1):
        document.add_heading(f"{number}. {section.heading}", level=2)
        for label, text in section.entries:
            paragraph = document.add_paragraph()
            if label:
                paragraph.add_run(f"{label}: ").bold = True
            paragraph.add_run(text)
    for line in doc.closing:
        document.add_paragraph(line)
    document.add_paragraph()
    document.add_paragraph(f"{WORDS['place_date'][doc.language]}: ____________________")
    document.add_paragraph(f"{WORDS['signature'][doc.language]}: ____________________")
    document.add_paragraph().add_run(WORDS["prepared"][doc.language]).italic = True
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _para(text: str) -> str:
    return escape(text).replace("\n", "<br/>")


def as_pdf(doc: Outline) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, Spacer

    from cyberportal.core.pdf import Heading, PortalDocument, styles

    sheet = styles()
    buffer = io.BytesIO()
    pdf = PortalDocument(
        buffer,
        title=doc.title,
        language=doc.language,
        pagesize=A4,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
    )
    story = [Heading(_para(doc.title), sheet["Title"], level=0)]
    for label, value in doc.meta:
        story.append(Paragraph(f"<b>{_para(label)}:</b> {_para(value)}", sheet["Normal"]))
    for number, section in enumerate(doc.sections, start=1):
        story.append(Heading(_para(f"{number}. {section.heading}"), sheet["Heading2"], level=1))
        for label, text in section.entries:
            prefix = f"<b>{_para(label)}:</b> " if label else ""
            story.append(Paragraph(prefix + _para(text), sheet["BodyText"]))
    story.append(Spacer(1, 12))
    for line in doc.closing:
        story.append(Paragraph(_para(line), sheet["BodyText"]))
    story.append(Spacer(1, 24))
    story.append(
        Paragraph(_para(f"{WORDS['place_date'][doc.language]}: ____________________"), sheet["Normal"])
    )
    story.append(Spacer(1, 12))
    story.append(
        Paragraph(_para(f"{WORDS['signature'][doc.language]}: ____________________"), sheet["Normal"])
    )
    story.append(Spacer(1, 24))
    story.append(Paragraph(f"<i>{_para(WORDS['prepared'][doc.language])}</i>", sheet["Normal"]))
    pdf.build(story)
    return buffer.getvalue()
