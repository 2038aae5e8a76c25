"""Synthetic authorities and contacts for the benchmark's large scale: 20,000 contacts over every state.

A mix true to life: each state has a few authorities of different kinds; contacts hold one or two roles
(24/7 points of contact and central authorities in every state), are public, for experts, for their
state or for the Secretariat, speak the state's language and English, and were verified recently, long
ago or never. Names, fictional phone numbers (+1 202 555 01xx) and example.org addresses are invented,
and every record is labelled as an example. Written in bulk; deterministic for a given seed.
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from cyberportal.core.roles import Visibility
from cyberportal.states.models import State

from .models import (
    Authority,
    AuthorityKind,
    Contact,
    ContactEmail,
    ContactPhone,
    ContactRole,
    PhoneKind,
    RoleType,
    VerificationMethod,
)
from .services import add_months, settings_now

LARGE_CONTACTS = 20_000
AUTHORITIES_PER_STATE = 5
SYNTHETIC_MARK = "(synthetic)"

# Weights: most contacts are public or for vetted experts; a few are for the state or the Secretariat.
VISIBILITIES = [
    (Visibility.PUBLIC, 40),
    (Visibility.EXPERTS, 35),
    (Visibility.STATE, 15),
    (Visibility.SECRETARIAT, 10),
]
KINDS = [
    AuthorityKind.CENTRAL_AUTHORITY,
    AuthorityKind.PROSECUTION,
    AuthorityKind.POLICE,
    AuthorityKind.CSIRT,
    AuthorityKind.JUDICIARY,
    AuthorityKind.REGULATOR,
    AuthorityKind.OTHER,
]
# The roles each kind of authority typically holds; the first is the most common.
ROLES_OF = {
    AuthorityKind.CENTRAL_AUTHORITY: [ContactRole.CENTRAL_AUTHORITY, ContactRole.EXTRADITION],
    AuthorityKind.PROSECUTION: [ContactRole.PROSECUTION_UNIT, ContactRole.POC_247, ContactRole.WG_DELEGATE],
    AuthorityKind.POLICE: [ContactRole.POC_247, ContactRole.INVESTIGATION_UNIT, ContactRole.FORENSICS_LAB],
    AuthorityKind.CSIRT: [ContactRole.POC_247, ContactRole.FORENSICS_LAB],
    AuthorityKind.JUDICIARY: [ContactRole.STATISTICS, ContactRole.CENTRAL_AUTHORITY],
    AuthorityKind.REGULATOR: [ContactRole.STATISTICS, ContactRole.FOCAL_POINT],
    AuthorityKind.OTHER: [ContactRole.FOCAL_POINT, ContactRole.WG_DELEGATE],
}
FIRST = ["Alex", "Sam", "Robin", "Maria", "João", "Camille", "Ana", "Jean", "Luis", "Chris", "Noor", "Kim"]
LAST = ["Example", "Sample", "Placeholder", "Testa", "Exemplo", "Modèle", "Muestra", "Demo"]


def synthetic_authorities():
    return Authority.objects.filter(name__endswith=SYNTHETIC_MARK, is_example=True)


def _language(state: State) -> str:
    return ((state.official_languages or ["en"])[0] or "en").split("-")[0]


@transaction.atomic
def directory_create(
    *, contacts: int, states: list[State], authorities_per_state: int = AUTHORITIES_PER_STATE, seed: int = 7
) -> dict[str, int]:
    """Write `authorities_per_state` authorities per state and `contacts` contacts spread over them."""
    if not states or contacts <= 0:
        return {}
    rng = random.Random(seed)
    states = sorted(states, key=lambda s: s.code)
    authorities = []
    for state in states:
        language = _language(state)
        for n in range(authorities_per_state):
            kind = KINDS[n % len(KINDS)]
            label = AuthorityKind(kind).label
            authorities.append(
                Authority(
                    state=state,
                    name=f"{label} {n + 1} – {state.code} {SYNTHETIC_MARK}",
                    name_en=f"{label} {n + 1} – {state.code} {SYNTHETIC_MARK}",
                    name_language="en",
                    kind=kind,
                    address=f"Example Street {n + 1}, capital city (example address)",
                    request_languages=sorted({language, "en"}),
                    time_zone=state.default_time_zone,
                    opens_at=datetime.time(8, 0),
                    closes_at=datetime.time(17, 0),
                    working_days=[1, 2, 3, 4, 5],
                    visibility=Visibility.PUBLIC if rng.random() < 0.9 else Visibility.EXPERTS,
                    is_example=True,
                )
            )
    Authority.objects.bulk_create(authorities, batch_size=1000)
    authorities = list(synthetic_authorities().select_related("state").order_by("pk"))

    role_ids = dict(RoleType.objects.values_list("code", "pk"))
    visibilities, weights = zip(*VISIBILITIES, strict=True)
    period = settings_now().verification_period_months
    now = timezone.now()
    rows, roles_of_row = [], []
    for n in range(contacts):
        # Round-robin over states first, so every state gets its share (24/7 and central authority too).
        state_index, turn = n % len(states), n // len(states)
        authority = authorities[state_index * authorities_per_state + turn % authorities_per_state]
        language = _language(authority.state)
        kind_roles = ROLES_OF[authority.kind]
        roles = [kind_roles[0]] if rng.random() < 0.6 else rng.sample(kind_roles, k=min(2, len(kind_roles)))
        is_desk = ContactRole.POC_247 in roles and rng.random() < 0.5
        verified = rng.random()
        if verified < 0.4:  # recent
            verified_at = now - datetime.timedelta(days=rng.randint(1, 300))
        elif verified < 0.75:  # long ago: overdue
            verified_at = now - datetime.timedelta(days=rng.randint(400, 1500))
        else:
            verified_at = None
        rows.append(
            Contact(
                authority=authority,
                name=f"{'24/7 desk' if is_desk else rng.choice(FIRST)} {rng.choice(LAST)}-{n + 1}",
                is_desk=is_desk,
                title="Officer (example)" if not is_desk else "",
                language=language,
                languages_spoken=sorted({language, "en"} | ({"es"} if rng.random() < 0.2 else set())),
                available_247=ContactRole.POC_247 in roles,
                visibility=rng.choices(visibilities, weights)[0],
                last_verified_at=verified_at,
                last_verified_by="Secretariat (example)" if verified_at else "",
                verification_method=rng.choice(VerificationMethod.values) if verified_at else "",
                next_due=add_months(verified_at.date(), period) if verified_at else None,
                is_example=True,
            )
        )
        roles_of_row.append(roles)
    Contact.objects.bulk_create(rows, batch_size=2000)
    saved = list(
        Contact.objects.filter(authority__in=authorities).order_by("pk").values_list("pk", "authority_id")
    )
    through = Contact.roles.through
    links, phones, emails = [], [], []
    for (pk, _authority_id), roles in zip(saved, roles_of_row, strict=True):
        links.extend(through(contact_id=pk, roletype_id=role_ids[role]) for role in roles)
        kind = PhoneKind.HOTLINE if ContactRole.POC_247 in roles else PhoneKind.OFFICE
        phones.append(
            ContactPhone(contact_id=pk, kind=kind, number=f"+120255501{pk % 100:02d}", sort_order=0)
        )
        emails.append(ContactEmail(contact_id=pk, address=f"contact{pk}@example.org", sort_order=0))
    through.objects.bulk_create(links, batch_size=5000)
    ContactPhone.objects.bulk_create(phones, batch_size=5000)
    ContactEmail.objects.bulk_create(emails, batch_size=5000)
    return {"authorities": len(authorities), "contacts": len(saved), "contact roles": len(links)}


def directory_generate(scale: str, *, contacts: int = LARGE_CONTACTS, seed: int = 7) -> dict[str, int]:
    """The benchmark's large scale: 20,000 contacts over every state's authorities."""
    if scale != "large":
        return {}
    return directory_create(contacts=contacts, states=list(State.objects.order_by("code")), seed=seed)
