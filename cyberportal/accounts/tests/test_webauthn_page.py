"""The security-key page allauth serves for WebAuthn renders (its template needs django.contrib.humanize)."""

import pytest
from django.test import Client

from cyberportal.core.roles import Role

pytestmark = pytest.mark.django_db


def test_the_security_keys_page_answers(user_factory, state_ar):
    client = Client(raise_request_exception=False)
    client.force_login(user_factory(Role.EXPERT, state_ar))

    assert client.get("/en/accounts/2fa/webauthn/").status_code == 200
