"""Atom feeds: valid Atom 1.0 (required elements present), public content only, per state and language."""

import pytest
from lxml import etree

from cyberportal.testing import make_user

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def _atom(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = etree.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    for required in ["id", "title", "updated"]:
        assert feed.find(f"{ATOM}{required}") is not None and feed.find(f"{ATOM}{required}").text, required
    assert feed.find(f"{ATOM}link[@rel='self']") is not None
    entries = feed.findall(f"{ATOM}entry")
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert len(ids) == len(set(ids)) and all(ids)
    for entry in entries:
        assert entry.findtext(f"{ATOM}title") and entry.findtext(f"{ATOM}updated")
        assert entry.find(f"{ATOM}link").get("href").startswith("http")
    return feed, entries


def _links(entries):
    return {entry.find(f"{ATOM}link").get("href").split("testserver", 1)[1] for entry in entries}


def test_laws_feed_lists_only_public_published_laws(client, portal):
    client.force_login(make_user("secretariat", None, username="reader"))  # a feed never depends on who asks
    feed, entries = _atom(client.get("/en/laws/feed/"))
    laws = portal["laws"]
    assert _links(entries) == {laws[name].get_absolute_url() for name in ["public", "ar", "br"]}
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"


def test_laws_feed_per_state_and_language(client, portal):
    _feed, entries = _atom(client.get("/es/laws/state/co/feed/"))
    assert _links(entries) == {portal["laws"]["public"].get_absolute_url().replace("/en/", "/es/")}
    _feed, entries = _atom(client.get("/fr/laws/feed/", {"state": "AR"}))
    assert len(entries) == 1
    feed, _entries = _atom(client.get("/pt/laws/feed/"))
    assert feed.findtext(f"{ATOM}title") != "New and amended laws"  # translated
    assert client.get("/en/laws/state/zz/feed/").status_code == 404


def test_recommendations_and_reports_feeds(client, portal):
    _feed, entries = _atom(client.get("/en/recommendations/feed/"))
    assert len(entries) == portal["meeting"].recommendations.count()
    _feed, entries = _atom(client.get("/en/recommendations/reports/feed/"))
    assert [e.find(f"{ATOM}link").get("href").rsplit("#report-", 1)[1] for e in entries] == [
        str(portal["reports"]["public"].pk)
    ]


def test_events_feed_per_state_and_language(client, portal):
    client.force_login(make_user("secretariat", None, username="reader"))  # a feed never depends on who asks
    feed, entries = _atom(client.get("/en/events/feed/"))
    assert _links(entries) == {"/en/events/workshop-lima/", "/en/events/course-online/"}
    assert "Case studies for experts" not in client.get("/en/events/feed/").content.decode()
    _feed, entries = _atom(client.get("/es/events/state/co/feed/"))
    assert _links(entries) == {"/es/events/workshop-lima/"}  # CO hosts the workshop only
    _feed, entries = _atom(client.get("/fr/events/feed/", {"state": "AR"}))
    assert entries == []
    feed, _entries = _atom(client.get("/pt/events/feed/"))
    assert feed.findtext(f"{ATOM}title") != "Cyberportal events"  # translated
    assert client.get("/en/events/state/zz/feed/").status_code == 404
