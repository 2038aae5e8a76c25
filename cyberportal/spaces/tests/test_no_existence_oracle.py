"""Issue 11, finding 11: a visitor gets the same answer for a restricted item and for an id that does not
exist, on every page and download under the spaces' item URLs, so ids cannot be probed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from cyberportal.core.roles import Role
from cyberportal.spaces import services
from cyberportal.spaces.models import TLP
from cyberportal.testing import make_state, make_user

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MISSING = 987654


def _restricted_items():
    secretariat = make_user(Role.SECRETARIAT, None, "sec")
    author = make_user(Role.EXPERT, make_state("AR"), "author")
    space = services.space_create(actor=secretariat, name="WG", slug="wg", kind="working_group")
    services.membership_add(actor=secretariat, space=space, user=author)
    thread = services.thread_create(
        author=author,
        space=space,
        title="Amber case",
        body="Detail",
        tlp=TLP.AMBER,
        files=[SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf")],
    )
    document = services.document_create(
        author=author,
        space=space,
        title="Amber manual",
        category="manual",
        tlp=TLP.AMBER,
        file=SimpleUploadedFile("m.pdf", PDF, content_type="application/pdf"),
    )
    return {
        "thread": thread.pk,
        "document": document.pk,
        "attachment": thread.attachments.get().pk,
        "version": document.versions.get().pk,
    }


URLS = {
    "thread": ("get", "/en/spaces/threads/{}/"),
    "thread_reply": ("post", "/en/spaces/threads/{}/"),
    "thread_label": ("post", "/en/spaces/threads/{}/label/"),
    "document": ("get", "/en/spaces/documents/{}/"),
    "document_label": ("post", "/en/spaces/documents/{}/label/"),
    "attachment": ("get", "/en/spaces/attachments/{}/download/"),
    "version": ("get", "/en/spaces/versions/{}/download/"),
}


@pytest.mark.parametrize("name", sorted(URLS))
def test_a_visitor_cannot_tell_a_restricted_item_from_a_missing_one(name):
    ids = _restricted_items()
    method, pattern = URLS[name]
    existing_id = ids[name.split("_")[0]]
    client = Client()
    send = getattr(client, method)
    existing = send(pattern.format(existing_id), {"tlp": TLP.RED} if method == "post" else {})
    missing = send(pattern.format(MISSING), {"tlp": TLP.RED} if method == "post" else {})
    assert existing.status_code == missing.status_code == 302
    # The same answer: only the id in the "next" address differs.
    assert existing["Location"].replace(str(existing_id), "ID") == missing["Location"].replace(
        str(MISSING), "ID"
    )
