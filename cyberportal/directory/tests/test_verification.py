"""Verification campaigns: e-mails in the contact's language, one-time links, corrections, reminders, dashboard."""

import datetime
import re

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from cyberportal.directory import services
from cyberportal.directory.models import (
    Contact,
    ContactCorrection,
    ContactEmail,
    RequestStatus,
    VerificationRequest,
)
from cyberportal.directory.tasks import send_verification_reminders
from cyberportal.testing import make_user

from .helpers import client_for, make_authority, make_contact

pytestmark = pytest.mark.django_db


def _link(message) -> str:
    url = re.search(r"https?://\S+/directory/verify/\S+/", message.body).group(0)
    return url.split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def test_secretariat_campaign_link_correction_acceptance_and_dashboard(state_ar, state_br):
    """Done when: start a campaign, follow the link as the contact, correct a phone, accept, dashboard changes."""
    contact = make_contact(make_authority(state_ar), phones=[("hotline", "+1 202 555 0142")], language="es")
    make_contact(make_authority(state_br, name="Polícia"), name="Outro", language="pt")
    secretariat = make_user("secretariat")
    staff = client_for(secretariat)

    before = staff.get("/en/directory/dashboard/")
    assert before.context["board"].verified_count == 0

    started = staff.post("/en/directory/campaigns/new/", {"state": "AR"})
    assert started.status_code == 302
    assert len(mail.outbox) == 1  # only Argentina's contact
    message = mail.outbox[0]
    assert message.to == ["ana.prueba@example.org"]
    assert "directorio" in message.subject  # Spanish, the contact's language
    token = _link(message).rstrip("/").rsplit("/", 1)[1]
    assert _link(message).startswith("/es/directory/verify/")
    # Only a hash of the token is stored.
    stored = VerificationRequest.objects.get()
    assert token not in stored.token_hash and stored.token_hash == services.token_hash(token)

    anonymous = client_for(None)
    page = anonymous.get(_link(message))
    assert page.status_code == 200
    post = {
        "action": "correct",
        "name": contact.name,
        "title": "Fiscal",
        "languages_spoken": ["es", "en"],
        "phones-TOTAL_FORMS": "1",
        "phones-INITIAL_FORMS": "1",
        "phones-0-kind": "hotline",
        "phones-0-number": "+1 (202) 555-0199",
        "emails-TOTAL_FORMS": "1",
        "emails-INITIAL_FORMS": "1",
        "emails-0-address": "ana.prueba@example.org",
    }
    answer = anonymous.post(_link(message), post)
    assert answer.status_code == 200
    correction = ContactCorrection.objects.get()
    assert correction.proposed["phones"] == [{"kind": "hotline", "number": "+12025550199"}]
    # A draft: the entry itself is unchanged until an editor accepts.
    assert [p.number for p in Contact.objects.get(pk=contact.pk).phones.all()] == ["+12025550142"]

    reused = anonymous.post(_link(message), post)
    assert reused.status_code == 410
    assert "ya se utilizó" in reused.content.decode()  # in the contact's language (the link's prefix)

    staff.post(f"/en/directory/corrections/{correction.pk}/", {"action": "accept"})
    contact = Contact.objects.get(pk=contact.pk)
    assert [p.number for p in contact.phones.all()] == ["+12025550199"]
    assert contact.verification_method == "link_corrected"
    assert not contact.stale

    after = staff.get("/en/directory/dashboard/")
    assert after.context["board"].verified_count == 1
    assert "50%" in after.content.decode()


def test_an_invalid_phone_in_a_correction_is_named_and_the_link_still_works(state_ar):
    contact = make_contact(make_authority(state_ar))
    services.campaign_start(state=state_ar)
    url = _link(mail.outbox[0])
    post = {
        "action": "correct",
        "name": contact.name,
        "phones-TOTAL_FORMS": "1",
        "phones-INITIAL_FORMS": "0",
        "phones-0-kind": "office",
        "phones-0-number": "555-12",
        "emails-TOTAL_FORMS": "0",
        "emails-INITIAL_FORMS": "0",
    }

    answer = client_for(None).post(url, post)

    assert answer.status_code == 400
    assert (
        "555-12" in answer.content.decode()
        and "no es un número de teléfono internacional válido" in answer.content.decode()
    )
    assert not ContactCorrection.objects.exists()
    assert VerificationRequest.objects.get().used_at is None


def test_confirming_through_the_link_verifies_the_contact(state_ar):
    contact = make_contact(make_authority(state_ar))
    services.campaign_start(everything=True)

    client_for(None).post(_link(mail.outbox[0]), {"action": "confirm"})

    contact = Contact.objects.get(pk=contact.pk)
    assert contact.verification_method == "link_confirmed" and contact.next_due is not None


def test_an_expired_link_says_so_and_changes_nothing(state_ar):
    contact = make_contact(make_authority(state_ar))
    services.campaign_start(state=state_ar)
    VerificationRequest.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))

    answer = client_for(None).post(_link(mail.outbox[0]), {"action": "confirm"})

    assert answer.status_code == 410 and "ha vencido" in answer.content.decode()
    assert Contact.objects.get(pk=contact.pk).last_verified_at is None


def test_an_unknown_link_answers_410_without_details():
    answer = client_for(None).get("/en/directory/verify/not-a-token/")
    assert answer.status_code == 410 and "not valid" in answer.content.decode()


def test_the_command_starts_a_campaign_by_role_and_rejects_bad_input(state_ar, state_br):
    make_contact(make_authority(state_ar), roles=["poc_247"])
    make_contact(make_authority(state_br, name="B"), name="Central", roles=["central_authority"])

    call_command("verification_campaign", "--role", "central_authority")
    assert [m.to for m in mail.outbox] == [["central@example.org"]]

    with pytest.raises(CommandError, match="“nope” is not a role"):
        call_command("verification_campaign", "--role", "nope")
    with pytest.raises(CommandError, match="no state with the code"):
        call_command("verification_campaign", "--state", "ZZ")


def test_the_email_is_in_the_contacts_language(state_br):
    make_contact(make_authority(state_br), name="Beatriz", language="pt")
    call_command("verification_campaign", "--state", "BR")
    assert "/pt/directory/verify/" in mail.outbox[0].body
    assert mail.outbox[0].body.startswith("Prezado(a) Beatriz")


def test_only_the_secretariat_starts_campaigns(state_ar):
    make_contact(make_authority(state_ar))
    focal = make_user("focal_point", state_ar)
    assert client_for(focal).post("/en/directory/campaigns/new/", {"everything": "on"}).status_code == 403
    assert not mail.outbox


def test_reminders_resend_a_fresh_link_and_the_old_one_stops_working(state_ar):
    make_contact(make_authority(state_ar))
    start = timezone.now() - datetime.timedelta(days=8)
    services.campaign_start(state=state_ar, now=start)
    first = _link(mail.outbox[0])

    sent = send_verification_reminders.call()

    assert sent == 1 and len(mail.outbox) == 2
    second = _link(mail.outbox[1])
    assert first != second
    assert client_for(None).get(first).status_code == 410
    assert client_for(None).get(second).status_code == 200
    assert send_verification_reminders.call() == 0  # not due again yet


def test_a_refused_address_is_marked_bounced_and_counted(state_ar, settings):
    contact = make_contact(make_authority(state_ar))
    settings.EMAIL_BACKEND = "cyberportal.directory.tests.failing_backend.RefusingBackend"

    result = services.campaign_start(state=state_ar)

    assert result.bounced == ["ana.prueba@example.org"]
    assert ContactEmail.objects.get(contact=contact).bounced_at is not None
    assert VerificationRequest.objects.get().status == RequestStatus.BOUNCED
    board = client_for(make_user("secretariat")).get("/en/directory/dashboard/").context["board"]
    assert board.rows[0].bounced == 1 and len(board.bounced_addresses) == 1


def test_a_focal_point_sees_only_their_states_dashboard_and_corrections(state_ar, state_br):
    make_contact(make_authority(state_ar), name="Ana")
    make_contact(make_authority(state_br, name="B"), name="Bia")
    services.campaign_start(everything=True)
    for message in mail.outbox:
        token = _link(message).rstrip("/").rsplit("/", 1)[1]
        services.verification_correct(token=token, proposed={"title": "x", "phones": [], "emails": []})
    focal = make_user("focal_point", state_ar)
    client = client_for(focal)

    board = client.get("/en/directory/dashboard/").context["board"]
    assert {r.state.code for r in board.rows} == {"AR"}
    listed = client.get("/en/directory/corrections/").context["corrections"]
    assert [c.contact.name for c in listed] == ["Ana"]
    other = ContactCorrection.objects.get(contact__name="Bia")
    assert client.post(f"/en/directory/corrections/{other.pk}/", {"action": "accept"}).status_code == 404
    assert ContactCorrection.objects.get(pk=other.pk).status == "pending"
    assert client_for(make_user("expert", state_ar)).get("/en/directory/dashboard/").status_code == 403


def test_a_focal_points_acceptance_is_a_draft_for_the_secretariat_and_the_entry_waits(state_ar):
    """One moderation flow: a focal point accepting a contact's correction submits it; the published entry
    (and its due date) stays until the Secretariat approves, which publishes the correction verified."""
    from wagtail.models import WorkflowState

    from cyberportal.accounts.services import moderation_workflow_ensure

    moderation_workflow_ensure()
    contact = make_contact(make_authority(state_ar), phones=[("hotline", "+1 202 555 0142")], language="es")
    services.campaign_start(everything=True)
    token = _link(mail.outbox[0]).rstrip("/").rsplit("/", 1)[1]
    correction = services.verification_correct(
        token=token,
        proposed={
            "title": "Fiscal jefe",
            "phones": [{"kind": "hotline", "number": "+12025550199"}],
            "emails": [],
        },
    )
    focal = make_user("focal_point", state_ar)

    answer = client_for(focal).post(
        f"/en/directory/corrections/{correction.pk}/", {"action": "accept"}, follow=True
    )
    assert "sent to the Secretariat" in answer.content.decode()

    live = Contact.objects.get(pk=contact.pk)
    assert live.title != "Fiscal jefe" and [p.number for p in live.phones.all()] == ["+12025550142"]
    assert live.last_verified_at is None and live.has_unpublished_changes
    state = WorkflowState.objects.get(object_id=str(contact.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    assert state.requested_by == focal
    assert ContactCorrection.objects.get(pk=correction.pk).status == "accepted"

    # The Secretariat approves: the correction is published, verified by the link.
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, user=make_user("secretariat"), action_name="approve")
    live = Contact.objects.get(pk=contact.pk)
    assert live.title == "Fiscal jefe" and [p.number for p in live.phones.all()] == ["+12025550199"]
    assert live.verification_method == "link_corrected" and not live.stale
