"""Test support, imported by tests only (so it lives outside core): users per role and state, and the
permission matrix's truth table.

The table below is written out by hand from DESIGN.md, independently of `core.policy`, so that the
matrix test compares the policy with the specification rather than with itself.
"""

from __future__ import annotations

import itertools

from cyberportal.core.roles import VISITOR, Role, Visibility

ROLES = [VISITOR, Role.EXPERT, Role.FOCAL_POINT, Role.SECRETARIAT]
VISIBILITIES = list(Visibility.values)
ACTIONS = ["view", "edit", "publish"]
OWN, OTHER = "own", "other"

# (role, own or other state, visibility) -> the actions allowed.
_ALLOWED = {}
for _state in (OWN, OTHER):
    for _visibility in VISIBILITIES:
        _ALLOWED[(VISITOR, _state, _visibility)] = {"view"} if _visibility == Visibility.PUBLIC else set()
        _ALLOWED[(Role.SECRETARIAT, _state, _visibility)] = {"view", "edit", "publish"}
for _visibility in VISIBILITIES:
    _ALLOWED[(Role.EXPERT, OWN, _visibility)] = (
        {"view"} if _visibility in {Visibility.PUBLIC, Visibility.EXPERTS, Visibility.STATE} else set()
    )
    _ALLOWED[(Role.EXPERT, OTHER, _visibility)] = (
        {"view"} if _visibility in {Visibility.PUBLIC, Visibility.EXPERTS} else set()
    )
    _ALLOWED[(Role.FOCAL_POINT, OWN, _visibility)] = (
        {"view", "edit"} if _visibility != Visibility.SECRETARIAT else set()
    )
    _ALLOWED[(Role.FOCAL_POINT, OTHER, _visibility)] = (
        {"view"} if _visibility in {Visibility.PUBLIC, Visibility.EXPERTS} else set()
    )


def expected(role: str, state: str, visibility: str, action: str) -> bool:
    """What DESIGN.md says: may a user of `role`, of the record's own or another state, do `action`?"""
    return action in _ALLOWED[(role, state, visibility)]


def matrix_cases(actions=ACTIONS):
    """Every (role, own/other, visibility, action) combination, for pytest.mark.parametrize."""
    return list(itertools.product(ROLES, (OWN, OTHER), VISIBILITIES, actions))


def make_state(code: str):
    """A state with real ISO codes, without loading the whole reference file."""
    from cyberportal.states.models import State
    from cyberportal.states.services import iso_codes

    alpha3, numeric = iso_codes(code)
    return State.objects.get_or_create(code=code, defaults={"alpha3": alpha3, "numeric": numeric})[0]


def make_user(role: str, state=None, username: str | None = None):
    """A user of `role` (or an anonymous visitor for VISITOR) belonging to `state`."""
    from django.contrib.auth.models import AnonymousUser

    from cyberportal.accounts.services import user_create
    from cyberportal.states.models import Organisation, OrganisationKind

    if role == VISITOR:
        return AnonymousUser()
    organisation = None
    if state is None:
        organisation = Organisation.objects.get_or_create(
            name="Technical Secretariat (test)", defaults={"kind": OrganisationKind.SECRETARIAT}
        )[0]
    name = username or f"{role}-{state.code if state else 'org'}".lower()
    return user_create(
        username=name,
        email=f"{name}@example.org",
        password="a-long-test-password",
        role=role,
        state=state,
        organisation=organisation,
    )


TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def totp_enrol(user, secret: str = TOTP_SECRET) -> None:
    """Give `user` an authenticator app (TOTP) with a known secret."""
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(user, secret)


def totp_code(secret: str = TOTP_SECRET) -> str:
    """What that authenticator app shows now."""
    from cyberportal.accounts.totp import current_totp_code

    return current_totp_code(secret)
