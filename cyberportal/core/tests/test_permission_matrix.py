"""The permission matrix: role × own or other state × visibility × action, against DESIGN.md's table.

Each capability adds its own rows (its models and views) with `cyberportal.testing.matrix_cases`; this file
holds the policy itself and the foundation's restricted record, the specialised unit on a profile.
"""

import pytest
from django.test import Client

from cyberportal.core import policy
from cyberportal.core.roles import VISITOR
from cyberportal.states.models import SpecialisedUnit
from cyberportal.testing import OWN, expected, make_state, make_user, matrix_cases

pytestmark = pytest.mark.django_db


def _user(role, state_kind, owner, other):
    if role in {VISITOR}:
        return make_user(role)
    if role == "secretariat":
        return make_user(role, None)
    return make_user(role, owner if state_kind == OWN else other)


@pytest.mark.parametrize(("role", "state_kind", "visibility", "action"), matrix_cases())
def test_policy_answers_as_the_design_says(role, state_kind, visibility, action):
    owner, other = make_state("AR"), make_state("BR")
    unit = SpecialisedUnit.objects.create(state=owner, name="Unit", visibility=visibility)
    user = _user(role, state_kind, owner, other)

    assert policy.allows(user, action, unit) is expected(role, state_kind, visibility, action)
    if action == "view":
        listed = SpecialisedUnit.objects.visible_to(user).filter(pk=unit.pk).exists()
        assert listed is expected(role, state_kind, visibility, "view")
    if action == "edit":
        editable = SpecialisedUnit.objects.editable_by(user).filter(pk=unit.pk).exists()
        assert editable is expected(role, state_kind, visibility, "edit")


@pytest.mark.parametrize(("role", "state_kind", "visibility", "action"), matrix_cases(actions=["view"]))
def test_country_profile_shows_units_only_to_those_allowed(role, state_kind, visibility, action):
    owner, other = make_state("AR"), make_state("BR")
    SpecialisedUnit.objects.create(state=owner, name="Unidad reservada XYZ", visibility=visibility)
    user = _user(role, state_kind, owner, other)
    client = Client()
    if role != VISITOR:
        client.force_login(user)

    page = client.get("/en/states/ar/")

    assert page.status_code == 200
    assert ("Unidad reservada XYZ" in page.content.decode()) is expected(role, state_kind, visibility, "view")


def test_an_unvetted_account_sees_what_a_visitor_sees(db):
    owner = make_state("AR")
    unit = SpecialisedUnit.objects.create(state=owner, name="Unit", visibility="experts")
    pending = make_user("expert", owner, username="pending")
    pending.role = ""
    pending.save()

    assert policy.role_of(pending) == VISITOR
    assert not policy.can_view(pending, unit)


def test_a_deactivated_account_loses_access(db):
    owner = make_state("AR")
    unit = SpecialisedUnit.objects.create(state=owner, name="Unit", visibility="state")
    user = make_user("focal_point", owner)
    user.is_active = False

    assert not policy.can_view(user, unit)
    assert not policy.can_edit(user, unit)
