"""Builders for the events tests: an event made through the service, with its groups of participants."""

from __future__ import annotations

import datetime
import zoneinfo

from cyberportal.events.services import event_save

LIMA = zoneinfo.ZoneInfo("America/Lima")


def make_event(slug="workshop-lima", *, topics=("evidence",), materials=(), participations=(), **fields):
    defaults = {
        "title": "Workshop on electronic evidence, Lima",
        "kind": "workshop",
        "starts_at": datetime.datetime(2026, 3, 10, 9, 0, tzinfo=LIMA),
        "ends_at": datetime.datetime(2026, 3, 12, 17, 0, tzinfo=LIMA),
        "time_zone": "America/Lima",
        "format": "in_person",
        "city": "Lima",
        "languages": ["es", "en"],
        "organisers": "OAS Technical Secretariat",
        "is_example": True,
    }
    return event_save(
        slug=slug,
        fields=defaults | fields,
        topics=list(topics),
        materials=list(materials),
        participations=list(participations),
    )


def group(state, kind="prosecution", count=10, role="participant", women=None, men=None):
    return {
        "state": state,
        "institution_kind": kind,
        "role": role,
        "count": count,
        "women": women,
        "men": men,
    }
