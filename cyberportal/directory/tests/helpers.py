"""Builders for the directory's tests: an authority and its contacts, made through the services."""

from __future__ import annotations

import datetime

from django.utils.text import slugify

from cyberportal.directory import services
from cyberportal.directory.models import Authority, Contact


def make_authority(state, **fields) -> Authority:
    defaults = {
        "name": f"Fiscalía de prueba {state.code}",
        "name_en": f"Test prosecution {state.code}",
        "kind": "prosecution",
        "request_languages": ["es", "en"],
        "time_zone": "America/Bogota",
        "opens_at": datetime.time(8, 0),
        "closes_at": datetime.time(17, 0),
        "working_days": [1, 2, 3, 4, 5],
    }
    defaults.update(fields)
    return services.authority_create(state=state, **defaults)


def make_contact(
    authority, name="Ana Prueba", *, roles=("poc_247",), visibility="public", **fields
) -> Contact:
    fields.setdefault("phones", [("hotline", "+1 202 555 0142")])
    fields.setdefault("emails", [f"{slugify(name).replace('-', '.')}@example.org"])
    fields.setdefault("language", "es")
    return services.contact_create(
        authority=authority, name=name, roles=roles, visibility=visibility, **fields
    )


def client_for(user):
    from django.test import Client

    client = Client()
    if getattr(user, "is_authenticated", False):
        client.force_login(user)
    return client
