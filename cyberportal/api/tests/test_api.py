"""The read API: records, filters, cursors, errors, and the visibility policy of the pages."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from cyberportal.testing import make_user

pytestmark = pytest.mark.django_db


def _all(client, path, **params):
    """Every record of a list, following the cursors."""
    results, url = [], path
    response = client.get(url, params)
    while True:
        assert response.status_code == 200, response.content
        body = response.json()
        results += body["results"]
        if not body["next"]:
            return results
        response = client.get(body["next"])


def test_index_points_to_v1_and_its_docs(client):
    body = client.get("/api/").json()
    assert body["versions"]["v1"].endswith("/api/v1/")
    assert body["openapi"].endswith("/api/v1/openapi.json") and body["docs"].endswith("/api/v1/docs/")
    assert client.get("/api/v1/").status_code == 200


def test_openapi_document_is_3_1_and_lists_the_resources(client):
    document = client.get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.1")
    for path in ["/api/v1/states/", "/api/v1/laws/", "/api/v1/laws/{law_id}/", "/api/v1/instruments/",
                 "/api/v1/mappings/", "/api/v1/recommendations/", "/api/v1/reports/", "/api/v1/meetings/"]:  # fmt: skip
        assert path in document["paths"], path


def test_states_carry_treaty_statuses_and_names_in_four_languages(client, portal):
    # The fixture has CO ratify the Budapest Convention.
    states = _all(client, "/api/v1/states/")
    assert [s["code"] for s in states] == ["AR", "BR", "CO"]
    co = states[2]
    assert co["names"] == {"en": "Colombia", "es": "Colombia", "pt": "Colômbia", "fr": "Colombie"}
    assert (
        co["treaty_statuses"][0]["instrument"] == "cets-185"
        and co["treaty_statuses"][0]["status"] == "ratified"
    )
    assert co["links"]["fr"].endswith("/fr/states/co/")
    assert _all(client, "/api/v1/states/", instrument="cets-185", treaty_status="party")[0]["code"] == "CO"
    assert client.get("/api/v1/states/co/").json()["alpha3"] == "COL"
    assert client.get("/api/v1/states/zz/").status_code == 404


def test_law_detail_has_provisions_mappings_and_language_versions(client, portal):
    law = portal["laws"]["public"]
    body = client.get(f"/api/v1/laws/{law.pk}/").json()
    assert body["titles"] == {"es": "Ley de delitos informáticos"}
    assert body["frbr_uri"] == "/akn/co/act/2020/1273"
    assert set(body["links"]) == {"en", "es", "pt", "fr"} and body["links"]["es"].endswith(
        f"/es/laws/{law.pk}/"
    )
    [provision] = body["provisions"]
    assert provision["text"].startswith("Texto del artículo 1")
    assert provision["mappings"][0]["article"] == "2" and provision["mappings"][0]["instrument"] == "cets-185"


def test_restricted_laws_answer_404_as_their_pages_do(client, portal):
    for name in ["experts", "state", "secretariat", "draft"]:
        pk = portal["laws"][name].pk
        assert client.get(f"/api/v1/laws/{pk}/").status_code == 404
        assert client.get(f"/en/laws/{pk}/").status_code == 404


def test_cursor_pages_cover_every_record_once_in_each_ordering(client, portal):
    ids = {law["id"] for law in _all(client, "/api/v1/laws/")}
    for ordering in ["id", "-id", "identifier", "-year", "state", "-published"]:
        pages = _all(client, "/api/v1/laws/", ordering=ordering, limit=1)
        assert sorted(law["id"] for law in pages) == sorted(ids), ordering
    identifiers = [
        law["identifier"] for law in _all(client, "/api/v1/laws/", ordering="-identifier", limit=2)
    ]
    assert identifiers == sorted(identifiers, reverse=True)


def test_filters(client, portal):
    assert {law["state"] for law in _all(client, "/api/v1/laws/", state="ar")} == {"AR"}
    assert {law["language"] for law in _all(client, "/api/v1/laws/", language="pt")} == {"pt"}
    assert _all(client, "/api/v1/laws/", year=1999) == []
    reports = _all(client, "/api/v1/reports/", state="CO")
    assert [r["id"] for r in reports] == [portal["reports"]["public"].pk]
    recommendations = _all(client, "/api/v1/recommendations/", meeting=portal["meeting"].slug)
    assert sorted(r["number"] for r in recommendations) == sorted(
        portal["meeting"].recommendations.values_list("number", flat=True)
    )


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ({"cursor": "not-a-cursor"}, "cursor"),
        ({"ordering": "title"}, "ordering"),
        ({"limit": "0"}, "limit"),
        ({"state": "Colombia"}, "state"),
        ({"published_since": "yesterday"}, "published_since"),
    ],
)
def test_bad_parameters_get_a_4xx_naming_them(client, portal, query, named):
    response = client.get("/api/v1/laws/", query)
    assert 400 <= response.status_code < 500
    assert named in response.content.decode()


def test_the_last_year_of_the_calendar_is_refused_not_a_server_error(client, portal):
    """Schemathesis found it: events of year 9999 made the database's date bounds overflow (500)."""
    response = client.get("/api/v1/events/", {"year": 9999})
    assert 400 <= response.status_code < 500 and "year" in response.content.decode()


def test_bad_directory_and_sheet_filters_get_a_4xx_naming_them(client, portal):
    for path, query, named in [
        ("/api/v1/contacts/", {"role": "boss"}, "role"),
        ("/api/v1/authorities/", {"kind": "army"}, "kind"),
        ("/api/v1/measure-sheets/", {"measure": "torture"}, "measure"),
        ("/api/v1/contacts/", {"state": "Colombia"}, "state"),
    ]:
        response = client.get(path, query)
        assert 400 <= response.status_code < 500 and named in response.content.decode(), path


def test_a_cursor_of_another_ordering_is_refused(client, portal):
    next_url = client.get("/api/v1/laws/", {"limit": 1, "ordering": "identifier"}).json()["next"]
    cursor = parse_qs(urlsplit(next_url).query)["cursor"][0]
    response = client.get("/api/v1/laws/", {"cursor": cursor, "ordering": "id"})
    assert response.status_code == 400 and "made for ordering" in response.json()["detail"]


def test_signed_in_users_see_what_their_pages_show(portal):
    client = Client()
    client.force_login(make_user("focal_point", portal["co"], username="focal-co"))
    ids = {law["id"] for law in _all(client, "/api/v1/laws/", state="CO")}
    laws = portal["laws"]
    assert ids == {laws["public"].pk, laws["experts"].pk, laws["state"].pk, laws["draft"].pk}
