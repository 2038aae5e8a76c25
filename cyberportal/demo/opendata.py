"""Demo API token: expert.ar's read token with a published secret, so that the API can be tried with
`Authorization: Bearer` at once. Its name says it is an example; demo accounts (and so their tokens)
never exist in an instance started with production settings."""

from __future__ import annotations

import datetime

from django.utils import timezone

from cyberportal.accounts.models import User
from cyberportal.api.models import ApiToken, TokenKind, TokenScope
from cyberportal.api.services import PREFIX_LENGTH, token_digest
from cyberportal.core import policy

DEMO_API_TOKEN = "cpt_demo-expert-ar-read-token-for-the-demo-only"  # noqa: S105 (published on purpose)
DEMO_TOKEN_USER = "expert.ar"


def opendata_load() -> None:
    """Idempotent: the token is found by its digest; an expired one is renewed for another year."""
    user = User.objects.filter(username=DEMO_TOKEN_USER).first()
    if user is None:
        return
    ApiToken.objects.update_or_create(
        digest=token_digest(DEMO_API_TOKEN),
        defaults={
            "user": user,
            "name": "Example: the demo's read token",
            "kind": TokenKind.PERSONAL,
            "scope": TokenScope.READ,
            "prefix": DEMO_API_TOKEN[:PREFIX_LENGTH],
            "created_by": user,
            "expires_at": timezone.now() + datetime.timedelta(days=365),
            "revoked_at": None,
            "issued_role": policy.role_of(user),
            "issued_state_id": user.state_id,
        },
    )
