"""The issue's "Done when", tried as a new user would, through the pages and the e-mail outbox:
register as an official of Argentina, be vetted by Argentina's focal point, enrol TOTP, join a space,
post a TLP:AMBER thread with a PDF; an expert of Brazil outside the space cannot reach it by URL,
search, notification or download; the Secretariat reads the audit log and verify_audit catches SQL
tampering."""

import re
from pathlib import Path

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client, override_settings

from cyberportal.accounts.models import User
from cyberportal.accounts.totp import current_totp_code
from cyberportal.audit.models import AuditEntry
from cyberportal.core.roles import Role
from cyberportal.spaces.models import TLP, Attachment, Notification, Thread
from cyberportal.spaces.services import membership_add, space_create

pytestmark = pytest.mark.django_db(transaction=False)
FILES = Path(__file__).parent / "files"
PASSWORD = "a-long-applicant-password-2026"


def _link(message, pattern):
    match = re.search(pattern, message.body)
    assert match, message.body
    return match.group(0).split("testserver", 1)[-1]


def _totp_code(secret):
    return current_totp_code(secret)


@override_settings(MFA_TOTP_TOLERANCE=1)
def test_register_vet_enrol_post_amber_and_outsider_sees_nothing(
    state_ar, state_br, user_factory, django_capture_on_commit_callbacks
):
    cache.clear()
    focal_ar = user_factory(Role.FOCAL_POINT, state_ar, "focal.ar")
    secretariat = user_factory(Role.SECRETARIAT, None, "sec")
    outsider = user_factory(Role.EXPERT, state_br, "expert.br")
    colleague = user_factory(Role.EXPERT, state_ar, "colleague.ar")
    space = space_create(
        actor=secretariat, name="Training cohort", slug="cohort", kind="training", is_open=True
    )
    membership_add(actor=colleague, space=space, user=colleague)

    # 1. Register as an official of Argentina.
    applicant = Client()
    response = applicant.post(
        "/en/accounts/signup/",
        {
            "username": "ana.fiscal",
            "email": "ana@mpf.example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "first_name": "Ana",
            "last_name": "Fiscal",
            "state": state_ar.pk,
            "organisation": "",
            "institution": "Ministerio Público Fiscal",
            "position": "Fiscal",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    user = User.objects.get(username="ana.fiscal")
    assert user.vetting_status == "unverified" and user.role == ""

    # 2. Confirm the official e-mail from the outbox; the request then goes to Argentina's focal point only.
    confirm = _link(mail.outbox[-1], r"https?://testserver/en/accounts/confirm-email/[^\s]+")
    mail.outbox.clear()
    assert applicant.post(confirm).status_code == 302
    user.refresh_from_db()
    assert user.vetting_status == "pending"
    assert [m.to for m in mail.outbox] == [["focal.ar@example.org"]]
    vetting_url = _link(mail.outbox[0], r"https?://testserver/en/accounts/vetting/\d+/")

    # 3. The focal point approves from the link in the e-mail; the applicant is told.
    mail.outbox.clear()
    vetter = Client()
    vetter.force_login(focal_ar)
    assert vetter.get(vetting_url).status_code == 200
    assert vetter.post(vetting_url, {"decision": "approve", "role": Role.EXPERT}).status_code == 302
    user.refresh_from_db()
    assert (user.role, user.vetting_status, user.vetted_by) == (Role.EXPERT, "approved", focal_ar)
    assert mail.outbox[-1].to == ["ana@mpf.example.org"] and "approved" in mail.outbox[-1].subject

    # 4. Sign in with the password and enrol a TOTP device.
    applicant = Client()
    response = applicant.post("/en/accounts/login/", {"login": "ana.fiscal", "password": PASSWORD})
    assert response.status_code == 302 and applicant.session.get("_auth_user_id") == str(user.pk)
    # allauth asks for the password again before any change to the second factors.
    assert applicant.get("/en/accounts/2fa/totp/activate/").url.startswith("/en/accounts/reauthenticate/")
    assert applicant.post("/en/accounts/reauthenticate/", {"password": PASSWORD}).status_code == 302
    assert applicant.get("/en/accounts/2fa/totp/activate/").status_code == 200
    secret = applicant.session["mfa.totp.secret"]
    assert applicant.post("/en/accounts/2fa/totp/activate/", {"code": _totp_code(secret)}).status_code == 302
    assert user.authenticator_set.filter(type="totp").exists()
    assert user.authenticator_set.filter(type="recovery_codes").exists()  # made with the first factor
    mfa_page = applicant.get("/en/accounts/2fa/").content.decode()
    assert "Security Keys" in mfa_page and "Recovery Codes" in mfa_page  # WebAuthn offered too

    # 5. Join the space and post a TLP:AMBER thread with a PDF.
    assert applicant.post(f"/en/spaces/{space.slug}/join/").status_code == 302
    pdf = SimpleUploadedFile(
        "agenda.pdf", (FILES / "agenda.pdf").read_bytes(), content_type="application/pdf"
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = applicant.post(
            f"/en/spaces/{space.slug}/threads/new/",
            {
                "title": "Seized server in Rosario",
                "body": "Confidential: the suspect's server is in Rosario.",
                "tlp": TLP.AMBER,
                "recipients": "",
                "files": [pdf],
            },
        )
    assert response.status_code == 302
    thread = Thread.objects.get(title="Seized server in Rosario")
    attachment = Attachment.objects.get(thread=thread)
    assert applicant.get(f"/en/spaces/threads/{thread.pk}/").status_code == 200
    download = applicant.get(f"/en/spaces/attachments/{attachment.pk}/download/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF-")

    # The member who was notified got a link, never the text or the title.
    assert [m.to for m in mail.outbox] == [["colleague.ar@example.org"]]
    notice = mail.outbox[0]
    assert f"/en/spaces/threads/{thread.pk}/" in notice.body
    assert "Rosario" not in notice.body + notice.subject and "TLP:AMBER" in notice.subject

    # 6. An expert of Brazil outside the space: not by URL, search, notification or download.
    other = Client()
    other.force_login(outsider)
    assert other.get(f"/en/spaces/threads/{thread.pk}/").status_code == 404
    assert other.get(f"/en/spaces/attachments/{attachment.pk}/download/").status_code == 404
    found = other.get("/en/spaces/search/", {"q": "Rosario"})
    assert found.status_code == 200 and "Seized server" not in found.content.decode()
    assert not Notification.objects.filter(user=outsider).exists()
    assert "Seized server" not in other.get("/en/spaces/notifications/").content.decode()
    assert all("expert.br@example.org" not in m.to for m in mail.outbox)
    # ... while a member finds it by search.
    assert "Seized server" in applicant.get("/en/spaces/search/", {"q": "Rosario"}).content.decode()

    # 7. The Secretariat reads the audit log of all of it.
    reader = Client()
    reader.force_login(secretariat)
    log = reader.get("/en/audit/").content.decode()
    for expected in ("ana.fiscal", "focal.ar", "Seized server in Rosario", "Sign-in", "Permission change"):
        assert expected in log
    assert reader.get("/en/audit/", {"action": "export"}).content.decode().count("agenda.pdf") == 1

    # 8. verify_audit passes, then names the row changed by SQL.
    call_command("verify_audit")
    entry = AuditEntry.objects.get(action="create", object_type="spaces.thread")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditentry SET object_repr = %s WHERE id = %s", ["Nothing to see", entry.pk]
        )
    with pytest.raises(CommandError, match=rf"entry #{entry.seq}\b"):
        call_command("verify_audit")
