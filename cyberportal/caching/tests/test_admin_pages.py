"""Whole admin pages (the dashboard, our listings) come from the cache for the same user and browser until
a write commits; never across users or browsers, never while messages wait, never for other pages."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client, RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext

from cyberportal.caching.admin_pages import AdminPageCacheMiddleware
from cyberportal.core.roles import Role
from cyberportal.testing import make_state, make_user

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
DASHBOARD = "/admin/"
STATES = "/admin/snippets/states/state/"


@pytest.fixture(autouse=True)
def admin_cache():
    cache.clear()
    with override_settings(ADMIN_FRAGMENT_SECONDS=60):
        yield
    cache.clear()


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries.captured_queries)


def _without_tokens(html: str) -> str:
    # The CSRF token is masked afresh on every rendering; the bulk actions' class order follows set order.
    html = re.sub(r'"CSRF_TOKEN": "\w+"', "", html)
    html = re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", html)
    return re.sub(r'class="[^"]*bulk-action-btn[^"]*"', "", html)


@pytest.mark.parametrize("url", [DASHBOARD, STATES])
def test_the_page_comes_from_the_cache_and_is_the_page_wagtail_renders(url):
    make_state("AR")
    client = _client(make_user(Role.SECRETARIAT, username="secretariat"))
    with override_settings(ADMIN_FRAGMENT_SECONDS=0):
        rendered, _ = _get(client, url)
    first, first_queries = _get(client, url)
    cached, cached_queries = _get(client, url)
    assert cached == first  # the stored bytes
    assert cached_queries <= 3 < first_queries  # the session, the user, the data version
    assert _without_tokens(cached) == _without_tokens(rendered)


def test_a_committed_write_shows_at_once():
    make_state("AR")
    client = _client(make_user(Role.SECRETARIAT, username="secretariat"))
    _get(client, STATES)
    assert "Brazil" not in _get(client, STATES)[0]
    make_state("BR")
    assert "Brazil" in _get(client, STATES)[0]


def test_never_another_users_or_another_browsers_page():
    secretariat = make_user(Role.SECRETARIAT, username="secretariat")
    focal = make_user(Role.FOCAL_POINT, make_state("AR"), username="focal.ar")
    first, focal_client, new_session = _client(secretariat), _client(focal), _client(secretariat)
    _get(first, DASHBOARD)  # not stored: this request made the browser its CSRF secret
    _get(first, DASHBOARD)
    assert _get(first, DASHBOARD)[1] <= 3
    # The same session with another CSRF secret: its own page, whose CSRF token that browser can use.
    same_session = Client()
    same_session.cookies["sessionid"] = first.cookies["sessionid"].value
    same_session.cookies["csrftoken"] = "b" * 32
    assert _get(same_session, DASHBOARD)[1] > 3
    assert _get(new_session, DASHBOARD)[1] > 3  # another browser
    page, queries = _get(focal_client, DASHBOARD)
    assert queries > 3 and "Audit log" not in page  # the Secretariat's menu item
    assert _get(first, DASHBOARD)[1] <= 3  # nothing was written in between


def test_a_waiting_message_is_shown_not_a_stored_page():
    client = _client(make_user(Role.FOCAL_POINT, make_state("AR"), username="focal.ar"))
    _get(client, DASHBOARD)
    assert "do not have permission" not in _get(client, DASHBOARD)[0]  # stored, without a message
    # Wagtail refuses the users' area with a message for the next page, and writes nothing.
    assert client.get("/admin/users/").status_code == 302
    page, queries = _get(client, DASHBOARD)
    assert "do not have permission" in page and queries > 3
    assert "do not have permission" not in _get(client, DASHBOARD)[0]  # shown once, as ever


def test_other_admin_pages_are_never_stored():
    client = _client(make_user(Role.SECRETARIAT, username="secretariat"))
    _get(client, "/admin/account/")
    assert _get(client, "/admin/account/")[1] > 3


def test_turned_off_nothing_is_kept():
    with override_settings(ADMIN_FRAGMENT_SECONDS=0):
        client = _client(make_user(Role.SECRETARIAT, username="secretariat"))
        _get(client, DASHBOARD)
        assert _get(client, DASHBOARD)[1] > 3


def test_a_factory_request_without_a_user_passes_through():
    request = RequestFactory().get(DASHBOARD)
    assert AdminPageCacheMiddleware(lambda r: None).process_view(request, lambda r: None, (), {}) is None
