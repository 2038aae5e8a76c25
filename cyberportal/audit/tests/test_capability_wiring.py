"""The capabilities' writes and exports of non-public data reach the audit trail, and the chain holds."""

import pytest
from django.core.management import call_command

from cyberportal.audit.models import AuditEntry
from cyberportal.directory.models import Contact
from cyberportal.directory.tests.helpers import client_for, make_authority, make_contact
from cyberportal.testing import make_state, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def contacts():
    authority = make_authority(make_state("AR"))
    return (
        make_contact(authority, "Pública", visibility="public"),
        make_contact(authority, "Reservada", visibility="experts"),
    )


def test_an_export_with_a_non_public_contact_is_recorded_with_who_and_what(contacts):
    _public, restricted = contacts
    expert = make_user("expert", make_state("BR"))

    response = client_for(expert).get("/en/directory/export.csv")

    assert response.status_code == 200
    entry = AuditEntry.objects.filter(action="export").latest("pk")
    assert entry.actor_id == expert.pk
    assert entry.changes["non_public_contacts"] == [restricted.pk]
    assert entry.changes["format"] == "text/csv"


def test_an_export_of_public_contacts_only_is_not_an_audit_event(contacts):
    before = AuditEntry.objects.filter(action="export").count()

    for path in ("/en/directory/export.csv", "/en/directory/export.vcf", "/en/directory/export.pdf"):
        assert client_for(make_user("visitor")).get(path).status_code == 200

    assert AuditEntry.objects.filter(action="export").count() == before


def test_a_contact_vcard_of_a_restricted_contact_is_recorded(contacts):
    _public, restricted = contacts
    expert = make_user("expert", make_state("BR"))

    client_for(expert).get(f"/en/directory/contacts/{restricted.pk}/vcard/")

    assert AuditEntry.objects.filter(action="export", actor_id=expert.pk).exists()


def test_deleting_a_restricted_record_in_the_admin_is_recorded_and_the_chain_verifies(contacts):
    _public, restricted = contacts
    secretariat = make_user("secretariat", None)

    response = client_for(secretariat).post(f"/admin/snippets/directory/contact/delete/{restricted.pk}/")

    assert response.status_code == 302
    assert not Contact.objects.filter(pk=restricted.pk).exists()
    entry = AuditEntry.objects.filter(action="delete").latest("pk")
    assert entry.actor_id == secretariat.pk
    assert entry.object_id == str(restricted.pk)
    call_command("verify_audit")  # raises on a broken chain


def test_a_law_import_and_its_publication_are_recorded():
    from cyberportal.laws.importers import parse_upload
    from cyberportal.laws.services import ImportOptions, law_import, law_publish

    state = make_state("CO")
    focal = make_user("focal_point", state)
    secretariat = make_user("secretariat", None)
    parsed = parse_upload(
        "ley.txt",
        "LEY 1 DE 2024\nSobre delitos informáticos\n\nArtículo 1. Acceso abusivo. El que acceda sin "
        "autorización a un sistema informático.\n".encode(),
    )

    law = law_import(parsed=parsed, options=ImportOptions(state=state, user=focal))
    law_publish(law=law, user=secretariat)

    actions = list(
        AuditEntry.objects.filter(object_id=str(law.pk), object_type="laws.law").values_list(
            "action", "actor_id"
        )
    )
    assert ("create", focal.pk) in actions
    assert ("publish", secretariat.pk) in actions
    call_command("verify_audit")


def test_an_implementation_report_and_its_acceptance_are_recorded():
    from cyberportal.recommendations import services as recommendations
    from cyberportal.recommendations.tests.helpers import import_fixture

    recommendation = import_fixture("wg_2016_like.md").recommendations.get(number=1)
    colombia = make_state("CO")
    focal, secretariat = make_user("focal_point", colombia), make_user("secretariat", None)

    report = recommendations.report_save(
        user=focal, recommendation=recommendation, state=colombia, status="in_progress", narrative="Draft"
    )
    recommendations.report_accept(user=secretariat, report=report)

    actions = list(
        AuditEntry.objects.filter(
            object_id=str(report.pk), object_type="recommendations.implementationreport"
        )
        .order_by("seq")
        .values_list("action", "actor_id")
    )
    assert actions == [("create", focal.pk), ("publish", secretariat.pk)]
    call_command("verify_audit")
