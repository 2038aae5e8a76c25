"""The whole admin in the user's language (issue 14, item 11), and the URL's language is the page's."""

from __future__ import annotations

import pytest
from django.test import Client
from wagtail.users.models import UserProfile

from cyberportal.testing import make_state, make_user

pytestmark = pytest.mark.django_db


def _admin_client(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")  # a browser that says English, as many official ones do
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("language", "search", "dashboard"),
    [
        ("es", "Buscar en todas las páginas…", "Panel de control"),
        ("pt", "Pesquisar todas as páginas…", "Painel"),
        ("fr", "Rechercher dans toutes les pages…", "Tableau de bord"),
    ],
)
def test_the_admin_speaks_the_portal_profiles_language_whatever_the_browser_says(language, search, dashboard):
    secretariat = make_user("secretariat")
    secretariat.preferred_language = language
    secretariat.save()

    response = _admin_client(secretariat).get("/admin/")

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}"' in html
    assert search in html and "Search all pages" not in html
    assert dashboard in html


def test_wagtails_own_admin_language_choice_wins_over_the_portal_profile():
    secretariat = make_user("secretariat")
    secretariat.preferred_language = "es"
    secretariat.save()
    profile = UserProfile.get_for_user(secretariat)
    profile.preferred_language = "fr"
    profile.save()

    html = _admin_client(secretariat).get("/admin/").content.decode()

    assert '<html lang="fr"' in html and "Tableau de bord" in html


def test_signing_in_on_a_spanish_page_makes_spanish_the_users_language_when_none_was_set():
    from cyberportal.accounts.services import user_language_remember

    focal = make_user("focal_point", make_state("CO"))
    user_language_remember(user=focal, language="es")
    focal.refresh_from_db()
    assert focal.preferred_language == "es"

    user_language_remember(user=focal, language="fr")  # an explicit choice is never overwritten
    focal.refresh_from_db()
    assert focal.preferred_language == "es"


def test_signing_in_through_the_form_remembers_the_pages_language():
    expert = make_user("expert", make_state("BR"), username="expert.br")
    expert.set_password("a long enough password 1")
    expert.save()

    response = Client().post(
        "/pt/accounts/login/", {"login": "expert.br", "password": "a long enough password 1"}
    )

    assert response.status_code == 302
    expert.refresh_from_db()
    assert expert.preferred_language == "pt"


@pytest.mark.parametrize("path", ["/es/states/", "/es/directory/finder/", "/es/instruments/"])
def test_a_lang_parameter_never_switches_a_spanish_page_to_english(path):
    make_state("AR")
    response = Client().get(path + "?lang=en")
    assert response.status_code == 200
    assert '<html lang="es">' in response.content.decode()
    assert response.get("Content-Language") == "es"
    again = Client().get("/es/states/")
    assert '<html lang="es">' in again.content.decode()
