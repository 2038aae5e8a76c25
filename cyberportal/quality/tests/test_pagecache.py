"""The public page cache: anonymous pages come from memory until a write commits, never across users."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client, override_settings

from cyberportal.core.roles import Role
from cyberportal.core.testing import make_state, make_user
from cyberportal.states.models import State

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def page_cache():
    cache.clear()
    with override_settings(PAGE_CACHE_SECONDS=60):
        yield
    cache.clear()


def test_a_public_page_is_served_from_the_cache_until_a_write_commits():
    state = make_state("AR")
    client = Client()
    assert client.get("/en/states/")["X-Page-Cache"] == "miss"
    assert client.get("/en/states/")["X-Page-Cache"] == "hit"

    make_state("BR")
    response = client.get("/en/states/")

    assert response["X-Page-Cache"] == "miss"
    assert "Brazil" in response.content.decode()
    State.objects.filter(pk=state.pk).delete()
    assert "Argentina" not in client.get("/en/states/").content.decode()


def test_each_language_and_query_string_is_its_own_entry():
    make_state("AR")
    client = Client()
    client.get("/en/states/")

    assert client.get("/es/states/")["X-Page-Cache"] == "miss"
    assert client.get("/en/states/?network_247=yes")["X-Page-Cache"] == "miss"


def test_signed_in_users_and_forms_with_a_csrf_token_are_never_cached():
    user = make_user(Role.EXPERT, make_state("AR"))
    signed_in = Client()
    signed_in.force_login(user)

    signed_in.get("/en/states/")
    assert "X-Page-Cache" not in signed_in.get("/en/states/")
    assert "X-Page-Cache" not in Client().get("/en/accounts/sign-in/")
    assert "X-Page-Cache" not in Client().get("/en/accounts/sign-in/")
    assert "X-Page-Cache" not in Client().get("/healthz")
