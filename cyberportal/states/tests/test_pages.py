"""The public pages of the states capability render in each language and show what a visitor needs."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cyberportal.states.models import SpecialisedUnit, State
from cyberportal.states.services import reference_data_load

LANGUAGES = ["en", "es", "pt", "fr"]
PAGES = [
    "/{lang}/states/",
    "/{lang}/states/ar/",
    "/{lang}/states/ht/",
    "/{lang}/states/ni/",
    "/{lang}/instruments/",
    "/{lang}/instruments/cets-185/",
    "/{lang}/instruments/un-cybercrime-2024/",
]


@pytest.fixture(scope="module")
def reference(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        reference_data_load()
    yield
    with django_db_blocker.unblock():
        State.objects.all().delete()
        from cyberportal.states.models import Instrument, Organisation

        Instrument.objects.all().delete()
        Organisation.objects.all().delete()


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_each_page_renders_in_each_language(reference, page, language):
    response = Client().get(page.format(lang=language))

    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_list_names_all_35_states_in_the_visitors_language(reference, language):
    body = Client().get(f"/{language}/states/").content.decode()

    for state in State.objects.all():
        assert state.name_in(language).replace("&", "&amp;").replace("'", "&#x27;") in body
    assert "35" in body


@pytest.mark.django_db
def test_the_list_filters_by_treaty_status_and_247_membership(reference):
    parties = Client().get("/en/states/?instrument=cets-185&treaty_status=party").context["states"]
    invited = Client().get("/en/states/?instrument=cets-185&treaty_status=invited").context["states"]
    network = Client().get("/en/states/?network_247=yes").context["states"]

    assert {"AR", "US", "CA", "BR"} <= {s.code for s in parties}
    assert "MX" not in {s.code for s in parties}
    assert "MX" in {s.code for s in invited}
    assert all(s.network_247_member for s in network)


@pytest.mark.django_db
def test_a_bad_filter_value_is_named_and_ignored(reference):
    response = Client().get("/en/states/?treaty_status=bogus")

    assert response.status_code == 200
    assert "“bogus” is not a valid choice" in response.content.decode()
    assert len(response.context["states"]) == 35


@pytest.mark.django_db
def test_the_list_runs_the_same_number_of_queries_whatever_the_number_of_states(reference):
    client = Client()
    with CaptureQueriesContext(connection) as all_states:
        client.get("/en/states/")
    with CaptureQueriesContext(connection) as few_states:
        client.get("/en/states/?network_247=yes")

    assert len(all_states) == len(few_states)
    assert len(all_states) <= 6


@pytest.mark.django_db
def test_the_profile_shows_the_treaty_status_with_dates_source_and_example_label(reference):
    body = Client().get("/en/states/ar/").content.decode()

    assert "Acceded" in body
    assert "coe.int" in body
    assert "example" in body  # unconfirmed treaty dates are labelled
    assert "Argentinien" not in body and "Argentine" in body  # other languages' names, from CLDR


@pytest.mark.django_db
def test_the_profile_of_a_state_that_left_says_so(reference):
    body = Client().get("/es/states/ni/").content.decode()

    assert "Retirado" in body
    assert "2023" in body


@pytest.mark.django_db
def test_the_instrument_page_lists_parties_and_articles(reference):
    body = Client().get("/en/instruments/cets-185/").content.decode()

    assert "Illegal access" in body and "24/7 Network" in body
    assert "/en/states/us/" in body


@pytest.mark.django_db
def test_an_unknown_instrument_is_a_404_in_the_visitors_language(reference):
    response = Client().get("/pt/instruments/nope/")

    assert response.status_code == 404
    assert "Página não encontrada" in response.content.decode()


@pytest.mark.django_db
def test_public_pages_never_show_restricted_units(reference):
    SpecialisedUnit.objects.create(
        state=State.objects.get(code="AR"), name="Secret unit QQQ", visibility="experts"
    )

    for language in LANGUAGES:
        assert "Secret unit QQQ" not in Client().get(f"/{language}/states/ar/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "network"), [("en", "OAS"), ("es", "OEA"), ("fr", "OEA")])
def test_the_network_is_named_in_the_visitors_language(reference, language, network):
    body = Client().get(f"/{language}/states/co/").content.decode()

    assert f"{network}</h2>" in body
