"""Bearer tokens on the API's requests: who the token acts as, its rate limit and its audited use.

`Authorization: Bearer <secret>` replaces the session for that request: the API then reads as the
token's account, through the same selectors and `core.policy` as the pages. A token stops working the
moment it is revoked or expires, its account is deactivated or loses its vetting, or the account's
role or state changes from what they were when the token was issued.

Every use is counted; the audit trail gets one entry per token and endpoint per `AUDIT_EVERY` seconds
with the number of uses since the last one (the trail is hash-chained and written under a lock: one
entry per request would make it the API's bottleneck).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.cache import caches
from django.http import JsonResponse
from django.utils import timezone

from cyberportal.audit.models import AuditAction
from cyberportal.audit.services import audit_record
from cyberportal.core import policy

from .models import ApiToken
from .services import token_digest

AUDIT_EVERY = 15 * 60  # seconds


@dataclass
class Refusal:
    error: str  # RFC 6750: invalid_request or invalid_token
    description: str


def token_from(request) -> ApiToken | Refusal | None:
    """The valid token the request carries, a Refusal saying why not, or None without a header."""
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if not header:
        return None
    scheme, _space, secret = header.partition(" ")
    secret = secret.strip()
    if scheme.lower() != "bearer" or not secret:
        return Refusal("invalid_request", "Authorization: expected 'Bearer <token>'.")
    if len(secret) > 200:
        return Refusal("invalid_token", "The token is not valid.")
    token = ApiToken.objects.select_related("user").filter(digest=token_digest(secret)).first()
    if token is None:
        return Refusal("invalid_token", "The token is not valid.")
    if token.revoked_at is not None:
        return Refusal("invalid_token", "The token was revoked.")
    if token.expires_at <= timezone.now():
        return Refusal("invalid_token", "The token has expired.")
    user = token.user
    if not policy.can_hold_api_tokens(user):
        return Refusal("invalid_token", "The token's account is no longer active or vetted.")
    if policy.role_of(user) != token.issued_role or user.state_id != token.issued_state_id:
        return Refusal("invalid_token", "The token's account changed role or state since it was issued.")
    return token


def unauthorized(refusal: Refusal) -> JsonResponse:
    response = JsonResponse({"detail": refusal.description}, status=401)
    description = refusal.description.replace('"', "'")
    response["WWW-Authenticate"] = (
        f'Bearer realm="cyberportal", error="{refusal.error}", error_description="{description}"'
    )
    return response


def record_use(request, token: ApiToken) -> None:
    """Count this use; write it to the audit trail at most once per token and endpoint per window."""
    cache = caches["default"]
    endpoint = request.path
    key = hashlib.sha256(f"{token.digest}|{endpoint}".encode()).hexdigest()[:32]
    uses_key = f"api-token-uses:{key}"
    cache.add(uses_key, 0, AUDIT_EVERY * 4)
    try:
        cache.incr(uses_key)
    except ValueError:
        cache.set(uses_key, 1, AUDIT_EVERY * 4)
    if not cache.add(f"api-token-audited:{key}", 1, AUDIT_EVERY):
        return
    uses = cache.get(uses_key, 1)
    cache.set(uses_key, 0, AUDIT_EVERY * 4)
    now = timezone.now()
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    audit_record(
        actor=token.user,
        action=AuditAction.VIEW,
        obj=token,
        changes={"token": token.prefix, "endpoint": endpoint, "method": request.method, "uses": uses},
        request=request,
    )
