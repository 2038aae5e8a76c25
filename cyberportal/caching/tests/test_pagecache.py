"""The public page cache: anonymous pages come from memory until a write commits, never across users."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.template import RequestContext, Template
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import path

from cyberportal.core.access import public
from cyberportal.core.roles import Role
from cyberportal.states.models import State
from cyberportal.testing import make_state, make_user

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
SIGN_IN = "/en/accounts/sign-in/"


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


def test_signed_in_users_and_the_floor_are_never_cached():
    user = make_user(Role.EXPERT, make_state("AR"))
    signed_in = Client()
    signed_in.force_login(user)

    signed_in.get("/en/states/")
    assert "X-Page-Cache" not in signed_in.get("/en/states/")
    assert "X-Page-Cache" not in Client().get("/healthz")


def _token(response) -> str:
    return re.search(
        r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"', response.content.decode()
    ).group(1)


def test_the_sign_in_form_is_cached_but_every_visitor_gets_a_token_of_their_own():
    make_user(Role.EXPERT, make_state("AR"), username="expert.ar")
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    assert first.get(SIGN_IN)["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        response = second.get(SIGN_IN)
    assert response["X-Page-Cache"] == "hit"
    assert len(queries.captured_queries) == 1  # the cache version, nothing else
    assert "no-store" in response["Cache-Control"]  # browsers still may not keep the form
    token = _token(response)
    assert token != _token(first.get(SIGN_IN))
    assert second.cookies["csrftoken"].value  # the cached answer sets this visitor's CSRF cookie

    # The token works for its visitor only: CSRF protection is what it is without the cache.
    form = {"login": "expert.ar", "password": "a-long-test-password"}
    assert second.post(SIGN_IN, {**form, "csrfmiddlewaretoken": token}).status_code == 302
    assert first.post(SIGN_IN, {**form, "csrfmiddlewaretoken": token}).status_code == 403
    assert Client(enforce_csrf_checks=True).post(SIGN_IN, form).status_code == 403


def _form_page(request):
    return HttpResponse(Template("<form>{% csrf_token %}</form>").render(RequestContext(request)))


urlpatterns = [path("form/", public(_form_page))]


@override_settings(ROOT_URLCONF=__name__)
def test_any_other_public_page_that_uses_a_csrf_token_is_never_cached():
    client = Client()
    client.get("/form/")
    response = client.get("/form/")
    assert response.status_code == 200 and "X-Page-Cache" not in response
