"""Internal step of `manage.py bench`: add the scale's synthetic data and sign the key pages' accounts in.

Refuses to run unless CYBERPORTAL_BENCH_INSTANCE is set, because it writes synthetic records and resets
passwords: only the benchmark's own throw-away database may receive them.

Each account signs in through the portal's real sign-in views (allauth), with a password and, for the
roles that must use one (focal points, the Secretariat), a TOTP second factor. The session is marked
exactly as a real visitor's would be, so the MFA middleware lets the admin pages through on their merits.
"""

import json
import os
import secrets

from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.core.management.base import BaseCommand, CommandError
from django.test import Client
from django.urls import reverse

from cyberportal.accounts.middleware import PRIVILEGED
from cyberportal.accounts.totp import current_totp_code
from cyberportal.core.policy import role_of
from cyberportal.core.synthetic import planner_statistics_refresh, scale_generators
from cyberportal.quality.scenarios import bench_pages


def _totp_secret(user, *, required: bool) -> str | None:
    """The secret of the user's TOTP authenticator; one is enrolled when the role requires a second
    factor and the account has none yet."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from allauth.mfa.utils import decrypt

    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if authenticator is not None:
        return decrypt(authenticator.data["secret"])
    if not required:
        return None
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def _current_code(secret: str) -> str:
    return current_totp_code(secret)


def sign_in(user) -> str:
    """Sign `user` in through the sign-in form (and the second-factor step when the account has one);
    return the browser's Cookie header (session and CSRF cookies). The password is replaced by a random
    one that only this run knows."""
    privileged = role_of(user) in PRIVILEGED
    secret = _totp_secret(user, required=privileged)
    password = secrets.token_urlsafe(24)
    user.set_password(password)
    user.save(update_fields=["password"])

    client = Client(HTTP_HOST="localhost")
    response = client.post(reverse("account_login"), {"login": user.username, "password": password})
    if response.status_code == 302 and response.url.startswith(reverse("mfa_authenticate")):
        if secret is None:
            raise CommandError(f"{user.username}: the second-factor step asks for a code, but not TOTP.")
        # The code of the current period; retried once if the period turned between making and checking it.
        for _attempt in range(2):
            response = client.post(reverse("mfa_authenticate"), {"code": _current_code(secret)})
            if response.status_code == 302:
                break
    if response.status_code != 302 or SESSION_KEY not in client.session:
        raise CommandError(f"{user.username}: signing in failed (answered {response.status_code}).")

    session_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    methods = [r.get("method") for r in SessionStore(session_key).get("account_authentication_methods", [])]
    if privileged and "mfa" not in methods:
        raise CommandError(f"{user.username}: the session has no second factor ({methods}).")
    # The cookies a browser sends from its second page on: the session and the CSRF secret the sign-in set
    # (without it every admin page would make a new secret); not the "signed in" message, which a browser
    # shows once on the page after the sign-in.
    cookies = (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)
    return "; ".join(f"{name}={client.cookies[name].value}" for name in cookies if name in client.cookies)


def material() -> dict:
    """The instance's own records the uncached rows vary over (quality/scenarios.py): codes, slugs and
    ids that exist here, in a stable order; the public ones as a visitor sees them."""
    from django.contrib.auth.models import AnonymousUser

    from cyberportal.directory.models import AuthorityKind, ContactRole, Measure, Urgency
    from cyberportal.laws.selectors import visible_laws
    from cyberportal.recommendations.models import Meeting
    from cyberportal.spaces.selectors import spaces_for, threads_for
    from cyberportal.states.models import ArticleCategory, Instrument, State

    expert = get_user_model().objects.get(username="expert.ar")
    states = State.objects.order_by("code")
    laws = list(
        visible_laws(AnonymousUser()).exclude(frbr_uri="").order_by("pk").values_list("frbr_uri", flat=True)
    )
    return {
        "states": [code.lower() for code in states.values_list("code", flat=True)],
        "state_pks": list(states.values_list("pk", flat=True)[:200]),
        "instruments": list(Instrument.objects.order_by("pk").values_list("slug", flat=True)),
        "categories": list(ArticleCategory.values),
        "contact_roles": list(ContactRole.values),
        "authority_kinds": list(AuthorityKind.values),
        "measures": list(Measure.values),
        "urgencies": list(Urgency.values),
        "laws": laws[:: max(1, len(laws) // 400)][:400],  # spread over every state's laws
        "meetings": list(Meeting.objects.order_by("pk").values_list("slug", flat=True)[:400]),
        "spaces": list(
            spaces_for(expert).filter(is_member=True).order_by("pk").values_list("slug", flat=True)
        ),
        "threads": list(threads_for(expert).order_by("pk").values_list("pk", flat=True)[:400]),
    }


class Command(BaseCommand):
    help = "Internal: prepare the benchmark's instance (synthetic data, sessions). Used by `bench`."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=["small", "large"], default="small")
        parser.add_argument(
            "--sessions-only",
            action="store_true",
            help="Add no data: only sign the accounts in again and read the material (a reused instance).",
        )

    def handle(self, *args, scale, sessions_only=False, **options):
        if os.environ.get("CYBERPORTAL_BENCH_INSTANCE") != "1":
            raise CommandError("bench_prepare only runs inside `manage.py bench`'s own database.")
        counts = {}
        if scale != "small" and not sessions_only:
            for name, generate in scale_generators().items():
                counts[name] = generate(scale)
            planner_statistics_refresh()
        sessions = {}
        User = get_user_model()
        for username in sorted({p.signed_in_as for p in bench_pages() if p.signed_in_as}):
            user = User.objects.filter(username=username).first()
            if user is None:
                raise CommandError(f"Key pages sign in as {username!r}, but the demo has no such account.")
            sessions[username] = sign_in(user)
        self.stdout.write(json.dumps({"generated": counts, "sessions": sessions, "material": material()}))
