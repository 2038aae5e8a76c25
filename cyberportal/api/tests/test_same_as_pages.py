"""Every API list returns exactly what the matching page shows to the same user (issue 18): anonymous,
an expert, and a focal point of another state; ids read from the pages' links, not from the selectors.
Laws, reports, states, events (and an event's materials), statistics, the directory's authorities and
contacts, and the measure sheets (with their experts-only notes)."""

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
    client.viewer = request.param
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


# Who sees which of the fixture's contacts and sheets: restricted ones named, so a list that leaked them
# (or hid them) fails here even if the page did the same.
CONTACTS_SEEN = {
    VISITOR: {"public"},
    "expert": {"public", "experts", "in_experts_authority"},
    "focal_point_of_another_state": {"public", "experts", "in_experts_authority"},
}
SHEETS_SEEN = {
    VISITOR: {("CO", "preservation")},
    "expert": {("CO", "preservation"), ("AR", "subscriber")},
    "focal_point_of_another_state": {("CO", "preservation"), ("AR", "subscriber"), ("BR", "content")},
}


def test_contacts_are_the_directory_pages_contacts(viewer_client, portal):
    api = _api_ids(viewer_client, "/api/v1/contacts/")
    assert len(api) == len(set(api))
    page = _page_ids(viewer_client, "/en/directory/", r'href="/en/directory/contacts/(\d+)/"')
    contacts = portal["directory"]["contacts"]
    assert set(api) == page == {contacts[name].pk for name in CONTACTS_SEEN[viewer_client.viewer]}
    for name, contact in contacts.items():
        detail = viewer_client.get(f"/en/directory/contacts/{contact.pk}/").status_code
        assert detail == (200 if contact.pk in page else 404), name


def test_contacts_filters_are_the_directory_pages_filters(viewer_client, portal):
    for params in [{"state": "co"}, {"role": "central_authority"}, {"kind": "police"}]:
        api = _api_ids(viewer_client, "/api/v1/contacts/", **params)
        query = "&".join(f"{k}={v}" for k, v in params.items())
        page = _page_ids(viewer_client, f"/en/directory/?{query}", r'href="/en/directory/contacts/(\d+)/"')
        assert set(api) == page, params


def test_authorities_are_those_whose_directory_pages_answer(viewer_client, portal):
    api = _api_ids(viewer_client, "/api/v1/authorities/")
    authorities = portal["directory"]["authorities"]
    answering = {
        a.pk for a in authorities.values()
        if viewer_client.get(f"/en/directory/authorities/{a.pk}/").status_code == 200
    }  # fmt: skip
    assert set(api) == answering
    assert (authorities["ar"].pk in api) == (viewer_client.viewer != VISITOR)
    listed = _page_ids(viewer_client, "/en/directory/", r'href="/en/directory/authorities/(\d+)/"')
    assert listed <= set(api)
    assert _api_ids(viewer_client, "/api/v1/authorities/", kind="police") == (
        [authorities["ar"].pk] if viewer_client.viewer != VISITOR else []
    )


def test_measure_sheets_are_the_cooperation_pages_sheets(viewer_client, portal):
    api = _api_list(viewer_client, "/api/v1/measure-sheets/")
    pages = set()
    for code in ["ar", "br", "co"]:
        measures = _page_ids(
            viewer_client, f"/en/cooperation/{code}/", r'class="profile-section" id="([a-z_0-9]+)"'
        )
        pages |= {(code.upper(), measure) for measure in measures}
    assert {(s["state"], s["measure"]) for s in api} == pages == SHEETS_SEEN[viewer_client.viewer]


def test_experts_notes_only_where_the_page_shows_them(viewer_client, portal):
    notes = portal["sheets"]["public"].experts_notes
    [sheet] = viewer_client.get("/api/v1/measure-sheets/", {"state": "CO"}).json()["results"]
    page = viewer_client.get("/en/cooperation/co/").content.decode()
    assert sheet["public_notes"] == "Send by e-mail." and "Send by e-mail." in page
    if viewer_client.viewer == VISITOR:
        assert "experts_notes" not in sheet and notes not in page
        assert notes not in viewer_client.get("/api/v1/measure-sheets/").content.decode()
    else:
        assert sheet["experts_notes"] == notes and notes in page
