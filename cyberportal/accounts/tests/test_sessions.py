"""Inactivity expiry without a session write on every request (accounts/sessions.py)."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cyberportal.core.roles import Role

pytestmark = pytest.mark.django_db
PAGE = "/en/accounts/profile/"  # a page for signed-in users only


def _session_writes(client, url=PAGE):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if "django_session" in q["sql"] and q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))
    ]
    return response, writes


def _age_session(client, seconds):
    """As if the session had last been saved `seconds` ago."""
    row = Session.objects.get(session_key=client.session.session_key)
    row.expire_date -= timedelta(seconds=seconds)
    row.save()


@pytest.fixture
def signed_in(state_ar, user_factory):
    client = Client()
    client.force_login(user_factory(Role.EXPERT, state_ar))
    return client


def test_a_signed_in_page_view_with_nothing_changed_does_not_write_the_session(signed_in):
    for _ in range(3):
        response, writes = _session_writes(signed_in)
        assert response.status_code == 200
        assert writes == []


def test_the_inactivity_clock_restarts_once_the_last_save_is_older_than_the_refresh_interval(signed_in):
    _age_session(signed_in, settings.SESSION_REFRESH_SECONDS + 5)
    response, writes = _session_writes(signed_in)
    assert response.status_code == 200 and len(writes) == 1
    expires = Session.objects.get(session_key=signed_in.session.session_key).expire_date
    assert expires > timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE - 30)
    assert _session_writes(signed_in)[1] == []  # just refreshed: no write again


def test_a_session_inactive_for_longer_than_its_age_has_expired(signed_in):
    _age_session(signed_in, settings.SESSION_COOKIE_AGE + 1)
    response = signed_in.get(PAGE)
    assert response.status_code == 302 and "/accounts/login/" in response.url
