"""Whole admin pages (the dashboard, our listings) come from the cache for the same user and browser until
a write commits; never across users or browsers, never while messages wait, never for other pages."""

from __future__ import annotations

import re

import pytest
from django.test import Client, RequestFactory, override_settings

from cyberportal.caching.admin_pages import AdminPageCacheMiddleware
from cyberportal.core.roles import Role
from cyberportal.testing import make_state, make_user

from .helpers import page_and_queries, signed_in

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("admin_cache_on"),
]
DASHBOARD = "/admin/"
STATES = "/admin/snippets/states/state/"


def _without_tokens(html: str) -> str:
    # The CSRF token is masked afresh on every rendering; the bulk actions' class order follows set order.
    html = re.sub(r'"CSRF_TOKEN": "\w+"', "", html)
    html = re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", html)
    return re.sub(r'class="[^"]*bulk-action-btn[^"]*"', "", html)


@pytest.mark.parametrize("url", [DASHBOARD, STATES])
def test_the_page_comes_from_the_cache_and_is_the_page_wagtail_renders(url):
    make_state("AR")
    client = signed_in(make_user(Role.SECRETARIAT, username="secretariat"))
    with override_settings(ADMIN_FRAGMENT_SECONDS=0):
        rendered, _ = page_and_queries(client, url)
    first, first_queries = page_and_queries(client, url)
    cached, cached_queries = page_and_queries(client, url)
    assert cached == first  # the stored bytes
    assert cached_queries <= 3 < first_queries  # the session, the user, the data version
    assert _without_tokens(cached) == _without_tokens(rendered)


def test_a_committed_write_shows_at_once():
    make_state("AR")
    client = signed_in(make_user(Role.SECRETARIAT, username="secretariat"))
    page_and_queries(client, STATES)
    assert "Brazil" not in page_and_queries(client, STATES)[0]
    make_state("BR")
    assert "Brazil" in page_and_queries(client, STATES)[0]


def test_never_another_users_or_another_browsers_page():
    secretariat = make_user(Role.SECRETARIAT, username="secretariat")
    focal = make_user(Role.FOCAL_POINT, make_state("AR"), username="focal.ar")
    first, focal_client, new_session = signed_in(secretariat), signed_in(focal), signed_in(secretariat)
    page_and_queries(first, DASHBOARD)  # not stored: this request made the browser its CSRF secret
    page_and_queries(first, DASHBOARD)
    assert page_and_queries(first, DASHBOARD)[1] <= 3
    # The same session with another CSRF secret: its own page, whose CSRF token that browser can use.
    same_session = Client()
    same_session.cookies["sessionid"] = first.cookies["sessionid"].value
    same_session.cookies["csrftoken"] = "b" * 32
    assert page_and_queries(same_session, DASHBOARD)[1] > 3
    assert page_and_queries(new_session, DASHBOARD)[1] > 3  # another browser
    page, queries = page_and_queries(focal_client, DASHBOARD)
    assert queries > 3 and "Audit log" not in page  # the Secretariat's menu item
    assert page_and_queries(first, DASHBOARD)[1] <= 3  # nothing was written in between


def test_a_waiting_message_is_shown_not_a_stored_page():
    client = signed_in(make_user(Role.FOCAL_POINT, make_state("AR"), username="focal.ar"))
    page_and_queries(client, DASHBOARD)
    assert "do not have permission" not in page_and_queries(client, DASHBOARD)[0]  # stored, without a message
    # Wagtail refuses the users' area with a message for the next page, and writes nothing.
    assert client.get("/admin/users/").status_code == 302
    page, queries = page_and_queries(client, DASHBOARD)
    assert "do not have permission" in page and queries > 3
    assert "do not have permission" not in page_and_queries(client, DASHBOARD)[0]  # shown once, as ever


def test_other_admin_pages_are_never_stored():
    client = signed_in(make_user(Role.SECRETARIAT, username="secretariat"))
    page_and_queries(client, "/admin/account/")
    assert page_and_queries(client, "/admin/account/")[1] > 3


def test_turned_off_nothing_is_kept():
    with override_settings(ADMIN_FRAGMENT_SECONDS=0):
        client = signed_in(make_user(Role.SECRETARIAT, username="secretariat"))
        page_and_queries(client, DASHBOARD)
        assert page_and_queries(client, DASHBOARD)[1] > 3


def test_a_factory_request_without_a_user_passes_through():
    request = RequestFactory().get(DASHBOARD)
    assert AdminPageCacheMiddleware(lambda r: None).process_view(request, lambda r: None, (), {}) is None
