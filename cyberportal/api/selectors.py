"""Reads of the API app: whose tokens a user sees, and the nightly dumps on storage."""

from __future__ import annotations

from cyberportal.core import policy

from .models import ApiToken


def tokens_for(user):
    """The tokens a user manages: their own, and every token for the Secretariat."""
    tokens = ApiToken.objects.select_related("user", "created_by")
    if policy.can_issue_system_tokens(user):
        return tokens
    if not policy.can_hold_api_tokens(user):
        return tokens.none()
    return tokens.filter(user=user)


def profile_section_context(user) -> dict | None:
    """The profile's API tokens section: vetted users only."""
    if not policy.can_hold_api_tokens(user):
        return None
    return {"active": ApiToken.objects.active().filter(user=user).count()}
