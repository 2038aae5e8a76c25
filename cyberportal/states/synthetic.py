"""Synthetic records for the large benchmark scale: 194 states with ISO codes from pycountry.

Registered in `core.synthetic` from StatesConfig.ready(); only ever run against the benchmark's own
database (see `manage.py bench`). Deterministic: the same
seed gives the same instance, so two runs measure the same thing.
"""

from __future__ import annotations

import datetime
import random

import pycountry
from django.db import transaction

from cyberportal.states.models import (
    Instrument,
    Membership,
    MembershipStatus,
    State,
    TreatyStatus,
    TreatyStatusValue,
)
from cyberportal.states.services import official_languages, time_zones

LARGE_STATE_COUNT = 194  # the UN's member states plus observers: the largest network we plan for
SEED = 7


@transaction.atomic
def states_generate(scale: str) -> dict[str, int]:
    """Top the instance up to 194 states, each with a membership and a status for every instrument."""
    if scale != "large":
        return {}
    rng = random.Random(SEED)
    existing = set(State.objects.values_list("code", flat=True))
    candidates = [c for c in pycountry.countries if c.alpha_2 not in existing]
    wanted = max(0, LARGE_STATE_COUNT - len(existing))
    new_states = [
        State(
            code=country.alpha_2,
            alpha3=country.alpha_3,
            numeric=country.numeric,
            official_languages=official_languages(country.alpha_2),
            time_zones=time_zones(country.alpha_2),
            network_247_member=rng.random() < 0.6,
        )
        for country in sorted(candidates, key=lambda c: c.alpha_2)[:wanted]
    ]
    State.objects.bulk_create(new_states)
    created = list(State.objects.filter(code__in=[s.code for s in new_states]))
    Membership.objects.bulk_create(
        Membership(
            state=state,
            status=MembershipStatus.MEMBER,
            since_year=rng.randint(1948, 2020),
            is_example=True,
            sort_order=0,
        )
        for state in created
    )
    statuses = []
    values = list(TreatyStatusValue.values)
    for instrument in Instrument.objects.all():
        for state in created:
            value = rng.choice(values)
            signed = datetime.date(rng.randint(2001, 2024), rng.randint(1, 12), rng.randint(1, 28))
            statuses.append(
                TreatyStatus(
                    state=state,
                    instrument=instrument,
                    status=value,
                    signed_on=signed if value != TreatyStatusValue.NONE else None,
                    is_example=True,
                    sort_order=0,
                )
            )
    TreatyStatus.objects.bulk_create(statuses)
    return {"states": len(created), "treaty statuses": len(statuses)}
