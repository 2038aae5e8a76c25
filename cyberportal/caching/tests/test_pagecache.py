"""The public page cache: anonymous pages come from memory until a write commits, never across users."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import update_last_login
from django.db import connection
from django.http import HttpResponse
from django.template import RequestContext, Template
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import path

from cyberportal.audit.models import AuditAction
from cyberportal.audit.services import audit_record
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


def _sized(request):
    return HttpResponse("<p>" + request.GET.get("q", "").ljust(1500, "x") + "</p>")


urlpatterns = [
    path("form/", public(_form_page)),
    path("big/", public(_big_page)),
    path("echo/", public(cache_params("q")(_echo))),
    path("sized/", public(cache_params("q")(_sized))),
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


def test_a_sign_in_and_other_bookkeeping_writes_leave_cached_pages_served():
    """A session, last_login and audit entries (all written by a sign-in) change no public page: the
    pages cached before are still served, whether keyed by one app or by every content write."""
    make_user(Role.EXPERT, make_state("AR"), username="expert.ar")
    visitor = Client()
    pages = ["/en/states/", "/en/directory/"]  # the states app's counter; the version of every write
    for page in pages:
        assert visitor.get(page)["X-Page-Cache"] == "miss"

    expert = Client()
    assert expert.post(SIGN_IN, {"login": "expert.ar", "password": "a-long-test-password"}).status_code == 302
    assert expert.get("/en/states/").status_code == 200  # signed in: a session read, maybe refreshed
    audit_record(actor=None, action=AuditAction.EXPORT, object_label="bench")

    for page in pages:
        assert visitor.get(page)["X-Page-Cache"] == "hit"


def test_every_bookkeeping_name_is_an_installed_app_or_model():
    """A misspelt label silently turns bookkeeping into content: the queue's label was once wrong, and
    every task the worker ran emptied the page cache of every instance."""
    from django.apps import apps

    from cyberportal.caching.pagecache import BOOKKEEPING

    labels = {config.label for config in apps.get_app_configs()}
    models = {model._meta.label_lower for model in apps.get_models()}
    assert sorted(name for name in BOOKKEEPING if name not in labels | models) == []


def test_the_background_queue_leaves_cached_pages_served():
    """Enqueuing a task and the worker recording its result change no public page."""
    from django_tasks_db.models import DBTaskResult

    visitor = Client()
    assert visitor.get("/en/states/")["X-Page-Cache"] == "miss"
    version = current_version()
    DBTaskResult.objects.create(
        task_path="cyberportal.example.task", args_kwargs={"args": [], "kwargs": {}}, backend_name="default"
    )
    assert current_version() == version
    assert visitor.get("/en/states/")["X-Page-Cache"] == "hit"


@override_settings(ROOT_URLCONF=__name__, PAGE_CACHE_MAX_ENTRY_BYTES=2000)
def test_each_worker_keeps_at_most_its_memory_budget_of_pages():
    """Without Redis each worker's LocMemCache holds at most MAX_ENTRIES pages of at most
    PAGE_CACHE_MAX_ENTRY_BYTES: the settings derive the count from the memory budget, and however many
    different pages visitors ask for, the store never grows past it."""
    from cyberportal.settings import base

    if not os.environ.get("REDIS_URL"):
        entries = base.CACHES["pagecache"]["OPTIONS"]["MAX_ENTRIES"]
        assert entries * base.PAGE_CACHE_MAX_ENTRY_BYTES <= base.PAGE_CACHE_MEMORY_BYTES

    bounded = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "bounded-pages"}
    caches = {**settings.CACHES, "pagecache": {**bounded, "OPTIONS": {"MAX_ENTRIES": 4}}}
    with override_settings(CACHES=caches):
        client = Client()
        for n in range(40):
            assert client.get(f"/sized/?q={n}")["X-Page-Cache"] == "miss"
        stored = page_cache()._cache
        assert 0 < len(stored) <= 4
        assert sum(len(entry) for entry in stored.values()) <= 4 * (2000 + 500)  # pickling's overhead
        page_cache().clear()


def test_production_shares_one_redis_between_workers_and_instances():
    """With REDIS_URL (production), pages and the miss counters live in one Redis that every worker of
    every instance reads: a write seen by one is seen by all, and the per-address limit is one limit."""
    environment = {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "DJANGO_SETTINGS_MODULE": "cyberportal.settings.production",
        "REDIS_URL": "redis://127.0.0.1:6379/3",
        "SECRET_KEY": "s" * 50,
        "AUDIT_HMAC_KEYS": "k:0123456789abcdef0123",
        "ALLOWED_HOSTS": "portal.example.org",
        "EMAIL_HOST": "mail.example.org",
    }
    script = "import json; from django.conf import settings; print(json.dumps(settings.CACHES))"
    completed = subprocess.run(
        [sys.executable, "-c", script], env=environment, capture_output=True, text=True, check=True
    )
    caches = json.loads(completed.stdout)

    redis = "django.core.cache.backends.redis.RedisCache"
    assert caches["default"] == {"BACKEND": redis, "LOCATION": "redis://127.0.0.1:6379/3"}
    assert caches["pagecache"]["BACKEND"] == redis
    assert caches["pagecache"]["LOCATION"] == "redis://127.0.0.1:6379/3"
    assert caches["pagecache"]["KEY_PREFIX"] == "page"  # apart from the counters and the fragments
