"""Writes of the API app with their rules: issuing and revoking API tokens."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cyberportal.audit.models import AuditAction
from cyberportal.audit.services import audit_record
from cyberportal.core import policy

from .models import ApiToken, TokenKind, TokenScope

DEFAULT_DAYS = 90
MAX_DAYS = 365
SECRET_PREFIX = "cpt_"
PREFIX_LENGTH = 12  # "cpt_" and 8 characters of the secret: enough to tell tokens apart, shown in lists


def token_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def token_create(
    *,
    actor,
    user,
    name: str,
    scope: str = TokenScope.READ,
    days: int = DEFAULT_DAYS,
    kind: str = TokenKind.PERSONAL,
    system: str = "",
    requests_per_minute: int = 60,
    request=None,
) -> tuple[ApiToken, str]:
    """Issue a token acting as `user`; returns it and its secret, which is shown once and never stored.

    A personal token is issued by its own account; a system token by the Secretariat, for a vetted
    account that stands for another organisation's system. `write` needs an account that may write."""
    if kind == TokenKind.SYSTEM:
        if not policy.can_issue_system_tokens(actor):
            raise PermissionDenied
    elif actor.pk != user.pk:
        raise PermissionDenied
    errors = {}
    if not policy.can_hold_api_tokens(user):
        errors["user"] = _("“%(user)s” is not a vetted account; only vetted accounts hold tokens.") % {
            "user": user.get_username()
        }
    if scope not in TokenScope.values:
        errors["scope"] = _("“%(value)s” is not a scope: read or write.") % {"value": scope}
    elif scope == TokenScope.WRITE and not policy.can_write_through_api(user):
        errors["scope"] = _("Only focal points and the Secretariat may hold write tokens.")
    if not isinstance(days, int) or not 1 <= days <= MAX_DAYS:
        errors["days"] = _("“%(value)s” days: a token lasts from 1 to %(max)s days.") % {
            "value": days,
            "max": MAX_DAYS,
        }
    if not (name or "").strip():
        errors["name"] = _("Give the token a name, e.g. the script or system that uses it.")
    if kind == TokenKind.SYSTEM and not (system or "").strip():
        errors["system"] = _("Name the organisation or system that will use this token.")
    if errors:
        raise ValidationError(errors)
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        name=name.strip()[:100],
        kind=kind,
        system=(system or "").strip()[:200],
        scope=scope,
        prefix=secret[:PREFIX_LENGTH],
        digest=token_digest(secret),
        created_by=actor,
        expires_at=timezone.now() + datetime.timedelta(days=days),
        issued_role=policy.role_of(user),
        issued_state_id=user.state_id,
        requests_per_minute=requests_per_minute,
    )
    token.full_clean()
    token.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=token,
        changes={"token": token.prefix, "user": user.get_username(), "kind": kind, "scope": scope,
                 "expires_at": token.expires_at.isoformat()},
        request=request,
    )  # fmt: skip
    return token, secret


@transaction.atomic
def token_revoke(*, actor, token: ApiToken, request=None) -> ApiToken:
    if not policy.can_revoke_api_token(actor, token):
        raise PermissionDenied
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(
            actor=actor,
            action=AuditAction.CHANGE,
            obj=token,
            changes={"token": token.prefix, "revoked_at": token.revoked_at.isoformat()},
            request=request,
        )
    return token
