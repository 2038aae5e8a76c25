"""Documents uploaded in the Wagtail admin (the Secretariat's working files) are not public.

Wagtail serves a document at /documents/<id>/<filename> to anyone, unless its collection carries a
privacy setting; no portal page links such documents, so an unrestricted default only leaks them.
"""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from cyberportal.core.roles import VISITOR, Role
from cyberportal.testing import make_state, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def document():
    document = get_document_model()(title="Secretariat note")
    document.file.save("secretariat-note.txt", ContentFile(b"Zyxhidden note"), save=True)
    yield document
    document.file.delete(save=False)


def _get(client, user, document):
    if user is not None and user.is_authenticated:
        client.force_login(user)
    return client.get(f"/documents/{document.pk}/{document.filename}")


@pytest.mark.parametrize("role", [VISITOR, Role.EXPERT, Role.FOCAL_POINT])
def test_only_document_editors_download_admin_documents(client, document, role):
    user = make_user(role, make_state("CO")) if role != VISITOR else make_user(VISITOR)
    response = _get(client, user, document)
    assert response.status_code in {302, 403, 404}
    if response.status_code == 302:
        assert "/accounts/" in response["Location"]
    assert b"Zyxhidden" not in b"".join(getattr(response, "streaming_content", [response.content]))


def test_the_secretariat_downloads_admin_documents(client, document):
    response = _get(client, make_user(Role.SECRETARIAT), document)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Zyxhidden note"
    assert "no-store" in response["Cache-Control"]
