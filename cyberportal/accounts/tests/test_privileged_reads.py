"""Finding 6 of issue 11: privileged accounts need a second factor, used in the session, to READ too.

A Secretariat account with a password alone read restricted contacts, laws, reports, the audit page and
AMBER threads. Now every request of a focal point or the Secretariat (superusers included) is sent to
enrolment (no authenticator) or back to the sign-in (authenticator not used in this session), except the
account's own profile, MFA and sign-out pages.
"""

import pytest
from django.test import Client

from cyberportal.core.roles import Role
from cyberportal.directory.tests.helpers import make_authority, make_contact
from cyberportal.laws.tests.helpers import make_law
from cyberportal.spaces import services as space_services
from cyberportal.spaces.models import TLP
from cyberportal.testing import totp_code as _code
from cyberportal.testing import totp_enrol as _enrol

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mfa_enforced")]
PASSWORD = "a-long-test-password"


@pytest.fixture
def restricted(state_ar, user_factory):
    """A page of each kind of restricted data, with a word that only that data contains."""
    secretariat = user_factory(Role.SECRETARIAT, None)
    expert = user_factory(Role.EXPERT, state_ar)
    contact = make_contact(make_authority(state_ar), name="Quetzal Hidden", visibility="secretariat")
    law = make_law(state_ar, "77", visibility="secretariat", title="Ley reservada Ocelote")
    space = space_services.space_create(actor=secretariat, name="WG", slug="wg", kind="working_group")
    space_services.membership_add(actor=secretariat, space=space, user=expert)
    thread = space_services.thread_create(
        author=expert,
        space=space,
        title="Amber Jaguar case",
        body="Detail",
        tlp=TLP.AMBER,
        notify_members=False,
    )
    pages = {
        f"/en/directory/contacts/{contact.pk}/": "Quetzal Hidden",
        f"/en/laws/{law.pk}/": "Ocelote",
        "/en/recommendations/reports/": "",
        "/en/audit/": "",
        f"/en/spaces/threads/{thread.pk}/": "Amber Jaguar",
    }
    return secretariat, pages


def test_a_secretariat_account_without_an_authenticator_reads_nothing_but_is_sent_to_enrol(restricted):
    secretariat, pages = restricted
    client = Client()
    client.force_login(secretariat)
    for url, secret_word in pages.items():
        response = client.get(url)
        assert (response.status_code, response.get("Location")) == (302, "/en/accounts/2fa/"), url
        assert not secret_word or secret_word not in response.content.decode()
    # Its own profile, the MFA pages and sign-out stay open, or nobody could comply.
    assert client.get("/en/accounts/profile/").status_code == 200
    assert client.get("/en/accounts/2fa/").status_code == 200


def test_with_totp_used_in_the_session_the_secretariat_reads_them(restricted):
    secretariat, pages = restricted
    _enrol(secretariat)
    client = Client()
    response = client.post("/en/accounts/login/", {"login": secretariat.username, "password": PASSWORD})
    assert response.url.startswith("/en/accounts/2fa/authenticate/")
    assert client.post("/en/accounts/2fa/authenticate/", {"code": _code()}).status_code == 302
    for url, secret_word in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert secret_word in response.content.decode()


def test_an_authenticator_not_used_in_this_session_means_signing_in_again_to_read(restricted):
    secretariat, pages = restricted
    _enrol(secretariat)
    client = Client()
    client.force_login(secretariat)  # a password-only session
    response = client.get("/en/audit/")
    assert response.status_code == 302 and response.url.startswith("/en/accounts/login/?next=/en/audit/")
    assert "_auth_user_id" not in client.session


def test_a_role_change_holds_the_account_at_its_next_request(state_ar, user_factory):
    from cyberportal.accounts import services

    expert = user_factory(Role.EXPERT, state_ar)
    client = Client()
    client.force_login(expert)
    assert client.get("/en/laws/").status_code == 200  # MFA stays optional for experts
    services.user_change_role(actor=user_factory(Role.SECRETARIAT, None), user=expert, role=Role.FOCAL_POINT)
    response = client.get("/en/laws/")
    assert (response.status_code, response.url) == (302, "/en/accounts/2fa/")


def test_a_superuser_made_by_createsuperuser_must_enrol(db):
    from django.core.management import call_command

    call_command("createsuperuser", "--no-input", username="root", email="root@example.org")
    from cyberportal.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username="root"))
    response = client.get("/en/")
    assert (response.status_code, response.url) == (302, "/en/accounts/2fa/")
