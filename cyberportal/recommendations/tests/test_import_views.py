"""The importer as the Secretariat uses it: upload, preview, fix a theme, confirm; bad input saves nothing."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cyberportal.core.models import ImportJob
from cyberportal.core.roles import VISITOR
from cyberportal.recommendations.models import Meeting, Recommendation
from cyberportal.testing import make_state, make_user

from .helpers import fixture_bytes, import_fixture, pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat_client(client):
    client.force_login(make_user("secretariat"))
    return client


def _upload(client, name, data):
    return client.post("/en/recommendations/import/", {"document": SimpleUploadedFile(name, data)})


def _confirm_data(**extra):
    data = {
        "body": "working_group",
        "number": "IX",
        "year": "2016",
        "start_date": "2016-12-12",
        "end_date": "2016-12-13",
        "place": "Washington, D.C.",
        "symbol": "",
        "original_language": "es",
    }
    data.update(extra)
    return data


def test_upload_preview_fix_a_theme_and_confirm(secretariat_client):
    response = _upload(secretariat_client, "wg.md", fixture_bytes("wg_2016_like.md"))
    assert response.status_code == 302 and re.search(r"/import/[\w-]{40,}/$", response["Location"])
    preview_url = response["Location"]

    preview = secretariat_client.get(preview_url)
    page = preview.content.decode()
    assert "Nothing is saved yet" in page
    assert 'value="IX"' in page
    assert "Recommendation 3 (line" in page and "sub-items a, b, c" in page
    assert Meeting.objects.count() == 0

    # The editor replaces recommendation 1's proposed themes with "training" only.
    data = _confirm_data(**{"themes-1": ["training"], "addressees-1": ["states"]})
    response = secretariat_client.post(preview_url, data)

    assert response.status_code == 302
    assert not ImportJob.objects.exists()  # the upload and its parse are gone once confirmed
    meeting = Meeting.objects.get()
    assert meeting.number == "IX" and meeting.original_language == "es"
    first = meeting.recommendations.get(number=1)
    assert list(first.themes.values_list("code", flat=True)) == ["training"]
    assert meeting.recommendations.get(number=3).sub_items.count() == 3


def test_pasted_text_is_imported_the_same_way(secretariat_client):
    text = fixture_bytes("remja_2004_like.txt").decode()
    response = secretariat_client.post("/en/recommendations/import/", {"text": text})
    assert response.status_code == 302

    response = secretariat_client.post(
        response["Location"],
        _confirm_data(body="remja", number="V", year="2004", start_date="2004-04-28", end_date="2004-04-30"),
    )
    assert response.status_code == 302
    assert Meeting.objects.get().recommendations.count() == 4


def test_preview_keeps_the_editors_values_when_a_field_is_wrong(secretariat_client):
    preview = _upload(secretariat_client, "wg.md", fixture_bytes("wg_2016_like.md"))["Location"]

    response = secretariat_client.post(
        preview,
        _confirm_data(year="", place="Typed place", end_date="2016-12-01"),
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Typed place" in page
    assert "The last day is before the first day." in page
    assert Meeting.objects.count() == 0


def test_a_meeting_already_imported_is_refused_and_nothing_changes(secretariat_client):
    import_fixture("wg_2016_like.md")
    preview = _upload(secretariat_client, "wg.md", fixture_bytes("wg_2016_like.md"))["Location"]

    response = secretariat_client.post(preview, _confirm_data())

    assert "already in the portal" in response.content.decode()
    assert Meeting.objects.count() == 1 and Recommendation.objects.count() == 5


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "is empty"),
        ("no_items.txt", fixture_bytes("no_items.txt"), "No numbered recommendations"),
        ("scan.pdf", pdf_bytes(None), "has a text layer (a scanned image?)"),
    ],
)
def test_broken_input_gets_a_clear_message_and_saves_nothing(secretariat_client, name, data, message):
    response = _upload(secretariat_client, name, data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert Meeting.objects.count() == 0
    assert not ImportJob.objects.exists()


def test_nothing_chosen_is_an_error(secretariat_client):
    response = secretariat_client.post("/en/recommendations/import/", {"text": "  "})
    assert "both are empty" in response.content.decode()


def test_preview_without_an_upload_goes_back_to_the_form(secretariat_client):
    response = secretariat_client.get("/en/recommendations/import/no-such-token/")
    assert response.status_code == 302 and response["Location"].endswith("/recommendations/import/")


@pytest.mark.parametrize("role", [VISITOR, "expert", "focal_point"])
@pytest.mark.parametrize("path", ["/en/recommendations/import/", "/en/recommendations/import/some-token/"])
def test_only_the_secretariat_imports(client, role, path):
    if role != VISITOR:
        client.force_login(make_user(role, make_state("AR")))
    response = client.get(path)
    assert response.status_code == (302 if role == VISITOR else 403)
    response = client.post("/en/recommendations/import/", {"text": "1. That the states act."})
    assert Meeting.objects.count() == 0


def test_the_editor_links_a_recommendation_to_an_earlier_one(secretariat_client):
    earlier = import_fixture("remja_2004_like.txt").recommendations.get(number=3)
    url = _upload(secretariat_client, "experts.txt", fixture_bytes("experts_2007_like.txt"))["Location"]
    preview = secretariat_client.get(url).content.decode()
    assert f'<option value="{earlier.pk}"' in preview

    data = _confirm_data(body="experts", number="V", year="2007", original_language="en")
    data["previous-1"] = str(earlier.pk)
    secretariat_client.post(url, data)

    assert (
        Recommendation.objects.get(meeting__number="V", meeting__body__kind="experts", number=1).previous
        == earlier
    )


def test_the_preview_shows_the_confidence_and_what_was_not_imported(secretariat_client):
    text = "\n".join(
        [
            "Ninth Meeting of the Working Group on Cybercrime",
            "December 12-13, 2016",
            "Washington, D.C.",
            "1. That the States establish specialised units.",
            "II. SUMMARY OF THE DELIBERATIONS",
            "The delegations exchanged views on the draft.",
        ]
    )
    preview = secretariat_client.get(
        secretariat_client.post("/en/recommendations/import/", {"text": text})["Location"]
    )
    html = preview.content.decode()

    assert "Structure confidence: 1.0" in html
    assert "Text that could not be placed" in html
    assert '<th scope="row">6</th><td lang="en">The delegations exchanged views on the draft.</td>' in html
