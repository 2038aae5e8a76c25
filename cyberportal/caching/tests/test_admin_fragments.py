"""The admin fragment cache: the dashboard's panels and our listings come from the cache for the same
user until a write commits, and never cross users or languages."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from cyberportal.core.roles import Role
from cyberportal.states.models import State
from cyberportal.testing import make_state, make_user

from .helpers import page_and_queries, signed_in

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("admin_cache_on"),
]
STATES = "/admin/snippets/states/state/"


def test_a_listing_comes_from_the_cache_until_a_write_commits():
    make_state("AR")
    client = signed_in(make_user(Role.SECRETARIAT, username="secretariat"))
    first, first_queries = page_and_queries(client, STATES)
    second, second_queries = page_and_queries(client, STATES)
    assert second_queries < first_queries
    assert "Argentina" in second

    # QuerySet.update() sends no signal: the fragment stays until the next write or its expiry.
    State.objects.filter(code="AR").update(alpha3="XAR")
    assert "XAR" not in page_and_queries(client, STATES)[0]
    make_state("BR")  # a committed write through the ORM's signals: every fragment is stale at once
    third, _ = page_and_queries(client, STATES)
    assert "Brazil" in third and "XAR" in third


def test_dashboard_panels_are_cached_per_user():
    secretariat = signed_in(make_user(Role.SECRETARIAT, username="secretariat"))
    focal = signed_in(make_user(Role.FOCAL_POINT, make_state("AR"), username="focal.ar"))
    page, queries = page_and_queries(secretariat, "/admin/")
    again, fewer = page_and_queries(secretariat, "/admin/")
    assert fewer < queries
    assert "Audit log" in page and "Audit log" in again  # the Secretariat's menu item
    assert "Audit log" not in page_and_queries(focal, "/admin/")[0]  # not another user's cached sidebar


def test_turned_off_nothing_is_kept():
    with override_settings(ADMIN_FRAGMENT_SECONDS=0):
        client = signed_in(make_user(Role.SECRETARIAT, username="secretariat"))
        page_and_queries(client, STATES)
        _page, first = page_and_queries(client, STATES)
        _page, second = page_and_queries(client, STATES)
        assert first == second


@pytest.mark.parametrize("url", ["/admin/", STATES])
def test_a_page_from_the_cache_is_the_page_wagtail_renders(url):
    make_state("AR")
    client = signed_in(make_user(Role.SECRETARIAT, username="secretariat"))
    with override_settings(ADMIN_FRAGMENT_SECONDS=0):
        rendered = _without_tokens(page_and_queries(client, url)[0])
    page_and_queries(client, url)
    cached, _queries = page_and_queries(client, url)
    assert _without_tokens(cached) == rendered


def _without_tokens(html: str) -> str:
    # The CSRF token is masked afresh on every request; the bulk actions' class order follows set order.
    return re.sub(r'"CSRF_TOKEN": "\w+"', "", re.sub(r'class="[^"]*bulk-action-btn[^"]*"', "", html))


def _permission_queries(queries) -> int:
    # The backends' user and group permission look-ups (Wagtail's page and collection permissions, which
    # the dashboard and menu read, only join auth_permission).
    return sum('FROM "auth_permission"' in q["sql"] for q in queries.captured_queries)


def test_permissions_are_cached_per_user_until_a_membership_changes():
    focal = make_user(Role.FOCAL_POINT, make_state("AR"), username="focal.ar")
    client = signed_in(focal)
    assert client.get("/admin/").status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/admin/").status_code == 200
    assert _permission_queries(queries) == 0  # from the cache, not two joins a request

    # Withdrawn: a committed change of group membership applies to the very next request.
    focal.groups.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/admin/")
    assert _permission_queries(queries) > 0
    assert response.status_code in {302, 403}  # no longer allowed into the admin

    # Another user never gets this user's cached permissions.
    other = signed_in(make_user(Role.EXPERT, make_state("BR"), username="expert.br"))
    assert other.get("/admin/").status_code in {302, 403}


def test_a_deactivated_account_loses_its_cached_permissions_at_once():
    from cyberportal.caching.permissions import CachedPermissionsBackend

    focal = make_user(Role.FOCAL_POINT, make_state("AR"), username="focal.ar")
    backend = CachedPermissionsBackend()
    assert backend.has_perm(focal, "wagtailadmin.access_admin")
    focal.is_active = False  # read from the user row itself, never from the cache
    assert not backend.has_perm(focal, "wagtailadmin.access_admin")


@pytest.mark.parametrize(
    "backend",
    [
        "cyberportal.caching.permissions.CachedPermissionsBackend",
        "cyberportal.caching.permissions.CachedAllauthBackend",  # the one every sign-in on the site uses
    ],
)
def test_the_user_comes_with_their_admin_profile_in_one_query(backend):
    from wagtail.users.models import UserProfile

    user = make_user(Role.SECRETARIAT, username="secretariat")
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "es"})
    client = Client()
    client.force_login(user, backend=backend)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(STATES)
    assert response.status_code == 200
    assert 'lang="es"' in response.content.decode()  # the profile's language still applies
    profile_reads = [q for q in queries.captured_queries if 'FROM "wagtailusers_userprofile"' in q["sql"]]
    assert profile_reads == []  # joined to the user's row instead

    user.is_active = False
    user.save()
    assert client.get(STATES).status_code == 302  # a deactivated account is signed out, as before


@pytest.mark.parametrize(
    "backend",
    ["django.contrib.auth.backends.ModelBackend", "allauth.account.auth_backends.AuthenticationBackend"],
)
def test_a_session_signed_in_before_the_cached_backends_stays_valid(backend):
    client = Client()
    client.force_login(make_user(Role.SECRETARIAT, username="secretariat"), backend=backend)
    assert client.get(STATES).status_code == 200


def test_signing_in_on_the_site_records_a_cached_backend():
    from django.contrib.auth import BACKEND_SESSION_KEY

    make_user(Role.EXPERT, make_state("AR"), username="expert.ar")
    client = Client()
    response = client.post(
        "/en/accounts/sign-in/", {"login": "expert.ar", "password": "a-long-test-password"}
    )
    assert response.status_code == 302
    assert client.session[BACKEND_SESSION_KEY].startswith("cyberportal.caching.permissions.Cached")
