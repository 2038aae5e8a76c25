"""The private component speaks the four interface languages (catalogues: core/tests/test_translations.py)."""

import pytest
from django.test import Client

from cyberportal.core.roles import Role


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
