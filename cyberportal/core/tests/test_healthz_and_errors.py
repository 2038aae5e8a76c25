"""The health check and the pages shown when something is wrong, in the visitor's language."""

from unittest import mock

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_with_a_reason_when_the_database_is_unreachable(client):
    with mock.patch(
        "cyberportal.core.views.connection.cursor",
        side_effect=OperationalError("could not connect to server: Connection refused"),
    ):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"
    assert "Connection refused" in response.json()["reason"]


def test_a_page_whose_database_is_gone_answers_503_in_the_visitors_language(client):
    with mock.patch(
        "cyberportal.states.selectors.states_for_list",
        side_effect=OperationalError("server closed the connection unexpectedly"),
    ):
        response = client.get("/es/states/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "temporalmente" in response.content.decode()
    assert "server closed" not in response.content.decode()  # no internals leak to the visitor


def test_an_unknown_state_code_gives_a_404_page_in_the_visitors_language(client):
    response = client.get("/fr/states/zz/")

    assert response.status_code == 404
    body = response.content.decode()
    assert '<html lang="fr">' in body
    assert "Page introuvable" in body


def test_an_upper_case_code_redirects_to_the_canonical_address(client, state_ar):
    response = client.get("/en/states/AR/")

    assert response.status_code == 301
    assert response["Location"] == "/en/states/ar/"
