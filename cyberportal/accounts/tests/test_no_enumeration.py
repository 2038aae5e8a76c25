"""Finding 14 of issue 11: sign-up does not tell anyone which user names exist."""

import pytest
from django.core import mail
from django.test import Client

from cyberportal.accounts.models import User
from cyberportal.core.roles import Role

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password-9"


def _sign_up(username, email, state):
    return Client().post(
        "/en/accounts/signup/",
        {
            "username": username,
            "email": email,
            "password1": PASSWORD,
            "password2": PASSWORD,
            "first_name": "Ana",
            "last_name": "Nueva",
            "state": state.pk,
            "institution": "Fiscalía",
            "position": "Fiscal",
        },
    )


def test_a_taken_user_name_answers_exactly_like_a_free_one(state_ar, user_factory):
    user_factory(Role.EXPERT, state_ar, "maria.lopez")
    free = _sign_up("someone.new", "someone.new@gov.example.org", state_ar)
    mail.outbox.clear()
    taken = _sign_up("maria.lopez", "maria.other@gov.example.org", state_ar)
    assert (taken.status_code, taken.get("Location")) == (free.status_code, free.get("Location"))
    assert taken.status_code == 302  # on to "confirm your e-mail", no error naming the user name
    # The applicant is registered under a close variant, and only their mailbox learns it.
    applicant = User.objects.get(email="maria.other@gov.example.org")
    assert applicant.username != "maria.lopez" and applicant.username.startswith("maria")
    assert [m.to for m in mail.outbox] == [["maria.other@gov.example.org"]]
    assert applicant.username in mail.outbox[0].body


def test_a_taken_user_name_and_a_taken_address_also_answer_alike(state_ar, user_factory):
    existing = user_factory(Role.EXPERT, state_ar, "maria.lopez")
    free = _sign_up("someone.new", "someone.new@gov.example.org", state_ar)
    both_taken = _sign_up("maria.lopez", existing.email, state_ar)
    assert (both_taken.status_code, both_taken.get("Location")) == (free.status_code, free.get("Location"))
    assert User.objects.filter(email__iexact=existing.email).count() == 1
