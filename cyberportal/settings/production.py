"""Production settings: everything must be given by the environment; no demo, no defaults that leak."""

import os

from django.core.exceptions import ImproperlyConfigured

from cyberportal.audit.keys import parse_keys

from .base import *  # noqa: F403
from .base import env_bool


def _required(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable for production.")
    return value


SECRET_KEY = _required("SECRET_KEY")
# Without a key the audit trail could be rewritten by anyone who can write to the database.
AUDIT_HMAC_KEYS = _required("AUDIT_HMAC_KEYS")
parse_keys(AUDIT_HMAC_KEYS)  # a malformed or short key stops the start here, not at the first write
DEBUG = False

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# On by default so `check --deploy` is clean; set SECURE_HSTS_PRELOAD=false for a host whose
# subdomains cannot all serve HTTPS.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True

# E-mail carries password-reset, verification and vetting links: printed to a log or kept in memory they
# would reach whoever reads the logs, and nobody would receive them. EMAIL_HOST alone selects SMTP; a
# console, in-memory, file or dummy backend needs EMAIL_ALLOW_CONSOLE=true (a throw-away instance only).
NOT_DELIVERING_EMAIL_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
}
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend"
)
if EMAIL_BACKEND in NOT_DELIVERING_EMAIL_BACKENDS and not env_bool("EMAIL_ALLOW_CONSOLE", False):
    raise ImproperlyConfigured(
        f"EMAIL_BACKEND is {EMAIL_BACKEND}, which delivers no e-mail: sign-in links would land in logs. "
        "Set EMAIL_HOST (and EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS) or "
        "EMAIL_BACKEND, or EMAIL_ALLOW_CONSOLE=true for a throw-away instance."
    )
