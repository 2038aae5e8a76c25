"""The spaces' search takes any text: search syntax in it is searched as words, never a server error."""

import pytest
from django.test import Client

from cyberportal.core.roles import Role
from cyberportal.spaces import services
from cyberportal.spaces.models import TLP
from cyberportal.testing import make_state, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def member_client():
    secretariat = make_user(Role.SECRETARIAT, None, "sec")
    author = make_user(Role.EXPERT, make_state("AR"), "author")
    space = services.space_create(actor=secretariat, name="WG", slug="wg", kind="working_group")
    services.membership_add(actor=secretariat, space=space, user=author)
    services.thread_create(
        author=author, space=space, title="Preservation in Rosario", body="Server.", tlp=TLP.GREEN
    )
    client = Client(raise_request_exception=False)
    client.force_login(author)
    return client


@pytest.mark.parametrize("query", ['"', 'Rosario "', "NEAR(Rosario", "Rosario:x", "'", "\\", "*"])
def test_search_syntax_is_searched_as_words(member_client, query):
    response = member_client.get("/en/spaces/search/", {"q": query})

    assert response.status_code == 200


def test_a_quoted_word_still_finds_the_thread(member_client):
    assert (
        "Preservation in Rosario"
        in member_client.get("/en/spaces/search/", {"q": '"Rosario'}).content.decode()
    )
