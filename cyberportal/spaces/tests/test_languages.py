"""The private component speaks the four interface languages, with complete catalogues."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.test import Client

from cyberportal.core.roles import Role

APPS = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("app", ["accounts", "audit", "spaces"])
@pytest.mark.parametrize("language", ["es", "pt", "fr"])
def test_every_message_is_translated(app, language):
    with (APPS / app / "locale" / language / "LC_MESSAGES" / "django.po").open("rb") as po:
        catalog = read_po(po)
    untranslated = [
        m.id
        for m in catalog
        if m.id and (m.fuzzy or not all(m.string if isinstance(m.string, tuple) else [m.string]))
    ]
    assert untranslated == []


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/es/spaces/", "Espacios de expertos"),
        ("/pt/spaces/", "Espaços de especialistas"),
        ("/fr/spaces/", "Espaces d’experts"),
        ("/es/audit/", "Registro de auditoría"),
        ("/fr/audit/", "Journal d’audit"),
        ("/pt/accounts/profile/", "O seu perfil"),
    ],
)
def test_pages_render_in_the_visitors_language(path, text, user_factory):
    client = Client()
    client.force_login(user_factory(Role.SECRETARIAT, None))
    assert text in client.get(path).content.decode()
