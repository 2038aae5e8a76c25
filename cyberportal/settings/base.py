"""Settings shared by every environment, read from environment variables with safe defaults.

With nothing set, the portal runs on SQLite in `data/` of the checkout, with local media files and
background tasks run in-process. `DATABASE_URL`, `CACHE_URL`-style variables and friends switch each
piece to its production counterpart (see the README's "Running in production").
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parents[2]
PROJECT_DIR = BASE_DIR / "cyberportal"
DATA_DIR = Path(os.environ.get("CYBERPORTAL_DATA_DIR", BASE_DIR / "data"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The name of the network this instance serves, per interface language ("en=OAS,es=OEA" or one name
# for all); nothing in the code is tied to one network.
NETWORK_NAMES = dict(
    item.split("=", 1) if "=" in item else ("", item)
    for item in env_list("CYBERPORTAL_NETWORK_NAME", "en=OAS,es=OEA,pt=OEA,fr=OEA")
)
SITE_NAME = os.environ.get("CYBERPORTAL_SITE_NAME", "Cyberportal")
WAGTAIL_SITE_NAME = SITE_NAME
WAGTAILADMIN_BASE_URL = os.environ.get("CYBERPORTAL_BASE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    # Cyberportal's own apps, lowest layer first: each may use the ones above it, never below.
    "cyberportal.core",
    "cyberportal.caching",  # the request-path caches, beside core
    "cyberportal.audit",
    "cyberportal.states",
    "cyberportal.accounts",
    "cyberportal.home",
    "cyberportal.laws",
    "cyberportal.directory",
    "cyberportal.recommendations",
    "cyberportal.spaces",
    "cyberportal.statistics",  # annual statistics returns: a capability beside laws and directory
    "cyberportal.links",  # the register of national sites and its link checker
    "cyberportal.campaigns",  # update campaigns: subjects registered by the capabilities (core.campaigns)
    "cyberportal.providers",  # above directory (its verification period); below cooperation, which links it
    "cyberportal.events",  # events and training, beside providers: links recommendations' meetings
    "cyberportal.citizens",  # how to report a cybercrime, per state: above links and directory
    "cyberportal.cooperation",  # above laws and directory: sheets link provisions and authorities
    "cyberportal.bulletin",  # the Legal Cooperation Bulletin: above every capability whose changes it reports
    "cyberportal.api",  # open data on top of the capabilities: API, feeds, sitemap; no app imports it
    "cyberportal.quality",  # tooling only (bench, soak, backup): nothing above imports it
    # Accounts: registration, e-mail verification, password reset, MFA (TOTP, WebAuthn, recovery codes)
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Wagtail
    "wagtail.contrib.settings",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.admin",
    "wagtail",
    "modelsearch",
    "modelcluster",
    "taggit",
    # Django
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",  # /sitemap.xml (cyberportal.api.sitemaps)
    "ninja",  # the API's interactive docs: swagger-ui from its own static files, never a CDN
    "django.contrib.humanize",  # allauth's WebAuthn key list loads it: without it that page answers 500
]

MIDDLEWARE = [
    "cyberportal.core.middleware.ProxiedClientAddressMiddleware",  # REMOTE_ADDR behind TRUSTED_PROXIES
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "cyberportal.core.replica.ReplicaReadsMiddleware",  # only with DATABASE_REPLICA_URL
    "cyberportal.core.spreadsheet.CsvFormulaMiddleware",  # neutralises formula cells in any CSV response
    "cyberportal.accounts.sessions.InactivitySessionMiddleware",  # Django's, without a write per request
    "django.middleware.locale.LocaleMiddleware",
    "cyberportal.core.middleware.MalformedAddressMiddleware",  # after Locale: its 400 page is translated
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "cyberportal.core.middleware.AdminLanguageMiddleware",  # the user's language in the admin (no prefix)
    "cyberportal.core.middleware.PrivateResponseMiddleware",  # signed-in answers: private, no-store
    "cyberportal.accounts.middleware.PortalCSPMiddleware",  # django-csp; see the CSP block below
    "django.contrib.messages.middleware.MessageMiddleware",
    "cyberportal.accounts.middleware.PrivilegedMfaMiddleware",  # needs the user and messages
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "cyberportal.core.middleware.DatabaseUnavailableMiddleware",
    "cyberportal.caching.pagecache.PublicPageCacheMiddleware",
    "cyberportal.caching.admin_pages.AdminPageCacheMiddleware",  # the dashboard and our listings
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cyberportal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "cyberportal.core.context_processors.portal",
            ],
        },
    },
]

WSGI_APPLICATION = "cyberportal.wsgi.application"

# Database: SQLite in the data folder unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at once; IMMEDIATE avoids "database is locked" on upgrade.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = False
else:
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = int(
        os.environ.get("DB_CONNECT_TIMEOUT", "5")
    )

# A PostgreSQL streaming replica for the reads of read-only requests (core/replica.py): the reads of
# GET requests go to it once it has caught up with the primary; writes, transactions, commands and
# migrations stay on the primary; a browser that has just written reads from the primary for
# DATABASE_REPLICA_PIN_SECONDS.
DATABASE_REPLICA_PIN_SECONDS = int(os.environ.get("DATABASE_REPLICA_PIN_SECONDS", "10"))
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
    if DATABASES["replica"]["ENGINE"] != "django.db.backends.postgresql":
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("DATABASE_REPLICA_URL must be a PostgreSQL URL (postgres://...).")
    DATABASES["replica"]["OPTIONS"] = {"connect_timeout": int(os.environ.get("DB_CONNECT_TIMEOUT", "5"))}
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["cyberportal.core.replica.ReplicaRouter"]

# Behind nginx every request comes from the proxy: from these addresses (or networks, a.b.c.d/n) only, X-Real-IP (which the
# proxy sets to the visitor's address, overwriting whatever the visitor sent) becomes REMOTE_ADDR, which
# the audit trail, the sign-in limits and the page cache's miss limit count by.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "account_login"  # allauth's sign-in; `accounts:login` (/accounts/sign-in/) is the same view
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: the interface in four languages; content keeps its own language.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("es", _("Spanish")),
    ("pt", _("Portuguese")),
    ("fr", _("French")),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# The project's catalogue first; then the admin messages Wagtail's own catalogues leave in English
# (and, for pt, Wagtail's pt_BR catalogue: see compile_translations).
LOCALE_PATHS = [PROJECT_DIR / "locale", PROJECT_DIR / "wagtail_gaps" / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "America/New_York")  # OAS headquarters; users pick their own
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", DATA_DIR / "static"))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Search: modelsearch's database backend (SQLite FTS5, PostgreSQL full text) unless told otherwise.
MODELSEARCH_BACKENDS = {
    "default": {
        "BACKEND": os.environ.get("SEARCH_BACKEND", "modelsearch.backends.database"),
        "AUTO_UPDATE": True,
    }
}
WAGTAILSEARCH_BACKENDS = MODELSEARCH_BACKENDS

# Background work: in-process by default; the database queue (plus `manage.py db_worker`) in production.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"),
    }
}

# Whole public pages for anonymous visitors, invalidated by committed content writes (caching.pagecache).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# A page larger than this is served but never stored (the matrix of 194 states is ~1.5 MB).
PAGE_CACHE_MAX_ENTRY_BYTES = int(os.environ.get("PAGE_CACHE_MAX_ENTRY_BYTES", str(512 * 1024)))
# Per-worker memory for pages without Redis: LocMemCache bounds entries by count, so the count is the
# budget divided by the largest entry allowed (64 MB / 512 KB = 128 pages at worst, far more in practice).
PAGE_CACHE_MEMORY_BYTES = int(os.environ.get("PAGE_CACHE_MEMORY_BYTES", str(64 * 1024 * 1024)))
# Uncached renders of public pages per visitor address a minute; beyond it, misses answer 429 with
# Retry-After (cached pages are still served). 0 turns the limit off.
PAGE_CACHE_MISSES_PER_MINUTE = int(os.environ.get("PAGE_CACHE_MISSES_PER_MINUTE", "120"))

# Cache: local memory unless REDIS_URL is set; then every worker and instance shares one Redis, pages
# included (the `pagecache` alias, under its own key prefix).
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        },
        "pagecache": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "page",
        },
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pagecache": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pagecache",
            "OPTIONS": {"MAX_ENTRIES": max(1, PAGE_CACHE_MEMORY_BYTES // PAGE_CACHE_MAX_ENTRY_BYTES)},
        },
    }

# The admin's dashboard and our listings per user and browser, until a write commits (caching.admin_pages,
# caching.admin_fragments).
ADMIN_FRAGMENT_SECONDS = int(os.environ.get("ADMIN_FRAGMENT_SECONDS", "60"))

# --- National links (cyberportal.links) --------------------------------------------------------------
# The public address national sites should link back to; empty: the admin's base address above.
SITE_URL = os.environ.get("CYBERPORTAL_SITE_URL", "") or WAGTAILADMIN_BASE_URL
LINK_CHECK_TIMEOUT_SECONDS = float(os.environ.get("LINK_CHECK_TIMEOUT_SECONDS", "15"))
LINK_CHECK_HOST_DELAY_SECONDS = float(os.environ.get("LINK_CHECK_HOST_DELAY_SECONDS", "2"))  # politeness
LINK_CHECK_WORKERS = int(os.environ.get("LINK_CHECK_WORKERS", "4"))  # checks at the same time
LINK_CHECK_MAX_BODY_BYTES = int(os.environ.get("LINK_CHECK_MAX_BODY_BYTES", str(2 * 1024 * 1024)))
LINK_CHECK_INTERVAL_HOURS = int(os.environ.get("LINK_CHECK_INTERVAL_HOURS", "168"))  # weekly by the worker
LINK_CHECK_FAILURES_BEFORE_NOTICE = int(os.environ.get("LINK_CHECK_FAILURES_BEFORE_NOTICE", "2"))
# Focal points enter the addresses: the checker refuses private and loopback addresses (no requests into
# the server's own network) unless this is on (tests, closed networks).
LINK_CHECK_ALLOW_PRIVATE = env_bool("LINK_CHECK_ALLOW_PRIVATE", False)

# The Legal Cooperation Bulletin: messages per worker task, hard bounces before an address is stopped, how
# long a confirmation link lives, and the subscription form's limits per client and per address per hour.
BULLETIN_BATCH_SIZE = int(os.environ.get("BULLETIN_BATCH_SIZE", "100"))
BULLETIN_HARD_BOUNCE_LIMIT = int(os.environ.get("BULLETIN_HARD_BOUNCE_LIMIT", "3"))
BULLETIN_CONFIRM_HOURS = int(os.environ.get("BULLETIN_CONFIRM_HOURS", "72"))
BULLETIN_SUBSCRIBE_PER_HOUR = int(os.environ.get("BULLETIN_SUBSCRIBE_PER_HOUR", "10"))
BULLETIN_CONFIRMATIONS_PER_ADDRESS_PER_HOUR = 3

# E-mail: printed to the console unless EMAIL_URL-style settings are given.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "cyberportal@localhost")

# --- Open data (cyberportal.api) ---------------------------------------------------------------------
# Requests to /api/ per client (account, else address) and minute; 0 turns the limit off. Counted in the
# default cache: set REDIS_URL in production so every worker counts together.
API_REQUESTS_PER_MINUTE = int(os.environ.get("API_REQUESTS_PER_MINUTE", "120"))
# /.well-known/security.txt (RFC 9116): where to report a vulnerability ("mailto:..." or "https://...",
# several separated by commas). Without one the file answers 404 rather than name nobody.
SECURITY_CONTACTS = env_list("CYBERPORTAL_SECURITY_CONTACT")
SECURITY_TXT_EXPIRES_DAYS = int(os.environ.get("SECURITY_TXT_EXPIRES_DAYS", "180"))  # RFC 9116: < 1 year

WAGTAILDOCS_SERVE_METHOD = "serve_view"  # documents go through permission checks, never a public URL
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_ENABLE_UPDATE_CHECK = False  # closed networks: never call out
WAGTAIL_USAGE_COUNT_ENABLED = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # avatars from gravatar.com would send a hash of every e-mail outside
WAGTAILEMBEDS_FINDERS = []  # embeds would fetch from outside addresses
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 8
# Inactivity expiry: the clock restarts on each request, to within SESSION_REFRESH_SECONDS (an unchanged
# session is written again only when its last save is older than that; see accounts/sessions.py).
SESSION_ENGINE = "cyberportal.accounts.sessions"
SESSION_REFRESH_SECONDS = int(os.environ.get("SESSION_REFRESH_SECONDS", "60"))
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- Accounts (django-allauth): vetted registration, MFA, throttling -----------------------------
AUTHENTICATION_BACKENDS = [
    # Django's ModelBackend and allauth's, with permissions cached per user (caching/permissions.py).
    "cyberportal.caching.permissions.CachedPermissionsBackend",
    "cyberportal.caching.permissions.CachedAllauthBackend",
    # A session records the backend that signed it in: these keep sessions opened before the two above
    # valid (they answer nothing the two above have not already answered for the same request).
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_ADAPTER = "cyberportal.accounts.adapter.PortalAccountAdapter"
ACCOUNT_FORMS = {"signup": "cyberportal.accounts.forms.RegistrationForm"}
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"  # the official e-mail must be confirmed before vetting starts
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False  # the session ends with the browser or after inactivity
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
# Links in allauth's e-mails use the scheme of the instance's public address.
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if WAGTAILADMIN_BASE_URL.startswith("https") else "http"
# Throttling: allauth limits each address (10 failed sign-ins a minute, 30 sign-ins a minute); failures
# per ACCOUNT, however it is named, bring growing delays instead of a lock-out and an e-mail to the
# holder (accounts/throttle.py). Without REDIS_URL each worker process counts on its own.
ACCOUNT_RATE_LIMITS = {
    "login": os.environ.get("LOGIN_RATE_LIMIT", "30/m/ip"),
    "login_failed": os.environ.get("LOGIN_FAILED_RATE_LIMIT", "10/m/ip"),
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = False  # a passkey is a second factor here, after the password
MFA_TOTP_ISSUER = SITE_NAME
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG  # lets http://127.0.0.1 enrol a key in development
# Focal points and the Secretariat must have a second factor, and have used it in this session, before
# any write (POST anywhere, or anything in the Wagtail admin). Experts may enrol if they wish.
CYBERPORTAL_MFA_ENFORCED = env_bool("CYBERPORTAL_MFA_ENFORCED", True)
# Wagtail's documented seam for whoever it will not let in: visitors go on to allauth's sign-in (so MFA
# applies), signed-in users without admin access get the portal's 403 page instead of a sign-in loop.
WAGTAILADMIN_LOGIN_URL = "accounts:admin_sign_in"
# Wagtail's own sign-in form (still at /admin/login/) never signs anyone in: see PortalSignInOnlyForm.
WAGTAILADMIN_USER_LOGIN_FORM = "cyberportal.accounts.forms.PortalSignInOnlyForm"

# --- Content Security Policy (django-csp): no inline scripts, nothing from another origin ------------
from csp.constants import NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],  # Wagtail's admin sets style attributes; scripts stay strict
        "img-src": [SELF, "data:"],  # TOTP QR codes are data: images
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# --- Audit trail: HMAC keys from the environment, signed checkpoints outside the database ----------
# "k2:secret2,k1:secret1": the first key signs, every key verifies (docs/security.md). Production
# refuses to start without one; local and test settings set their own.
AUDIT_HMAC_KEYS = os.environ.get("AUDIT_HMAC_KEYS", "")
# Where checkpoints go: "file" (an append-only file), "syslog", or both ("file,syslog").
AUDIT_CHECKPOINT_TARGETS = env_list("AUDIT_CHECKPOINT_TARGETS", "file")
AUDIT_CHECKPOINT_FILE = Path(os.environ.get("AUDIT_CHECKPOINT_FILE", DATA_DIR / "audit-checkpoints.log"))
AUDIT_CHECKPOINT_SYSLOG_ADDRESS = os.environ.get("AUDIT_CHECKPOINT_SYSLOG_ADDRESS", "/dev/log")
AUDIT_CHECKPOINT_SYSLOG_FACILITY = os.environ.get("AUDIT_CHECKPOINT_SYSLOG_FACILITY", "authpriv")
# A checkpoint every N entries (0: only when `manage.py audit_checkpoint` runs, e.g. from cron).
AUDIT_CHECKPOINT_EVERY = int(os.environ.get("AUDIT_CHECKPOINT_EVERY", "100"))
# --- Request drafts (cooperation's assistant): encrypted at rest -------------------------------------
# "key2,key1": Fernet keys (urlsafe base64 of 32 bytes); the first encrypts, every key decrypts, so a key
# is rotated by putting the new one first (docs/security.md). Unset: one key derived from SECRET_KEY.
REQUEST_DRAFTS_KEYS = env_list("REQUEST_DRAFTS_KEYS")
# How long an author may keep a draft (days); the default is what the form proposes.
REQUEST_DRAFTS_DEFAULT_DAYS = 7
REQUEST_DRAFTS_MAX_DAYS = 30
# --- Private files (laws' original documents, uploads waiting to be imported): never under MEDIA_URL --
PRIVATE_FILES_ROOT = Path(os.environ.get("PRIVATE_FILES_ROOT", DATA_DIR / "private"))

# --- Expert spaces: private files, never under MEDIA_URL ---------------------------------------------
SPACES_PRIVATE_ROOT = Path(os.environ.get("SPACES_PRIVATE_ROOT", DATA_DIR / "private"))
SPACES_MAX_UPLOAD_MB = int(os.environ.get("SPACES_MAX_UPLOAD_MB", "20"))
SPACES_ALLOWED_EXTENSIONS = [
    "pdf",
    "docx",
    "doc",
    "odt",
    "xlsx",
    "ods",
    "pptx",
    "odp",
    "txt",
    "csv",
    "png",
    "jpg",
    "jpeg",
]

# --- Document importers (laws, recommendations): one set of limits, see core/uploads.py --------------
IMPORT_MAX_UPLOAD_MB = int(os.environ.get("IMPORT_MAX_UPLOAD_MB", "20"))
IMPORT_MAX_UNZIPPED_MB = int(os.environ.get("IMPORT_MAX_UNZIPPED_MB", "100"))
IMPORT_MAX_ZIP_ENTRIES = int(os.environ.get("IMPORT_MAX_ZIP_ENTRIES", "1000"))
IMPORT_MAX_ZIP_RATIO = int(os.environ.get("IMPORT_MAX_ZIP_RATIO", "100"))
IMPORT_PARSE_SECONDS = int(os.environ.get("IMPORT_PARSE_SECONDS", "120"))
IMPORT_PARSE_MEMORY_MB = int(os.environ.get("IMPORT_PARSE_MEMORY_MB", "1024"))
# Under this structure confidence (0–1, see laws/importers/text.py) a law import needs the editor's
# explicit confirmation (`import_law --force`, a checkbox on the web preview).
LAW_IMPORT_MIN_CONFIDENCE = float(os.environ.get("LAW_IMPORT_MIN_CONFIDENCE", "0.8"))
IMPORT_JOB_HOURS = 24  # an upload not confirmed within this time is deleted
