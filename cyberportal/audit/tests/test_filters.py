"""The audit page's filters: a malformed value is named and ignored, never a server error."""

import pytest
from django.test import Client

from cyberportal.audit.services import audit_record
from cyberportal.core.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat_client(user_factory):
    secretariat = user_factory(Role.SECRETARIAT)
    audit_record(actor=secretariat, action="create", obj=secretariat, changes={})
    client = Client(raise_request_exception=False)
    client.force_login(secretariat)
    return client


@pytest.mark.parametrize("value", ["2026-02-31", "0000-00-00", "2026-13-01", "99999-01-01", "yesterday"])
def test_an_impossible_date_is_named_and_ignored(secretariat_client, value):
    response = secretariat_client.get("/en/audit/", {"date_from": value, "date_to": value})

    assert response.status_code == 200
    body = response.content.decode()
    assert "is not valid; it was ignored" in body
    assert "secretariat-org" in body  # the filter was dropped: every entry is listed


def test_a_valid_date_still_filters(secretariat_client):
    body = secretariat_client.get("/en/audit/", {"date_to": "2000-01-01"}).content.decode()

    assert "No entries match these filters." in body
    assert "it was ignored" not in body
