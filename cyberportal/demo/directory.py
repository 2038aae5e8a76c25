"""Demo directory: authorities and contacts for every state, with fresh and stale verification dates.

People, phones (+1 202 555 01xx, the fictional range) and e-mails (example.org) are invented and marked
as examples. Institution names are the public names of real institutions where we give them, else an
"(example)" placeholder; every demo record is labelled as an example all the same.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from cyberportal.core.roles import Visibility
from cyberportal.directory import services
from cyberportal.directory.models import (
    Authority,
    AuthorityKind,
    Contact,
    ContactRole,
    FinderRule,
    Measure,
    RoleType,
    Urgency,
    VerificationMethod,
)
from cyberportal.states.models import State

# Public names of real institutions (their own websites); contacts under them remain invented.
REAL_NAMES = {
    "AR": (
        "Ministerio Público Fiscal de la Nación",
        "Public Prosecution Service",
        "es",
        AuthorityKind.PROSECUTION,
        "https://www.mpf.gob.ar/",
    ),
    "BR": ("Polícia Federal", "Federal Police", "pt", AuthorityKind.POLICE, "https://www.gov.br/pf/"),
    "CO": (
        "Fiscalía General de la Nación",
        "Office of the Attorney General",
        "es",
        AuthorityKind.PROSECUTION,
        "https://www.fiscalia.gov.co/",
    ),
    "MX": (
        "Fiscalía General de la República",
        "Office of the Attorney General",
        "es",
        AuthorityKind.PROSECUTION,
        "https://www.gob.mx/fgr",
    ),
    "CL": (
        "Fiscalía de Chile",
        "Public Prosecutor's Office",
        "es",
        AuthorityKind.PROSECUTION,
        "https://www.fiscaliadechile.cl/",
    ),
    "PE": (
        "Ministerio Público – Fiscalía de la Nación",
        "Public Prosecution Service",
        "es",
        AuthorityKind.PROSECUTION,
        "https://www.gob.pe/mpfn",
    ),
    "US": (
        "U.S. Department of Justice, Criminal Division",
        "U.S. Department of Justice, Criminal Division",
        "en",
        AuthorityKind.CENTRAL_AUTHORITY,
        "https://www.justice.gov/criminal",
    ),
    "CA": (
        "Royal Canadian Mounted Police",
        "Royal Canadian Mounted Police",
        "en",
        AuthorityKind.POLICE,
        "https://www.rcmp-grc.gc.ca/",
    ),
    "DO": (
        "Procuraduría General de la República",
        "Office of the Attorney General",
        "es",
        AuthorityKind.PROSECUTION,
        "https://pgr.gob.do/",
    ),
    "PY": (
        "Ministerio Público",
        "Public Prosecution Service",
        "es",
        AuthorityKind.PROSECUTION,
        "https://www.ministeriopublico.gov.py/",
    ),
}

# Finder rules recorded by a few focal points (examples): (state, measure, urgency, channel, citation).
EXAMPLE_RULES = [
    (
        "AR",
        Measure.PRESERVATION,
        "",
        "24/7 desk by phone, then e-mail (example)",
        "Ley 27.411, art. 24 (example citation)",
    ),
    (
        "CO",
        Measure.PRESERVATION,
        Urgency.EMERGENCY,
        "Línea 24/7 por teléfono (example)",
        "Ley 1273 de 2009 (example citation)",
    ),
    (
        "BR",
        Measure.MUTUAL_ASSISTANCE,
        "",
        "Central authority by e-mail (example)",
        "Decreto 9.734/2019 (example citation)",
    ),
    (
        "MX",
        Measure.EMERGENCY,
        "",
        "24/7 desk by phone (example)",
        "Código Nacional de Procedimientos Penales (example citation)",
    ),
]


def _authority(state: State, index: int) -> Authority:
    language = (state.official_languages or ["en"])[0].split("-")[0]
    tz = state.default_time_zone
    name, name_en, name_lang, kind, website = REAL_NAMES.get(
        state.code,
        (
            f"Central authority for cybercrime cooperation – {state.code} (example)",
            f"Central authority for cybercrime cooperation – {state.code} (example)",
            "en",
            AuthorityKind.CENTRAL_AUTHORITY,
            "",
        ),
    )
    existing = Authority.objects.filter(state=state, name=name).first()
    if existing:
        return existing
    return services.authority_create(
        state=state,
        name=name,
        name_en=name_en,
        name_language=name_lang,
        kind=kind,
        website=website,
        address=f"Example Street {100 + index}, capital city (example address)",
        request_languages=sorted({language, "en"}),
        time_zone=tz,
        opens_at=datetime.time(8, 0),
        closes_at=datetime.time(17, 0),
        working_days=[1, 2, 3, 4, 5],
        is_example=True,
    )


def _contact(
    authority, *, name, roles, phone, email, visibility, language, available_247, is_desk=False, title=""
):
    existing = Contact.objects.filter(authority=authority, name=name).first()
    if existing:
        return existing, False
    contact = services.contact_create(
        authority=authority,
        name=name,
        is_desk=is_desk,
        title=title,
        roles=roles,
        phones=[("hotline" if available_247 else "office", phone)],
        emails=[email],
        visibility=visibility,
        language=language,
        languages_spoken=sorted({language, "en"}),
        available_247=available_247,
        is_example=True,
    )
    return contact, True


@transaction.atomic
def directory_load() -> None:
    if not RoleType.objects.exists():
        raise RuntimeError("The directory's migration has not run: python manage.py migrate")
    now = timezone.now()
    for index, state in enumerate(State.objects.order_by("code")):
        authority = _authority(state, index)
        language = (state.official_languages or ["en"])[0].split("-")[0]
        code = state.code.lower()
        created = []
        created.append(
            _contact(
                authority,
                name=f"24/7 desk {state.code} (example)",
                is_desk=True,
                roles=[ContactRole.POC_247],
                phone=f"+1 202 555 01{index % 100:02d}",
                email=f"poc247.{code}@example.org",
                visibility=Visibility.EXPERTS if index % 4 else Visibility.PUBLIC,
                language=language,
                available_247=True,
            )
        )
        created.append(
            _contact(
                authority,
                name=f"Alex Example-{state.code}",
                title="Head of international cooperation (example)",
                roles=[ContactRole.CENTRAL_AUTHORITY, ContactRole.EXTRADITION],
                phone=f"+1 202 555 01{(index + 40) % 100:02d}",
                email=f"central.{code}@example.org",
                visibility=Visibility.PUBLIC if index % 2 else Visibility.STATE,
                language=language,
                available_247=False,
            )
        )
        if index % 5 == 0:
            created.append(
                _contact(
                    authority,
                    name=f"Robin Example-{state.code}",
                    title="Working Group delegate (example)",
                    roles=[ContactRole.WG_DELEGATE, ContactRole.FOCAL_POINT],
                    phone=f"+1 202 555 01{(index + 70) % 100:02d}",
                    email=f"delegate.{code}@example.org",
                    visibility=Visibility.SECRETARIAT,
                    language=language,
                    available_247=False,
                )
            )
        for position, (contact, is_new) in enumerate(created):
            if not is_new:
                continue
            # A spread true to life: about a third fresh, a third overdue, a third never verified.
            bucket = (index + position) % 3
            if bucket == 0:
                services.contact_mark_verified(
                    contact=contact,
                    by="Secretariat (example)",
                    method=VerificationMethod.PHONE,
                    now=now - datetime.timedelta(days=60 + index),
                )
            elif bucket == 1:
                services.contact_mark_verified(
                    contact=contact,
                    by="Secretariat (example)",
                    method=VerificationMethod.EDITOR,
                    now=now - datetime.timedelta(days=420 + index),
                )
    for code, measure, urgency, channel, citation in EXAMPLE_RULES:
        state = State.objects.filter(code=code).first()
        authority = Authority.objects.filter(state=state).first() if state else None
        if authority is None:
            continue
        rule, created = FinderRule.objects.get_or_create(
            state=state,
            measure=measure,
            urgency=urgency,
            defaults={
                "authority": authority,
                "channel": channel,
                "domestic_citation": citation,
                "is_example": True,
            },
        )
        if created:
            roles = (
                [ContactRole.CENTRAL_AUTHORITY]
                if measure == Measure.MUTUAL_ASSISTANCE
                else [ContactRole.POC_247]
            )
            rule.roles.set(RoleType.objects.filter(code__in=roles))
            rule.save()
