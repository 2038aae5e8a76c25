"""Settings for the test suite: fast hashing, tasks run at once, e-mail kept in the outbox."""

import hashlib
import tempfile
from pathlib import Path

from .local import *  # noqa: F403

SECRET_KEY = "tests-only-not-secret"
AUDIT_HMAC_KEYS = "test:tests-only-audit-key-not-secret"
# Checkpoints only where a test asks for them (in its own temporary file): the database is rolled back
# after each test, a file is not.
AUDIT_CHECKPOINT_EVERY = 0
AUDIT_CHECKPOINT_FILE = Path(tempfile.mkdtemp(prefix="cyberportal-test-audit-")) / "checkpoints.log"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="cyberportal-test-media-"))
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pagecache": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pagecache"},
}
DEBUG = False
# MFA enforcement is tested on its own (accounts/tests/test_mfa.py turns it on); other tests sign in with
# force_login, which never passes a second factor.
CYBERPORTAL_MFA_ENFORCED = False
SPACES_PRIVATE_ROOT = Path(tempfile.mkdtemp(prefix="cyberportal-test-private-"))
PRIVATE_FILES_ROOT = Path(tempfile.mkdtemp(prefix="cyberportal-test-private-files-"))
PAGE_CACHE_SECONDS = 0  # tests that need the page cache turn it on and clear the cache themselves
PAGE_CACHE_MISSES_PER_MINUTE = 0  # one client address makes every request: tested on its own
API_REQUESTS_PER_MINUTE = 0  # likewise the API's limit per client (api/tests/test_http.py)
ADMIN_FRAGMENT_SECONDS = 0  # likewise the admin fragment cache

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file rather than shared-cache memory: the browser tests' live server writes from another thread,
    # and only a file database honours busy_timeout instead of failing at once with "table is locked".
    # One name per checkout (never per process) so `--reuse-db` finds it again; pytest-django adds the
    # xdist worker's suffix (`_gw0`, `_gw1`), so parallel workers never share a file.
    _checkout = hashlib.sha256(str(BASE_DIR).encode()).hexdigest()[:8]  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.gettempdir()) / f"cyberportal-test-{_checkout}.sqlite3")
    }
