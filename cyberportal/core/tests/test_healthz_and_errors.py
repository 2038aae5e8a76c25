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


def _failing_query(*args, **kwargs):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELEC 1")  # a syntax error: SQLite reports it as an OperationalError


def test_a_query_the_database_rejects_is_a_server_error_not_the_outage_page(db):
    from django.test import Client

    client = Client(raise_request_exception=False)
    with mock.patch("cyberportal.states.selectors.states_for_list", side_effect=_failing_query):
        response = client.get("/en/states/")

    assert response.status_code == 500  # logged and fixed as a bug, not hidden as an outage


def _chained(django_error, driver_error):
    try:
        try:
            raise driver_error
        except Exception as cause:
            raise django_error from cause
    except Exception as error:
        return error


def _sqlite_error(name):
    import sqlite3

    error = sqlite3.OperationalError(name)
    error.sqlite_errorname = name
    return error


@pytest.mark.parametrize(
    ("error", "outage"),
    [
        (_chained(OperationalError("locked"), _sqlite_error("SQLITE_BUSY")), True),
        (_chained(OperationalError("io"), _sqlite_error("SQLITE_IOERR_READ")), True),
        (_chained(OperationalError("fts5: syntax error"), _sqlite_error("SQLITE_ERROR")), False),
        (OperationalError("could not connect to server"), True),  # no driver code: never reached it
    ],
)
def test_only_errors_that_say_the_database_is_unusable_count_as_an_outage(error, outage):
    from cyberportal.core.middleware import is_database_outage

    assert is_database_outage(error) is outage


def test_postgresql_codes_tell_an_outage_from_a_bad_query():
    psycopg = pytest.importorskip("psycopg")
    from django.db import InterfaceError, ProgrammingError

    from cyberportal.core.middleware import is_database_outage

    assert is_database_outage(_chained(OperationalError("x"), psycopg.errors.AdminShutdown()))
    assert is_database_outage(_chained(OperationalError("x"), psycopg.errors.ConnectionFailure()))
    assert not is_database_outage(_chained(OperationalError("x"), psycopg.errors.SyntaxError()))
    assert not is_database_outage(_chained(ProgrammingError("x"), psycopg.errors.SyntaxError()))
    assert is_database_outage(InterfaceError("connection already closed"))


@pytest.mark.parametrize("address", ["/es/laws/matrix/?instrument=%00", "/es/states/%00a/", "/es/?q=a&%00=1"])
def test_an_address_with_a_nul_character_answers_400_in_the_visitors_language(client, address):
    response = client.get(address)

    assert response.status_code == 400  # PostgreSQL refuses NUL in any value: it would be a 500
    assert "Esta dirección no es válida" in response.content.decode()
