"""Demo API token: expert.ar's read token with a published secret, so that the API can be tried with
`Authorization: Bearer` at once. Its name says it is an example; demo accounts (and so their tokens)
never exist in an instance started with production settings.

demo and api share a layer and do not import each other: the token model is looked up by name, and the
digest is the one `api.services.token_digest` stores (SHA-256 of the secret, hex; a test checks the
token works).
"""

from __future__ import annotations

import datetime
import hashlib

from django.apps import apps
from django.utils import timezone

from cyberportal.accounts.models import User
from cyberportal.core import policy

DEMO_API_TOKEN = "cpt_demo-expert-ar-read-token-for-the-demo-only"  # published on purpose: demo only
DEMO_TOKEN_USER = "expert.ar"


def opendata_load() -> None:
    """Idempotent: the token is found by its digest; an expired one is renewed for another year."""
    user = User.objects.filter(username=DEMO_TOKEN_USER).first()
    if user is None:
        return
    if not apps.is_installed("cyberportal.api"):
        return
    apps.get_model("api", "ApiToken").objects.update_or_create(
        digest=hashlib.sha256(DEMO_API_TOKEN.encode()).hexdigest(),
        defaults={
            "user": user,
            "name": "Example: the demo's read token",
            "kind": "personal",
            "scope": "read",
            "prefix": DEMO_API_TOKEN[:12],
            "created_by": user,
            "expires_at": timezone.now() + datetime.timedelta(days=365),
            "revoked_at": None,
            "issued_role": policy.role_of(user),
            "issued_state_id": user.state_id,
        },
    )
