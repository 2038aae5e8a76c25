"""The Secretariat edits meetings, recommendations and reports in the Wagtail admin, with revisions."""

import pytest
from django.contrib.auth.models import Group

from cyberportal.recommendations import services
from cyberportal.testing import make_state, make_user

from .helpers import TODAY, import_fixture

pytestmark = pytest.mark.django_db


def test_secretariat_opens_the_admin_editors(client):
    meeting = import_fixture("wg_2016_like.md")
    recommendation = meeting.recommendations.get(number=3)
    secretariat = make_user("secretariat")
    report = services.report_save(
        user=secretariat,
        recommendation=recommendation,
        state=make_state("AR"),
        status="in_progress",
        as_of=TODAY,
    )
    assert (
        Group.objects.get(name="Secretariat")
        .permissions.filter(content_type__app_label="recommendations")
        .exists()
    )
    client.force_login(secretariat)

    for url in (
        f"/admin/snippets/recommendations/meeting/edit/{meeting.pk}/",
        f"/admin/snippets/recommendations/recommendation/edit/{recommendation.pk}/",
        f"/admin/snippets/recommendations/implementationreport/edit/{report.pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    page = client.get(
        f"/admin/snippets/recommendations/recommendation/edit/{recommendation.pk}/"
    ).content.decode()
    assert "To keep the public and private parts of the Portal complete." in page
    assert meeting.revisions.count() == 1


def test_experts_have_no_admin_access_to_recommendations(client):
    import_fixture("wg_2016_like.md")
    client.force_login(make_user("expert", make_state("AR")))
    response = client.get("/admin/snippets/recommendations/meeting/")
    assert response.status_code in {302, 403}


def test_only_the_secretariat_sees_the_importer_in_the_admin_menu(client):
    importer = "/en/recommendations/import/"
    client.force_login(make_user("secretariat"))
    assert importer in client.get("/admin/").content.decode()

    client.force_login(make_user("focal_point", make_state("AR"), username="focal.ar"))
    page = client.get("/admin/")
    assert page.status_code == 200
    assert importer not in page.content.decode()
    assert client.get(importer).status_code == 403  # and the view refuses anyway


def test_the_importer_link_speaks_the_language_of_each_admin_request(client):
    """Wagtail builds its menu once per process: the link used to keep the first visitor's language."""
    from django.test import Client

    french, english = make_user("secretariat", username="secretariat.fr"), make_user("secretariat")
    french.preferred_language, english.preferred_language = "fr", "en"
    for user in (french, english):
        user.save(update_fields=["preferred_language"])
    client.force_login(french)
    assert "/fr/recommendations/import/" in client.get("/admin/").content.decode()

    other_browser = Client()
    other_browser.force_login(english)
    page = other_browser.get("/admin/").content.decode()
    assert "/en/recommendations/import/" in page and "/fr/recommendations/import/" not in page
