"""Registration and vetting: who vets whom, approve with a role, reject with a reason, both e-mailed;
invitations, deactivation (content stays attributed), profile, sign out everywhere, throttling."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from cyberportal.accounts import services
from cyberportal.accounts.models import User, VettingStatus
from cyberportal.core.roles import VISITOR, Role
from cyberportal.states.models import Organisation, OrganisationKind
from cyberportal.testing import make_state

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-applicant-password-2026"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()  # allauth keeps its rate-limit counters in the cache


def _applicant(username="applicant", state=None, organisation=None):
    user = services.user_create(username=username, email=f"{username}@gov.example.org", password=PASSWORD)
    services.registration_submit(
        user=user,
        first_name="Ana",
        last_name="Applicant",
        state=state,
        organisation=organisation,
        institution="Fiscalía",
        position="Fiscal",
    )
    services.registration_email_verified(user=user)
    return user


def test_registration_asks_for_one_affiliation_and_keeps_what_was_typed(db):
    response = Client().post(
        "/en/accounts/signup/",
        {
            "username": "nobody",
            "email": "nobody@gov.example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "first_name": "No",
            "last_name": "Body",
            "institution": "Somewhere",
            "position": "Clerk",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Choose either your state or your organisation" in body
    assert 'value="Somewhere"' in body
    assert not User.objects.filter(username="nobody").exists()


def test_a_state_applicant_goes_to_that_states_focal_point_only(state_ar, state_br, user_factory):
    focal_ar = user_factory(Role.FOCAL_POINT, state_ar, "focal.ar")
    user_factory(Role.FOCAL_POINT, state_br, "focal.br")
    user_factory(Role.SECRETARIAT, None, "sec")
    mail.outbox.clear()
    applicant = _applicant(state=state_ar)
    assert applicant.vetting_status == VettingStatus.PENDING
    assert [m.to for m in mail.outbox] == [[focal_ar.email]]
    assert f"/en/accounts/vetting/{applicant.pk}/" in mail.outbox[0].body


def test_an_organisation_applicant_or_a_state_without_focal_point_goes_to_the_secretariat(
    state_br, user_factory
):
    secretariat = user_factory(Role.SECRETARIAT, None, "sec")
    org = Organisation.objects.create(name="Interpol (test)", kind=OrganisationKind.INTERNATIONAL)
    mail.outbox.clear()
    _applicant("org.person", organisation=org)
    _applicant("br.person", state=state_br)
    assert [m.to for m in mail.outbox] == [[secretariat.email], [secretariat.email]]


def test_reject_needs_a_reason_and_tells_the_applicant(state_ar, user_factory):
    focal = user_factory(Role.FOCAL_POINT, state_ar, "focal.ar")
    applicant = _applicant(state=state_ar)
    client = Client()
    client.force_login(focal)
    url = f"/en/accounts/vetting/{applicant.pk}/"
    response = client.post(url, {"decision": "reject", "reason": "  "})
    assert response.status_code == 200 and "This field is required" in response.content.decode()
    mail.outbox.clear()
    assert (
        client.post(url, {"decision": "reject", "reason": "Not an official of this institution."}).status_code
        == 302
    )
    applicant.refresh_from_db()
    assert applicant.vetting_status == VettingStatus.REJECTED and applicant.role == ""
    assert mail.outbox[0].to == [applicant.email] and "Not an official" in mail.outbox[0].body


def test_a_focal_point_vets_only_own_state_and_only_as_expert(state_ar, state_br, user_factory):
    focal_br = user_factory(Role.FOCAL_POINT, state_br, "focal.br")
    focal_ar = user_factory(Role.FOCAL_POINT, state_ar, "focal.ar")
    applicant = _applicant(state=state_ar)
    other = Client()
    other.force_login(focal_br)
    assert other.get(f"/en/accounts/vetting/{applicant.pk}/").status_code == 404
    with pytest.raises(PermissionDenied):
        services.registration_approve(vetter=focal_br, applicant=applicant, role=Role.EXPERT)
    with pytest.raises(ValidationError):
        services.registration_approve(vetter=focal_ar, applicant=applicant, role=Role.SECRETARIAT)
    applicant.refresh_from_db()
    assert applicant.role == "" and applicant.vetting_status == VettingStatus.PENDING


def test_the_secretariat_can_grant_any_role_and_a_decision_is_final(state_ar, user_factory):
    secretariat = user_factory(Role.SECRETARIAT, None, "sec")
    applicant = _applicant(state=state_ar)
    services.registration_approve(vetter=secretariat, applicant=applicant, role=Role.FOCAL_POINT)
    assert applicant.role == Role.FOCAL_POINT and applicant.groups.filter(name="Focal points").exists()
    with pytest.raises(ValidationError):
        services.registration_reject(vetter=secretariat, applicant=applicant, reason="too late")


def test_invitation_registers_the_invitee_with_the_role_after_e_mail_confirmation(state_ar, user_factory):
    focal = user_factory(Role.FOCAL_POINT, state_ar, "focal.ar")
    client = Client()
    client.force_login(focal)
    mail.outbox.clear()
    response = client.post(
        "/en/accounts/invitations/",
        {"email": "new@gov.example.org", "role": Role.EXPERT, "state": state_ar.pk},
    )
    assert response.status_code == 302
    link = re.search(r"https?://testserver(/en/accounts/invitation/[^\s]+/)", mail.outbox[0].body).group(1)
    invitee = Client()
    assert invitee.get(link).status_code == 302
    invitee.post(
        "/en/accounts/signup/",
        {
            "username": "newbie",
            "email": "new@gov.example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "first_name": "New",
            "last_name": "Bie",
            "state": state_ar.pk,
            "institution": "MPF",
            "position": "Fiscal",
        },
    )
    confirm = re.search(
        r"https?://testserver(/en/accounts/confirm-email/[^\s]+)", mail.outbox[-1].body
    ).group(1)
    invitee.post(confirm)
    user = User.objects.get(username="newbie")
    assert (user.role, user.vetting_status, user.vetted_by) == (Role.EXPERT, VettingStatus.APPROVED, focal)


def test_a_focal_point_cannot_invite_for_another_state_or_a_higher_role(state_ar, state_br, user_factory):
    focal = user_factory(Role.FOCAL_POINT, state_ar, "focal.ar")
    with pytest.raises(PermissionDenied):
        services.invitation_create(inviter=focal, email="x@gov.example.org", role=Role.EXPERT, state=state_br)
    with pytest.raises(PermissionDenied):
        services.invitation_create(
            inviter=focal, email="x@gov.example.org", role=Role.FOCAL_POINT, state=state_ar
        )


def test_deactivation_blocks_sign_in_and_keeps_authorship(state_ar, user_factory):
    from cyberportal.spaces.services import membership_add, space_create, thread_create

    secretariat = user_factory(Role.SECRETARIAT, None, "sec")
    expert = user_factory(Role.EXPERT, state_ar, "leaver")
    space = space_create(actor=secretariat, name="S", slug="s", kind="other", is_open=True)
    membership_add(actor=expert, space=space, user=expert)
    thread = thread_create(author=expert, space=space, title="Kept", body="Still here", tlp="green")
    session = Client()
    session.force_login(expert)
    services.user_deactivate(actor=secretariat, user=expert)
    assert session.get("/en/accounts/profile/").status_code == 302  # the open session ended
    response = Client().post("/en/accounts/login/", {"login": "leaver", "password": "a-long-test-password"})
    assert "_auth_user_id" not in Client().session
    assert response.status_code in (200, 302) and not response.wsgi_request.user.is_authenticated
    thread.refresh_from_db()
    assert thread.author == expert
    reader = Client()
    reader.force_login(secretariat)
    assert "leaver" in reader.get(f"/en/spaces/threads/{thread.pk}/").content.decode()


def test_a_focal_point_cannot_deactivate_another_states_user(state_ar, state_br, user_factory):
    focal = user_factory(Role.FOCAL_POINT, state_ar, "focal.ar")
    other = user_factory(Role.EXPERT, state_br, "expert.br")
    client = Client()
    client.force_login(focal)
    assert client.post(f"/en/accounts/people/{other.pk}/deactivate/").status_code == 404
    other.refresh_from_db()
    assert other.is_active


def test_sign_out_everywhere_ends_every_session(state_ar, user_factory):
    user = user_factory(Role.EXPERT, state_ar)
    laptop, phone = Client(), Client()
    laptop.force_login(user)
    phone.force_login(user)
    assert laptop.post("/en/accounts/sign-out-everywhere/").status_code == 302
    assert phone.get("/en/accounts/profile/").status_code == 302
    assert laptop.get("/en/accounts/profile/").status_code == 302


def test_profile_saves_and_is_audited(state_ar, user_factory):
    from cyberportal.audit.models import AuditEntry

    user = user_factory(Role.EXPERT, state_ar)
    client = Client()
    client.force_login(user)
    assert client.get("/en/accounts/profile/").status_code == 200
    response = client.post(
        "/en/accounts/profile/",
        {
            "first_name": "Ana",
            "last_name": "B",
            "institution": "MPF",
            "position": "Fiscal general",
            "preferred_language": "es",
            "time_zone": "America/Argentina/Buenos_Aires",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.position == "Fiscal general" and user.preferred_language == "es"
    entry = AuditEntry.objects.filter(action="change", actor=user).order_by("-seq").first()
    assert entry.changes["position"] == ["", "Fiscal general"]


def test_login_is_throttled_after_repeated_failures_with_a_clear_message(state_ar, user_factory):
    user = user_factory(Role.EXPERT, state_ar)
    client = Client()
    for _attempt in range(5):
        client.post("/en/accounts/login/", {"login": user.username, "password": "wrong"})
    response = client.post(
        "/en/accounts/login/", {"login": user.username, "password": "a-long-test-password"}
    )
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_foundation_sign_in_url_still_works(state_ar, user_factory):
    user = user_factory(Role.EXPERT, state_ar)
    client = Client()
    assert client.get("/en/accounts/sign-in/").status_code == 200
    response = client.post(
        "/en/accounts/sign-in/", {"login": user.username, "password": "a-long-test-password"}
    )
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(user.pk)


def test_demo_accounts_can_sign_in(db):
    from django.core.management import call_command

    call_command("load_reference_data")
    from cyberportal.demo.services import demo_accounts_load
    from cyberportal.demo.spaces import demo_accounts_secure

    demo_accounts_load()
    demo_accounts_secure()
    client = Client()
    response = client.post("/en/accounts/login/", {"login": "expert.ar", "password": "cyberportal-demo"})
    assert response.status_code == 302 and client.session["_auth_user_id"]


VIEWS = ["/en/accounts/vetting/", "/en/accounts/people/", "/en/accounts/invitations/"]


@pytest.mark.parametrize("path", VIEWS)
@pytest.mark.parametrize("role", [VISITOR, "unvetted", Role.EXPERT, Role.FOCAL_POINT, Role.SECRETARIAT])
def test_vetting_pages_are_for_focal_points_and_the_secretariat(path, role, db):
    state = make_state("AR")
    client = Client()
    if role == "unvetted":
        client.force_login(_applicant(state=state))
    elif role != VISITOR:
        from cyberportal.testing import make_user

        client.force_login(make_user(role, None if role == Role.SECRETARIAT else state))
    expected = {VISITOR: 302, "unvetted": 403, Role.EXPERT: 403, Role.FOCAL_POINT: 200, Role.SECRETARIAT: 200}
    assert client.get(path).status_code == expected[role]
