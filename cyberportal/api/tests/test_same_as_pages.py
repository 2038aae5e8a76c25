"""Every API list returns exactly what the matching page shows to the same user (issue 18): anonymous,
an expert, and a focal point of another state; ids read from the pages' links, not from the selectors.
Laws, reports, states, events (and an event's materials) and statistics."""

import re

import pytest
from django.test import Client

from cyberportal.core.roles import VISITOR
from cyberportal.testing import make_user

pytestmark = pytest.mark.django_db


def _api_ids(client, path, key="id", **params):
    found, response = [], client.get(path, {"limit": 2, **params})
    while True:
        body = response.json()
        found += [record[key] for record in body["results"]]
        if not body["next"]:
            return found
        response = client.get(body["next"])


def _page_ids(client, path, pattern):
    response = client.get(path)
    assert response.status_code == 200
    return {int(m) if m.isdigit() else m for m in re.findall(pattern, response.content.decode())}


@pytest.fixture(params=[VISITOR, "expert", "focal_point_of_another_state"])
def viewer_client(request, portal):
    client = Client()
    if request.param == "expert":
        client.force_login(make_user("expert", portal["ar"], username="expert-ar"))
    elif request.param == "focal_point_of_another_state":
        client.force_login(make_user("focal_point", portal["br"], username="focal-br"))
    return client


def test_laws_are_the_state_pages_laws(viewer_client, portal):
    api = _api_ids(viewer_client, "/api/v1/laws/")
    assert len(api) == len(set(api))
    pages = set()
    for code in ["ar", "br", "co"]:
        pages |= _page_ids(viewer_client, f"/en/laws/state/{code}/", r'href="/en/laws/(\d+)/"')
    assert set(api) == pages
    assert portal["laws"]["secretariat"].pk not in pages and portal["laws"]["draft"].pk not in pages


def test_each_law_answers_where_its_page_answers(viewer_client, portal):
    for law in portal["laws"].values():
        page = viewer_client.get(f"/en/laws/{law.pk}/").status_code
        assert viewer_client.get(f"/api/v1/laws/{law.pk}/").status_code == page, law


def test_reports_are_the_recommendation_pages_reports(viewer_client, portal):
    recommendation = portal["recommendation"]
    api = _api_ids(viewer_client, "/api/v1/reports/", recommendation=recommendation.pk, key="state")
    page = viewer_client.get(recommendation.get_absolute_url()).content.decode()
    shown = {code for code in ["CO", "AR", "BR"] if f'href="/en/states/{code.lower()}/"' in page}
    assert set(api) == shown


def test_states_are_the_states_page(viewer_client, portal):
    api = _api_ids(viewer_client, "/api/v1/states/", key="code")
    assert set(api) == {
        c.upper() for c in _page_ids(viewer_client, "/en/states/", r'href="/en/states/([a-z]{2})/"')
    }


def test_events_are_the_events_page(viewer_client, portal):
    api = _api_ids(viewer_client, "/api/v1/events/", key="slug")
    page = _page_ids(viewer_client, "/en/events/?when=all", r'href="/en/events/([a-z0-9-]+)/"')
    assert set(api) == page - {"reach", "feed.ics"} == {"workshop-lima", "course-online"}


def test_an_events_materials_are_its_pages_materials(viewer_client, portal):
    api = viewer_client.get("/api/v1/events/workshop-lima/").json()["materials"]
    page = viewer_client.get("/en/events/workshop-lima/").content.decode()
    titles = {"Public programme", "Case studies for experts"}
    assert {m["title"] for m in api} == {title for title in titles if title in page}


def test_statistics_are_the_statistics_pages(viewer_client, portal):
    api = {(r["state"], r["year"]) for r in _api_list(viewer_client, "/api/v1/statistics/")}
    pages = set()
    for code in ["ar", "br", "co"]:
        years = _page_ids(viewer_client, f"/en/statistics/{code}/", r"<dt>(\d{4})</dt>")
        pages |= {(code.upper(), year) for year in years}
    assert api == pages == {("CO", 2024)}


def _api_list(client, path):
    found, response = [], client.get(path, {"limit": 1})
    while True:
        body = response.json()
        found += body["results"]
        if not body["next"]:
            return found
        response = client.get(body["next"])
