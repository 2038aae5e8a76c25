"""Writes through the API (issue 18, item 2): a focal point's write token proposes a change to their own
state's law as a draft in the Secretariat's review, exactly as the admin's flow; nothing else writes."""

import json

import pytest
from django.test import Client

from cyberportal.api import services
from cyberportal.laws.models import Law
from cyberportal.laws.services import moderation_workflow_ensure
from cyberportal.testing import make_user

pytestmark = pytest.mark.django_db


def _post(path, body, secret=None, client=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"} if secret else {}
    return (client or Client()).post(path, json.dumps(body), content_type="application/json", **headers)


@pytest.fixture
def focal(portal):
    moderation_workflow_ensure()
    user = make_user("focal_point", portal["co"], username="focal-co")
    _token, secret = services.token_create(actor=user, user=user, name="sync", scope="write")
    return user, secret


def test_a_write_token_submits_a_draft_and_the_published_law_stays(portal, focal):
    user, secret = focal
    law = portal["laws"]["public"]
    response = _post(f"/api/v1/laws/{law.pk}/drafts/", {"title_en": "Cybercrime Act", "in_force_on": "2009-01-05"},
                     secret)  # fmt: skip
    assert response.status_code == 202, response.content
    assert response.json()["status"] == "in_review"
    law = Law.objects.get(pk=law.pk)
    assert law.title_en == "" and law.in_force_on is None  # the published version is unchanged
    assert law.has_unpublished_changes and law.workflow_in_progress
    draft = law.get_latest_revision_as_object()
    assert draft.title_en == "Cybercrime Act"
    assert law.latest_revision.user == user
    again = _post(f"/api/v1/laws/{law.pk}/drafts/", {"title_en": "Other"}, secret)
    assert again.status_code == 400 and "already waiting" in again.json()["detail"]


def test_bad_values_are_named_and_nothing_is_saved(portal, focal):
    _user, secret = focal
    law = portal["laws"]["public"]
    response = _post(f"/api/v1/laws/{law.pk}/drafts/", {"enacted_on": "2020-01-01", "repealed_on": "2019-01-01"},
                     secret)  # fmt: skip
    assert response.status_code == 400 and "repealed_on" in response.json()["detail"]
    law.refresh_from_db()
    assert not law.has_unpublished_changes and not law.workflow_in_progress
    assert _post(f"/api/v1/laws/{law.pk}/drafts/", {}, secret).status_code == 400


def test_who_may_not_write(portal, focal):
    user, write_secret = focal
    law = portal["laws"]["public"]
    path = f"/api/v1/laws/{law.pk}/drafts/"
    # Without a token, even signed in (a cookie a cross-site form could send): 401.
    session = Client()
    session.force_login(user)
    refused = _post(path, {"title_en": "x"}, client=session)
    assert refused.status_code == 401 and "Bearer" in refused["WWW-Authenticate"]
    # A read token of the same focal point: 403.
    _t, read_secret = services.token_create(actor=user, user=user, name="read", scope="read")
    assert _post(path, {"title_en": "x"}, read_secret).status_code == 403
    # Another state's focal point with a write token: 403 on CO's public law, 404 on its state-only one.
    br = make_user("focal_point", portal["br"], username="focal-br")
    _t, br_secret = services.token_create(actor=br, user=br, name="sync", scope="write")
    assert _post(path, {"title_en": "x"}, br_secret).status_code == 403
    assert (
        _post(f"/api/v1/laws/{portal['laws']['state'].pk}/drafts/", {"title_en": "x"}, br_secret).status_code
        == 404
    )
    # A focal point made expert: the write token stops at once.
    user.role = "expert"
    user.save()
    assert _post(path, {"title_en": "x"}, write_secret).status_code == 401
    law.refresh_from_db()
    assert not law.has_unpublished_changes


# --- a directory contact's correction, through the same moderation flow ---------------------------------


@pytest.fixture
def contacts(portal):
    from cyberportal.directory.tests.helpers import make_authority, make_contact

    return {
        "co": make_contact(make_authority(portal["co"]), "Ana Prueba"),
        "br": make_contact(make_authority(portal["br"]), "Bruno Teste"),
        "br_state": make_contact(make_authority(portal["br"], name="Polícia de teste"), "Beatriz", visibility="state"),
    }  # fmt: skip


def test_a_write_token_submits_a_contact_correction_and_the_entry_stays(contacts, focal):
    from cyberportal.directory.models import Contact

    user, secret = focal
    contact = contacts["co"]
    body = {
        "title": "Fiscal jefe",
        "available_247": True,
        "phones": [{"kind": "hotline", "number": "+57 601 555 0100"}],
    }
    response = _post(f"/api/v1/contacts/{contact.pk}/drafts/", body, secret)
    assert response.status_code == 202, response.content
    assert response.json()["changed"] == ["available_247", "phones", "title"]
    contact = Contact.objects.get(pk=contact.pk)
    assert contact.title == "" and not contact.available_247  # the published entry is unchanged
    assert [p.number for p in contact.phones.all()] == ["+12025550142"]
    assert contact.workflow_in_progress and contact.latest_revision.user == user
    draft = contact.get_latest_revision_as_object()
    assert draft.title == "Fiscal jefe" and [p.number for p in draft.phones.all()] == ["+576015550100"]
    again = _post(f"/api/v1/contacts/{contact.pk}/drafts/", {"title": "Otro"}, secret)
    assert again.status_code == 400 and "already waiting" in again.json()["detail"]


def test_a_bad_contact_correction_is_named_and_nothing_is_saved(contacts, focal):
    _user, secret = focal
    contact = contacts["co"]
    path = f"/api/v1/contacts/{contact.pk}/drafts/"
    bad_phone = _post(path, {"phones": [{"kind": "hotline", "number": "call me"}]}, secret)
    assert bad_phone.status_code == 400 and "Phone 1" in bad_phone.json()["detail"]
    bad_email = _post(path, {"emails": ["not-an-address"]}, secret)
    assert bad_email.status_code == 400 and "E-mail 1" in bad_email.json()["detail"]
    assert _post(path, {"phones": [{"kind": "pager", "number": "+1 202 555 0142"}]}, secret).status_code in {
        400,
        422,
    }
    assert _post(path, {}, secret).status_code == 400
    contact.refresh_from_db()
    assert not contact.workflow_in_progress and not contact.has_unpublished_changes


def test_who_may_not_correct_a_contact(contacts, focal, portal):
    user, write_secret = focal
    path = f"/api/v1/contacts/{contacts['co'].pk}/drafts/"
    session = Client()
    session.force_login(user)
    assert _post(path, {"title": "x"}, client=session).status_code == 401
    _t, read_secret = services.token_create(actor=user, user=user, name="read", scope="read")
    assert _post(path, {"title": "x"}, read_secret).status_code == 403
    # CO's focal point on BR's contacts: a public one 403, a state-only one 404 (not visible).
    assert (
        _post(f"/api/v1/contacts/{contacts['br'].pk}/drafts/", {"title": "x"}, write_secret).status_code
        == 403
    )
    assert (
        _post(f"/api/v1/contacts/{contacts['br_state'].pk}/drafts/", {"title": "x"}, write_secret).status_code
        == 404
    )
    assert _post("/api/v1/contacts/999999/drafts/", {"title": "x"}, write_secret).status_code == 404
