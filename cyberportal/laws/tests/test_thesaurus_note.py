"""The thesaurus note under search results names the concepts in the reader's language (issue 14)."""

import pytest
from django.test import Client

from cyberportal.testing import make_state

from .helpers import make_law, make_provision, make_thesaurus

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "label"),
    [("es", "acceso ilícito"), ("pt", "acesso ilegal"), ("fr", "accès illégal"), ("en", "illegal access")],
)
def test_the_thesaurus_note_names_the_concept_in_the_readers_language(language, label):
    make_thesaurus()
    ley = make_law(make_state("CO"), "1273", year=2009)
    make_provision(ley, "269A", "El que acceda a un sistema informático.", heading="Acceso abusivo")

    html = Client().get(f"/{language}/search/", {"q": "illegal access"}).content.decode()

    note = html[html.index('<p class="muted">', html.index("<form")) :]
    note = note[: note.index("</p>")]
    assert f"<strong>{label}</strong>" in note
    if language != "en":
        assert "illegal access</strong>" not in note
