"""The default settings: a developer's machine or the demo instance. Adds the demo app."""

import os
import secrets

from .base import *  # noqa: F403
from .base import DATA_DIR, INSTALLED_APPS


def _local_secret_key() -> str:
    """Generate a secret key on the first local run and keep it in the data folder."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    path = DATA_DIR / "secret_key"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _local_secret_key()


def _local_audit_keys() -> str:
    """Like the secret key: a generated audit key kept in the data folder, unless the environment sets one."""
    if os.environ.get("AUDIT_HMAC_KEYS"):
        return os.environ["AUDIT_HMAC_KEYS"]
    path = DATA_DIR / "audit_key"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text("local:" + secrets.token_urlsafe(32))
        path.chmod(0o600)
    return path.read_text().strip()


AUDIT_HMAC_KEYS = _local_audit_keys()

INSTALLED_APPS = [*INSTALLED_APPS, "cyberportal.demo"]
SECURITY_CONTACTS = SECURITY_CONTACTS or ["mailto:security@example.org"]  # noqa: F405 - a developer's instance

# Serve static files straight from the apps, so the demo needs no collectstatic step.
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
(DATA_DIR / "static").mkdir(parents=True, exist_ok=True)  # WhiteNoise warns about a missing STATIC_ROOT
