"""States, authorities and people are listed by name in the reader's alphabet, never by ISO code."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from cyberportal.core.collation import collation_key
from cyberportal.directory.tests.helpers import client_for, make_authority, make_contact
from cyberportal.laws.forms import SearchForm
from cyberportal.testing import make_state, make_user

pytestmark = pytest.mark.django_db


def _state_options(language: str) -> list[str]:
    with translation.override(language):
        return [
            str(label).rsplit(" (", 1)[0] for value, label in SearchForm().fields["state"].choices if value
        ]


def test_spanish_state_options_are_alphabetical_not_by_code():
    for code in ("BR", "BS", "BZ"):  # by code: Brasil, Bahamas, Belice
        make_state(code)

    assert _state_options("es") == ["Bahamas", "Belice", "Brasil"]


def test_french_accented_names_sort_with_their_letter():
    for code in ("CA", "DO", "EC", "US", "FR"):
        make_state(code)

    assert _state_options("fr") == ["Canada", "Équateur", "États-Unis", "France", "République dominicaine"]


def test_portuguese_names_sort_with_accents_and_case_folded():
    for code in ("AR", "AT", "DE", "EC", "SV", "US"):  # by code: Argentina, Áustria, Alemanha, …
        make_state(code)

    names = ["Colômbia", "Colombo", "colina", "Canadá", "Canada"]
    with translation.override("pt"):
        assert sorted(names, key=collation_key) == ["Canada", "Canadá", "colina", "Colômbia", "Colombo"]
    assert _state_options("pt") == [
        "Alemanha",
        "Argentina",
        "Áustria",
        "El Salvador",
        "Equador",
        "Estados Unidos",
    ]


def test_directory_lists_states_by_name_in_the_database_without_more_queries():
    client = client_for(make_user("secretariat"))
    for code in ("BR", "BS"):
        make_contact(make_authority(make_state(code)), name=f"Contacto {code}")

    def listed(language):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/{language}/directory/")
        return [c.authority.state.code for c in response.context["contacts"]], len(queries)

    es_order, es_queries = listed("es")
    assert es_order == ["BS", "BR"]  # Bahamas, Brasil

    make_contact(make_authority(make_state("BZ")), name="Contacto BZ")
    make_contact(make_authority(make_state("AR")), name="Contacto AR")
    more_order, more_queries = listed("es")
    assert more_order == ["AR", "BS", "BZ", "BR"]  # Argentina, Bahamas, Belice, Brasil
    assert more_queries == es_queries


def test_people_sort_by_family_name_with_accents():
    colombia = make_state("CO")
    for username, last in [
        ("z", "Zapata"),
        ("a1", "Álvarez"),
        ("n", "Nguyễn"),
        ("l", "Łukasz"),
        ("a2", "alonso"),
    ]:
        person = make_user("expert", colombia, username=username)
        person.last_name = last
        person.vetting_status = "approved"
        person.save()
    client = client_for(make_user("secretariat"))

    people = client.get("/es/accounts/people/").context["people"]

    listed = [p.last_name for p in people if p.last_name]
    assert listed == ["alonso", "Álvarez", "Łukasz", "Nguyễn", "Zapata"]


def test_admin_state_chooser_lists_names_alphabetically():
    from wagtail.users.models import UserProfile

    for code in ("BR", "BS", "BZ"):  # by code: Brasil, Bahamas, Belice
        make_state(code)
    secretariat = make_user("secretariat")
    profile = UserProfile.get_for_user(secretariat)
    profile.preferred_language = "es"  # the admin speaks the editor's profile language
    profile.save()
    client = client_for(secretariat)

    response = client.get("/admin/snippets/choose/states/state/results/")

    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Bahamas") < html.index("Belice") < html.index("Brasil")


def test_admin_list_of_states_is_by_name_in_the_editors_language():
    from wagtail.users.models import UserProfile

    for code in ("BR", "BS", "BZ"):  # by code: Brasil, Bahamas, Belice
        make_state(code)
    secretariat = make_user("secretariat")
    UserProfile.objects.update_or_create(user=secretariat, defaults={"preferred_language": "es"})

    html = client_for(secretariat).get("/admin/snippets/states/state/").content.decode()

    assert html.index("Bahamas") < html.index("Belice") < html.index("Brasil")


def test_a_states_contacts_are_in_alphabetical_order_accents_included():
    from cyberportal.directory.selectors import authority_contacts, profile_section_context

    state = make_state("CO")
    authority = make_authority(state, name="Fiscalía")
    for name in ("Zapata", "Álvarez", "alonso", "Ñúñez", "Oviedo"):
        make_contact(authority, name, visibility="public")
    secretariat = make_user("secretariat")

    names = [c.name for c in authority_contacts(secretariat, authority)]
    assert names == ["alonso", "Álvarez", "Ñúñez", "Oviedo", "Zapata"]
    listed = [c.name for c in profile_section_context(state, secretariat)["directory_contacts"]]
    assert listed == names
