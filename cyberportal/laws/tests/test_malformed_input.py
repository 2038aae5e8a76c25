"""Malformed addresses on the legislation pages answer a normal page, never a server error or 503."""

import pytest
from django.test import Client

from cyberportal.testing import make_state

from .helpers import make_law, make_mapping, make_provision, make_thesaurus

pytestmark = pytest.mark.django_db


@pytest.fixture
def provision():
    make_thesaurus()
    law = make_law(make_state("CO"), "1273", year=2009)
    found = make_provision(law, "269A", "El que, sin autorización, acceda a un sistema informático.")
    make_mapping(found, "2")
    return found


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("query", ['"', 'acceso "', 'NEAR(acceso "sistema', "*", "acceso:x", "'", "\\"])
def test_search_syntax_in_the_query_is_searched_as_words(client, provision, query):
    response = client.get("/en/search/", {"q": query})

    assert response.status_code == 200


def test_a_quoted_word_still_finds_the_provision(client, provision):
    page = client.get("/en/search/", {"q": '"acceso'}).content.decode()

    assert "269A" in page


@pytest.mark.parametrize("value", [str(10**30), "²", "-1", "0", "1e9", ""])
def test_compare_leaves_out_what_is_not_an_id_and_keeps_the_rest(client, provision, value):
    response = client.get(f"/en/laws/compare/?p={value}&p={provision.pk}")

    assert response.status_code == 200
    assert "269A" in response.content.decode()
