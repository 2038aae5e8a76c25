"""ETag, Last-Modified and 304s; the rate limit per client; the interactive docs served from the portal."""

import re

import pytest
from django.core.cache import caches
from django.test import Client, override_settings

from cyberportal.testing import make_user

pytestmark = pytest.mark.django_db


def test_etag_and_last_modified_give_304s_until_the_data_changes(client, portal):
    first = client.get("/api/v1/laws/")
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert etag.startswith('"') and "Cookie" in first["Vary"]
    again = client.get("/api/v1/laws/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert client.get("/api/v1/laws/", HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    assert client.get("/api/v1/laws/", HTTP_IF_NONE_MATCH='"other"').status_code == 200

    law = portal["laws"]["ar"]
    law.title = "Otro título"
    law.save()
    changed = client.get("/api/v1/laws/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


@pytest.mark.parametrize(
    "path, more",
    [("/api/v1/events/", True), ("/api/v1/events/workshop-lima/", None), ("/api/v1/indicators/", True),
     ("/api/v1/statistics/", False)],
)  # fmt: skip
def test_events_and_statistics_answer_304s_and_page_by_cursor(client, portal, path, more):
    first = client.get(path, {"limit": 1})
    assert first.status_code == 200 and first["ETag"] and first["Last-Modified"]
    assert client.get(path, {"limit": 1}, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    if more is not None:  # a list: one record a page, the next page by a cursor
        body = first.json()
        assert len(body["results"]) == 1 and ("cursor=" in (body["next"] or "")) == more


def test_another_user_gets_another_etag(client, portal):
    anonymous = client.get("/api/v1/laws/")["ETag"]
    expert = Client()
    expert.force_login(make_user("expert", portal["co"], username="expert-co"))
    response = expert.get("/api/v1/laws/", HTTP_IF_NONE_MATCH=anonymous)
    assert response.status_code == 200 and response["ETag"] != anonymous


@override_settings(API_REQUESTS_PER_MINUTE=3)
def test_rate_limit_per_client(db):
    caches["default"].clear()
    one, other = Client(REMOTE_ADDR="192.0.2.1"), Client(REMOTE_ADDR="192.0.2.2")
    answers = [one.get("/api/v1/instruments/") for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert answers[0]["X-RateLimit-Remaining"] == "2"
    assert answers[3]["Retry-After"] == "60" and "3 a minute" in answers[3].json()["detail"]
    assert other.get("/api/v1/instruments/").status_code == 200


@override_settings(PAGE_CACHE_SECONDS=600, PAGE_CACHE_MISSES_PER_MINUTE=1)
def test_the_page_cache_neither_stores_nor_limits_the_api(client, db):
    caches["pagecache"].clear()
    for _ in range(3):
        response = client.get("/api/v1/instruments/", {"limit": 5})
        assert response.status_code == 200 and "X-Page-Cache" not in response


def test_docs_load_nothing_from_another_origin_and_run_no_inline_script(client, db):
    response = client.get("/api/v1/docs/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]
    addresses = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert addresses and all(a.startswith("/static/") for a in addresses), addresses
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    assert all('type="application/json"' in attrs or not body.strip() for attrs, body in scripts)
    assert '"validatorUrl": null' in html  # swagger-ui would fetch a badge from validator.swagger.io
    for address in addresses:
        assert client.get(address).status_code == 200, address


def test_the_api_answers_json_404s_without_redirecting(client, db):
    response = client.get("/api/v1/laws/999999/")
    assert response.status_code == 404 and response["Content-Type"].startswith("application/json")
