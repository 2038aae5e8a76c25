"""Requests of the admin cache tests: a signed-in client, and a page with the queries it took."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page_and_queries(client, url) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries.captured_queries)
