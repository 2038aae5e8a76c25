"""Contacts through the services: E.164 phones, e-mails, revisions, and focal points kept to their state."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cyberportal.directory import services
from cyberportal.directory.models import Contact, normalise_phone
from cyberportal.testing import make_user

from .helpers import make_authority, make_contact

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("raw", "region", "e164"),
    [
        ("+1 (202) 555-0142", None, "+12025550142"),
        ("+57 601 555 0100", None, "+576015550100"),
        ("011 5555-0147", "AR", "+541155550147"),
    ],
)
def test_phones_are_normalised_to_e164(raw, region, e164):
    assert normalise_phone(raw, region) == e164


def test_a_contact_keeps_its_phone_in_e164(state_ar):
    contact = make_contact(make_authority(state_ar), phones=[("office", "+54 11 5555-0147")])

    assert [p.number for p in contact.phones.all()] == ["+541155550147"]


def test_an_invalid_phone_is_named_and_nothing_is_saved(state_ar):
    authority = make_authority(state_ar)

    with pytest.raises(ValidationError) as error:
        make_contact(authority, phones=[("office", "+1 202 555 0142"), ("mobile", "12345")])

    assert "Phone 2" in str(error.value) and "12345" in str(error.value)
    assert not Contact.objects.exists()


def test_a_malformed_email_is_named_and_nothing_is_saved(state_ar):
    authority = make_authority(state_ar)
    contact = make_contact(authority)

    with pytest.raises(ValidationError) as error:
        services.contact_update(
            contact=contact, user=make_user("secretariat"), emails=["ok@example.org", "not-an-address"]
        )

    assert "E-mail 2" in str(error.value) and "not-an-address" in str(error.value)
    contact = Contact.objects.get(pk=contact.pk)
    assert [e.address for e in contact.emails.all()] == ["ana.prueba@example.org"]


def test_a_focal_point_cannot_edit_another_state(state_ar, state_br):
    contact = make_contact(make_authority(state_ar), title="Fiscal")
    focal_br = make_user("focal_point", state_br)

    with pytest.raises(PermissionDenied) as error:
        services.contact_update(contact=contact, user=focal_br, title="Changed")

    assert "own state" in str(error.value)
    assert Contact.objects.get(pk=contact.pk).title == "Fiscal"


def test_a_focal_point_cannot_move_a_contact_into_another_state(state_ar, state_br):
    own = make_contact(make_authority(state_ar))
    other_authority = make_authority(state_br)
    focal_ar = make_user("focal_point", state_ar)

    with pytest.raises(PermissionDenied):
        services.contact_update(contact=own, user=focal_ar, authority=other_authority)

    assert Contact.objects.get(pk=own.pk).authority.state == state_ar


def test_every_change_keeps_a_revision(state_ar):
    contact = make_contact(make_authority(state_ar), title="Fiscal")
    focal = make_user("focal_point", state_ar)

    services.contact_update(contact=contact, user=focal, title="Fiscal jefe")

    revisions = list(contact.revisions.order_by("created_at"))
    assert len(revisions) == 2
    assert revisions[-1].user == focal
    assert revisions[-1].content["title"] == "Fiscal jefe"
    assert revisions[0].content["title"] == "Fiscal"


def test_next_due_follows_the_period_the_secretariat_sets(state_ar):
    import datetime

    from django.utils import timezone

    from cyberportal.directory.models import DirectorySettings

    config = DirectorySettings.load()
    config.verification_period_months = 6
    config.save()
    contact = make_contact(make_authority(state_ar))
    moment = timezone.make_aware(datetime.datetime(2026, 8, 31, 12, 0))

    services.contact_mark_verified(contact=contact, by="test", method="phone", now=moment)

    assert contact.next_due == datetime.date(2027, 2, 28)
    assert not contact.is_stale(datetime.date(2027, 2, 28))
    assert contact.is_stale(datetime.date(2027, 3, 1))
