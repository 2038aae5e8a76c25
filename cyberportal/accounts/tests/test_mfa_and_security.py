"""MFA is required of focal points and the Secretariat before any write (pages and the Wagtail admin),
optional for experts; security headers and the production deploy check."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings

from cyberportal.accounts.models import Invitation
from cyberportal.core.roles import Role
from cyberportal.testing import totp_code as _code
from cyberportal.testing import totp_enrol as _enrol

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mfa_enforced")]
ROOT = Path(__file__).resolve().parents[3]


def _invite(client, state):
    return client.post(
        "/en/accounts/invitations/", {"email": "x@gov.example.org", "role": Role.EXPERT, "state": state.pk}
    )


@pytest.mark.parametrize("role", [Role.FOCAL_POINT, Role.SECRETARIAT])
def test_a_privileged_user_without_a_second_factor_is_sent_to_enrol_before_writing(
    role, state_ar, user_factory
):
    user = user_factory(role, state_ar if role == Role.FOCAL_POINT else None)
    client = Client()
    client.force_login(user)
    reading = client.get("/en/accounts/vetting/")  # reading is held too (see test_privileged_reads.py)
    assert reading.status_code == 302 and reading.url == "/en/accounts/2fa/"
    response = _invite(client, state_ar)
    assert response.status_code == 302 and response.url == "/en/accounts/2fa/"
    assert not Invitation.objects.exists()
    admin = client.get("/admin/")
    assert admin.status_code == 302 and admin.url == "/en/accounts/2fa/"


def test_a_session_that_skipped_the_second_factor_must_sign_in_again(state_ar, user_factory):
    focal = user_factory(Role.FOCAL_POINT, state_ar)
    _enrol(focal)
    client = Client()
    client.force_login(focal)  # as if signed in without the second factor
    response = _invite(client, state_ar)
    assert response.status_code == 302 and response.url.startswith("/en/accounts/login/")
    assert "_auth_user_id" not in client.session
    assert not Invitation.objects.exists()


def test_signing_in_with_password_and_totp_allows_writes(state_ar, user_factory):
    focal = user_factory(Role.FOCAL_POINT, state_ar)
    _enrol(focal)
    client = Client()
    response = client.post(
        "/en/accounts/login/", {"login": focal.username, "password": "a-long-test-password"}
    )
    assert response.url.startswith("/en/accounts/2fa/authenticate/")
    assert "_auth_user_id" not in client.session  # the password alone does not sign in
    assert client.post("/en/accounts/2fa/authenticate/", {"code": "000000"}).status_code == 200
    assert client.post("/en/accounts/2fa/authenticate/", {"code": _code()}).status_code == 302
    assert _invite(client, state_ar).status_code == 302
    assert Invitation.objects.filter(email="x@gov.example.org").exists()
    assert client.get("/admin/").status_code == 200


def test_mfa_is_optional_for_experts(state_ar, user_factory):
    expert = user_factory(Role.EXPERT, state_ar)
    client = Client()
    client.force_login(expert)
    response = client.post(
        "/en/accounts/profile/", {"first_name": "E", "last_name": "X", "institution": "I", "position": "P"}
    )
    assert response.status_code == 302 and response.url == "/en/accounts/profile/"


def test_wagtail_admin_sign_in_goes_through_allauth(db):
    # The admin sends visitors to the portal's sign-in (WAGTAILADMIN_LOGIN_URL), which asks for MFA.
    response = Client().get("/admin/pages/")
    assert response.status_code == 302 and response.url.startswith("/en/accounts/admin-sign-in/?next=")
    followed = Client().get(response.url)
    assert followed.status_code == 302 and followed.url == "/en/accounts/login/?next=/admin/pages/"
    assert Client().get("/en/accounts/admin-sign-in/?next=//evil.example/").url == (
        "/en/accounts/login/?next=/admin/"
    )


def test_wagtails_own_sign_in_form_signs_nobody_in(db):
    """A right password posted to Wagtail's /admin/login/ would skip the second factor and the
    per-account throttle: the form (WAGTAILADMIN_USER_LOGIN_FORM) refuses before checking it."""
    from cyberportal.testing import make_user

    make_user(Role.SECRETARIAT, None, username="chief")
    client = Client()
    response = client.post("/admin/login/", {"username": "chief", "password": "a-long-test-password"})
    assert response.status_code == 200
    assert "second factor" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_pages_carry_a_csp_without_inline_scripts(db):
    response = Client().get("/en/accounts/login/")
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in directives["script-src"] and directives["object-src"] == "'none'"
    assert "<script>" not in response.content.decode()  # no inline script element in our layout


def test_only_the_wagtail_admin_allows_its_inline_scripts(user_factory):
    client = Client()
    client.force_login(user_factory(Role.SECRETARIAT, None))
    with override_settings(CYBERPORTAL_MFA_ENFORCED=False):
        admin = client.get("/admin/")
    assert admin.status_code == 200
    assert _directives(admin["Content-Security-Policy"])["script-src"] == "'self' 'unsafe-inline'"
    assert _directives(client.get("/en/spaces/")["Content-Security-Policy"])["script-src"] == "'self'"


def _directives(policy):
    """{directive: sources} from a CSP header (django-csp does not promise an order)."""
    return dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())


def _deploy_check(secret_key):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cyberportal.settings.production",
        "SECRET_KEY": secret_key,
        "ALLOWED_HOSTS": "example.org",
        "EMAIL_HOST": "smtp.example.org",
        "AUDIT_HMAC_KEYS": "k1:" + "a-deploy-check-audit-key" * 2,
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests' conftest for Playwright only
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def test_production_settings_pass_the_deploy_check():
    result = _deploy_check("k3y-" + "a1B2c3D4e5F6g7H8i9J0" * 3)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_one_character_secret_key_is_the_only_deploy_warning():
    result = _deploy_check("x")
    assert "security.W009" in result.stderr
    assert result.stderr.count("(security.") == 1, result.stderr


def test_production_cookies_are_secure_and_http_only():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings as s; import django; django.setup(); "
            "print(s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0)",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cyberportal.settings.production",
            "SECRET_KEY": "k" * 60,
            "EMAIL_HOST": "smtp.example.org",
            "AUDIT_HMAC_KEYS": "k1:" + "a" * 40,
        },
    )
    assert result.stdout.split() == ["True", "True", "True", "True"], result.stderr


def test_an_anonymous_visit_to_the_admin_goes_to_the_portals_sign_in(db):
    response = Client().get("/admin/pages/", follow=True)
    assert response.redirect_chain[-1][0] == "/en/accounts/login/?next=/admin/pages/"
    assert response.status_code == 200
