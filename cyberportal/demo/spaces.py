"""Demo of the private component: sign-in ready demo accounts (confirmed e-mail, a TOTP device for the
privileged ones), expert spaces with example threads and documents at every TLP level, and a
registration waiting for focal.co to vet.

Every step is idempotent. Everything written here is invented and marked as an example.
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import transaction

from cyberportal.accounts.models import User, VettingStatus
from cyberportal.accounts.services import registration_email_verified, registration_submit, user_create
from cyberportal.spaces.models import TLP, Document, DocumentCategory, Membership, Space, SpaceKind, Thread
from cyberportal.spaces.services import document_create, thread_create
from cyberportal.states.models import State


def _demo_accounts():
    from .services import DEMO_ACCOUNTS  # services imports this module to list its steps

    return DEMO_ACCOUNTS


# A fixed TOTP secret for the demo's focal point and Secretariat, so the demo can be tried at once:
# add it to any authenticator app, or print the current code with `manage.py demo_totp`.
# Never used outside the demo (the demo app is not installed with production settings).
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
DEMO_MFA_USERS = ["secretariat", "focal.co"]
DEMO_APPLICANT = "applicant.co"


def _minimal_pdf(text: str) -> bytes:
    """A one-page PDF with one line of text, written by hand (the demo needs no PDF library)."""
    stream = f"BT /F1 14 Tf 72 720 Td ({text}) Tj ET".encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@transaction.atomic
def demo_accounts_secure() -> None:
    """Confirm the demo accounts' e-mail (allauth requires it) and enrol the demo TOTP secret."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    for user in User.objects.filter(username__in=[a.username for a in _demo_accounts()]):
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        if (
            user.username in DEMO_MFA_USERS
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            TOTP.activate(user, DEMO_TOTP_SECRET)


SPACES = [
    (
        "remja-wg",
        "REMJA Working Group on Cybercrime (example)",
        SpaceKind.WORKING_GROUP,
        False,
        "Delegates of the Working Group prepare its meetings and share drafts here. (Example space.)",
    ),
    (
        "contacts-24-7",
        "24/7 points of contact (example)",
        SpaceKind.CONTACTS,
        False,
        "The 24/7 network's contacts exchange practical notes on expedited preservation. (Example space.)",
    ),
    (
        "training-2026",
        "Training cohort 2026: electronic evidence (example)",
        SpaceKind.TRAINING,
        True,
        "Participants of an example training course; any vetted official may join.",
    ),
]
MEMBERS = {
    "remja-wg": ["secretariat", "focal.co", "expert.ar"],
    "contacts-24-7": ["secretariat", "focal.co", "expert.br"],
    "training-2026": ["expert.ar", "expert.br"],
}


@transaction.atomic
def demo_spaces_load() -> None:
    users = {u.username: u for u in User.objects.filter(username__in=[a.username for a in _demo_accounts()])}
    if len(users) < len(_demo_accounts()):
        return  # the accounts step did not run
    spaces = {}
    for slug, name, kind, is_open, description in SPACES:
        spaces[slug], _created = Space.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "is_open": is_open,
                "description": description,
                "is_example": True,
            },
        )
        for username in MEMBERS[slug]:
            Membership.objects.get_or_create(space=spaces[slug], user=users[username])

    wg, contacts = spaces["remja-wg"], spaces["contacts-24-7"]
    threads = [
        (
            wg,
            users["secretariat"],
            TLP.CLEAR,
            "Welcome to the Working Group space (example)",
            "This space is for the delegates of the Working Group. Items labelled TLP:CLEAR may be shared publicly.",
            (),
        ),
        (
            wg,
            users["secretariat"],
            TLP.GREEN,
            "Call for good practices on electronic evidence (example)",
            "Please share your state's good practices before the next meeting. @focal.co, could Colombia start?",
            (),
        ),
        (
            wg,
            users["focal.co"],
            TLP.AMBER,
            "Draft agenda of the next meeting (example)",
            "The draft agenda is attached for comments by the members of the Working Group only.",
            (),
        ),
        (
            contacts,
            users["focal.co"],
            TLP.AMBER_STRICT,
            "Internal note on on-call rotation (example)",
            "Only for officials of Colombia: the on-call rotation for December.",
            (),
        ),
        (
            contacts,
            users["secretariat"],
            TLP.RED,
            "Personal note for the focal point of Colombia (example)",
            "Only the named recipient may read this example.",
            (users["focal.co"],),
        ),
    ]
    for space, author, tlp, title, body, recipients in threads:
        if not Thread.objects.filter(space=space, title=title).exists():
            thread_create(
                author=author,
                space=space,
                title=title,
                body=body,
                tlp=tlp,
                recipients=recipients,
                is_example=True,
                notify_members=False,
            )

    documents = [
        (
            wg,
            users["secretariat"],
            TLP.CLEAR,
            DocumentCategory.MODEL_LEGISLATION,
            "Model provisions on expedited preservation (example)",
            "en",
        ),
        (
            wg,
            users["focal.co"],
            TLP.AMBER,
            DocumentCategory.GOOD_PRACTICE,
            "Buenas prácticas en preservación de datos (ejemplo)",
            "es",
        ),
        (
            contacts,
            users["secretariat"],
            TLP.GREEN,
            DocumentCategory.MANUAL,
            "Manual for 24/7 points of contact (example)",
            "en",
        ),
    ]
    for space, author, tlp, category, title, language in documents:
        if not Document.objects.filter(space=space, title=title).exists():
            document_create(
                author=author,
                space=space,
                title=title,
                category=category,
                tlp=tlp,
                language=language,
                description="Example document written for the demo.",
                is_example=True,
                file=ContentFile(_minimal_pdf(title.encode("ascii", "replace").decode()), name="example.pdf"),
                note="First version (example).",
                notify_members=False,
            )


@transaction.atomic
def demo_pending_registration_load() -> None:
    """An official of Colombia who registered and confirmed the e-mail: focal.co has a request to vet."""
    if User.objects.filter(username=DEMO_APPLICANT).exists():
        return
    from .services import DEMO_PASSWORD

    user = user_create(username=DEMO_APPLICANT, email="applicant.co@example.org", password=DEMO_PASSWORD)
    registration_submit(
        user=user,
        first_name="Andrés",
        last_name="Applicant (example)",
        state=State.objects.get(code="CO"),
        institution="Policía Nacional de Colombia (example)",
        position="Investigador, Centro Cibernético (example)",
    )
    registration_email_verified(user=user)
    assert user.vetting_status == VettingStatus.PENDING
