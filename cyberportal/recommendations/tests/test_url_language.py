"""The language of the URL is the language of the page: a "?lang=" never overrides the /es/ prefix."""

import pytest

from .helpers import import_fixture

pytestmark = pytest.mark.django_db


def test_lang_parameter_sends_to_that_languages_address_instead_of_mixing_languages(client):
    meeting = import_fixture("wg_2016_like.md")
    spanish = f"/es/recommendations/{meeting.slug}/progress/"

    response = client.get(spanish + "?lang=en")

    assert response.status_code == 302
    assert response["Location"] == f"/en/recommendations/{meeting.slug}/progress/"


def test_progress_page_is_in_its_urls_language_and_links_to_the_others_by_prefix(client):
    meeting = import_fixture("wg_2016_like.md")

    response = client.get(f"/es/recommendations/{meeting.slug}/progress/?lang=es")
    html = response.content.decode()

    assert response.status_code == 200 and response["Content-Language"] == "es"
    assert '<html lang="es">' in html and "Informe de avance" in html
    assert f'href="/fr/recommendations/{meeting.slug}/progress/" hreflang="fr"' in html
    assert "?lang=en" not in html
