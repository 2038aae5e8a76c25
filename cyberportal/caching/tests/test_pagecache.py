"""The public page cache: anonymous pages come from memory until a write commits, never across users."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import update_last_login
from django.db import connection
from django.http import HttpResponse
from django.template import RequestContext, Template
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import path

from cyberportal.caching.pagecache import cache_params, current_version, page_cache
from cyberportal.core.access import public
from cyberportal.core.roles import Role
from cyberportal.laws.models import Law
from cyberportal.states.models import State
from cyberportal.testing import make_state, make_user

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
SIGN_IN = "/en/accounts/sign-in/"


@pytest.fixture(autouse=True)
def cache_on():
    page_cache().clear()
    with override_settings(PAGE_CACHE_SECONDS=60):
        yield
    page_cache().clear()


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


def _big_page(request):
    return HttpResponse("<p>" + "x" * 600_000 + "</p>")


def _echo(request):
    return HttpResponse(f"<p>{request.GET.get('q', '')}</p>")


urlpatterns = [
    path("form/", public(_form_page)),
    path("big/", public(_big_page)),
    path("echo/", public(cache_params("q")(_echo))),
]


@override_settings(ROOT_URLCONF=__name__)
def test_any_other_public_page_that_uses_a_csrf_token_is_never_cached():
    client = Client()
    client.get("/form/")
    response = client.get("/form/")
    assert response.status_code == 200 and "X-Page-Cache" not in response


def test_a_sign_in_does_not_change_the_version_but_a_content_write_does():
    user = make_user(Role.EXPERT, make_state("AR"), username="expert.ar")
    before = current_version()

    update_last_login(None, user)  # what Django's user_logged_in signal does on every sign-in
    assert (
        Client().post(SIGN_IN, {"login": "expert.ar", "password": "a-long-test-password"}).status_code == 302
    )
    assert current_version() == before

    make_state("BR")
    assert current_version() == before + 1


def test_a_user_save_beyond_last_login_still_invalidates():
    user = make_user(Role.EXPERT, make_state("AR"))
    before = current_version()
    user.first_name = "Ana"
    user.save(update_fields=["first_name"])
    assert current_version() == before + 1
    assert get_user_model().objects.filter(pk=user.pk, first_name="Ana").exists()


@override_settings(ROOT_URLCONF=__name__)
def test_undeclared_parameters_create_no_entries():
    client = Client()
    for n in range(1, 101):
        response = client.get(f"/echo/?_v={n}")
        assert response.status_code == 200 and "X-Page-Cache" not in response
    assert not page_cache()._cache  # LocMemCache's store: nothing was kept

    # Declared parameters are keyed in a normal order, so their order does not split the cache.
    assert client.get("/echo/?q=a")["X-Page-Cache"] == "miss"
    assert client.get("/echo/?q=a")["X-Page-Cache"] == "hit"
    assert client.get("/echo/?q=b").content == b"<p>b</p>"


def test_parameter_order_does_not_split_the_cache():
    make_state("AR")
    client = Client()
    assert client.get("/en/states/?network_247=yes&membership=member")["X-Page-Cache"] == "miss"
    assert client.get("/en/states/?membership=member&network_247=yes")["X-Page-Cache"] == "hit"


@override_settings(ROOT_URLCONF=__name__)
def test_a_page_over_the_size_limit_is_served_but_not_stored():
    client = Client()
    with override_settings(PAGE_CACHE_MAX_ENTRY_BYTES=512 * 1024):
        first, second = client.get("/big/"), client.get("/big/")
    assert len(first.content) > 512 * 1024 and first.content == second.content
    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second
    assert not page_cache()._cache


@override_settings(ROOT_URLCONF=__name__, PAGE_CACHE_MISSES_PER_MINUTE=5)
def test_misses_from_one_address_are_limited_but_hits_are_still_served():
    from django.core.cache import cache

    cache.clear()
    client = Client(REMOTE_ADDR="203.0.113.7")
    assert client.get("/echo/?q=warm")["X-Page-Cache"] == "miss"
    for n in range(4):
        assert client.get(f"/echo/?q={n}").status_code == 200
    refused = client.get("/echo/?q=one-too-many")
    assert refused.status_code == 429 and refused["Retry-After"] == "60"
    assert client.get("/echo/?_v=1").status_code == 429  # undeclared parameters count too
    assert client.get("/echo/?q=warm")["X-Page-Cache"] == "hit"  # cached pages still served
    assert Client(REMOTE_ADDR="203.0.113.8").get("/echo/?q=other").status_code == 200
    cache.clear()


def test_a_write_to_another_app_leaves_pages_of_the_states_app_cached():
    state = make_state("AR")
    client = Client()
    assert client.get("/en/states/")["X-Page-Cache"] == "miss"
    assert client.get("/en/states/")["X-Page-Cache"] == "hit"

    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/states/")["X-Page-Cache"] == "hit"
    assert len(queries.captured_queries) == 1  # the version and the states counter, in one query

    Law.objects.create(state=state, title="Cybercrime Act", year=2020)
    assert client.get("/en/states/")["X-Page-Cache"] == "hit"

    make_state("BR")
    assert client.get("/en/states/")["X-Page-Cache"] == "miss"
    assert client.get("/en/states/")["X-Page-Cache"] == "hit"
