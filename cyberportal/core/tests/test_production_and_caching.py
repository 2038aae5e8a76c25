"""Finding 13 of issue 11: production refuses an e-mail backend that delivers nothing, and answers to
signed-in users (which depend on who asks) carry `Cache-Control: private, no-store`."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from cyberportal.core.roles import Role
from cyberportal.directory.tests.helpers import make_authority, make_contact
from cyberportal.laws.tests.helpers import make_budapest, make_law

ROOT = Path(__file__).resolve().parents[3]


def _production_email_backend(**extra_env):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("EMAIL_") and key not in {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="cyberportal.settings.production",
        SECRET_KEY="k" * 60,
        AUDIT_HMAC_KEYS="k1:" + "a" * 40,  # production also requires the audit key (sec-audit's branch)
        **extra_env,
    )
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings as s; print(s.EMAIL_BACKEND)",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def test_production_refuses_to_start_with_the_console_email_backend():
    result = _production_email_backend()
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "EMAIL_ALLOW_CONSOLE" in result.stderr
    explicit = _production_email_backend(EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend")
    assert explicit.returncode != 0 and "ImproperlyConfigured" in explicit.stderr


def test_production_takes_smtp_from_email_host_or_the_console_when_explicitly_allowed():
    smtp = _production_email_backend(EMAIL_HOST="smtp.example.org")
    assert smtp.stdout.strip() == "django.core.mail.backends.smtp.EmailBackend", smtp.stderr
    allowed = _production_email_backend(EMAIL_ALLOW_CONSOLE="true")
    assert allowed.stdout.strip() == "django.core.mail.backends.console.EmailBackend", allowed.stderr


def _directives(response):
    return {
        part.strip().split("=")[0] for part in response.get("Cache-Control", "").split(",") if part.strip()
    }


@pytest.mark.django_db
def test_every_answer_to_a_signed_in_user_is_private_and_not_stored(state_ar, user_factory):
    contact = make_contact(make_authority(state_ar), name="Reserved Person", visibility="experts")
    make_budapest()
    law = make_law(state_ar, "12", visibility="experts")
    client = Client()
    client.force_login(user_factory(Role.EXPERT, state_ar))
    urls = [
        f"/en/directory/contacts/{contact.pk}/",  # a restricted page
        "/en/directory/export.csv",
        f"/en/laws/{law.pk}/export.csv",
        "/en/laws/matrix/?format=csv",
        "/en/laws/",  # even a public page: it shows who is signed in
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert {"private", "no-store"} <= _directives(response), (url, response.get("Cache-Control"))
        assert "public" not in _directives(response)


@pytest.mark.django_db
def test_anonymous_public_answers_are_left_to_the_page_cache(state_ar):
    response = Client().get("/en/laws/")
    assert response.status_code == 200 and "no-store" not in _directives(response)
