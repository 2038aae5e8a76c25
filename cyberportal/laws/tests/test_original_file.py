"""A law's original document (issue 11, finding 8): never under MEDIA_URL, served only by a view that
applies the law's visibility and publication state."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.test import Client

from cyberportal.core.roles import VISITOR
from cyberportal.testing import OWN, expected, make_state, make_user, matrix_cases

from .helpers import make_law

pytestmark = pytest.mark.django_db

CONTENT = b"%PDF-1.4 original gazette text"


def _with_file(law):
    law.original_file.save("ley.pdf", ContentFile(CONTENT), save=True)
    return law


def _client(user):
    client = Client()
    if getattr(user, "is_authenticated", False):
        client.force_login(user)
    return client


def _user(role, state_kind, owner, other):
    if role in (VISITOR, "secretariat"):
        return make_user(role)
    return make_user(role, owner if state_kind == OWN else other)


@pytest.mark.parametrize(("role", "state_kind", "visibility", "action"), matrix_cases(actions=["view"]))
def test_original_file_follows_the_laws_visibility(role, state_kind, visibility, action):
    owner, other = make_state("AR"), make_state("BR")
    law = _with_file(make_law(owner, "1", visibility=visibility))
    response = _client(_user(role, state_kind, owner, other)).get(f"/en/laws/{law.pk}/original/")

    if expected(role, state_kind, visibility, "view"):
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == CONTENT
        assert response["Cache-Control"] == "private, no-store"
        assert "attachment" in response["Content-Disposition"]
    else:
        assert response.status_code == 404


@pytest.mark.parametrize(
    ("role", "state_kind", "allowed"),
    [
        (VISITOR, OWN, False),
        ("expert", OWN, False),
        ("focal_point", "other", False),
        ("focal_point", OWN, True),
        ("secretariat", OWN, True),
    ],
)
def test_a_drafts_original_file_is_only_for_its_editors(role, state_kind, allowed):
    owner, other = make_state("AR"), make_state("BR")
    draft = _with_file(make_law(owner, "2", live=False))
    response = _client(_user(role, state_kind, owner, other)).get(f"/en/laws/{draft.pk}/original/")
    assert response.status_code == (200 if allowed else 404)


def test_the_page_links_the_protected_view_and_the_file_is_not_under_media(client):
    law = _with_file(make_law(make_state("AR"), "3"))
    html = client.get(f"/en/laws/{law.pk}/").content.decode()

    assert f'href="/en/laws/{law.pk}/original/"' in html
    assert settings.MEDIA_URL not in html
    assert Path(settings.PRIVATE_FILES_ROOT, law.original_file.name).is_file()
    assert not Path(settings.MEDIA_ROOT, law.original_file.name).exists()
    assert client.get(settings.MEDIA_URL + law.original_file.name).status_code == 404


def test_a_law_without_a_file_answers_404(client):
    law = make_law(make_state("AR"), "4")
    assert client.get(f"/en/laws/{law.pk}/original/").status_code == 404
