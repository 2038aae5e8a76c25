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


# --- Named actions ------------------------------------------------------------------------------------
# Written out from DESIGN.md ("Who uses it") by hand, not from core.policy, one row per named check:
# which roles may do it. V visitor, E expert, F focal point, S Secretariat.

V, E, F, S = "visitor", "expert", "focal_point", "secretariat"
ACTIONS_BY_ROLE = {
    "can_view_audit": {S},
    "can_import_laws": {F, S},
    "can_publish_imported_laws": {S},
    "can_review_mappings": {S},
    "can_submit_for_review": {F, S},
    "can_review_changes": {S},
    "can_import_recommendations": {S},
    "can_report_implementation": {F, S},
    "can_report_for_own_state": {F},
    "can_review_implementation": {S},
    "can_manage_campaigns": {S},
    "can_follow_campaigns": {F, S},
    "can_submit_statistics": {F, S},
    "can_validate_statistics": {S},
    "can_review_directory": {F, S},
    "can_use_spaces": {E, F, S},
    "can_administer_spaces": {S},
    "can_read_experts_notes": {E, F, S},
    "can_view_providers": {E, F, S},
    "can_check_national_links": {F, S},
    "can_keep_own_state_pages": {F},
    "can_compose_bulletin": {S},
    "can_contribute_to_bulletin": {F, S},
    "can_save_searches": {E, F, S},
    "can_draft_requests": {E, F, S},
    "can_manage_people": {F, S},
    "can_change_roles": {S},
    "can_use_admin": {F, S},
    "can_download_admin_documents": {S},
    "can_hold_api_tokens": {E, F, S},
    "can_issue_system_tokens": {S},
    "can_write_through_api": {F, S},
    "must_use_second_factor": {F, S},
    "edits_every_state": {S},
}
GRANTABLE = {V: set(), E: set(), F: {E}, S: {E, F, S}}
# (vetter's role, applicant of the vetter's own state or another) -> may vet
VET = {(V, OWN): False, (V, "other"): False, (E, OWN): False, (E, "other"): False}
VET |= {(F, OWN): True, (F, "other"): False, (S, OWN): True, (S, "other"): True}
# (inviter's role, role offered, invitee of the inviter's own state or another) -> may invite
INVITE = {(r, offered, kind): False for r in (V, E, F) for offered in (E, F, S) for kind in (OWN, "other")}
INVITE |= {(S, offered, kind): True for offered in (E, F, S) for kind in (OWN, "other")}
INVITE[(F, E, OWN)] = True
# Pages behind a named check: (URL name, check). A refusal is 403 for the signed-in, sign-in for visitors.
PAGES = [
    ("audit:list", "can_view_audit"),
    ("laws:import", "can_import_laws"),
    ("recommendations:import", "can_import_recommendations"),
    ("recommendations:my_reports", "can_report_implementation"),
    ("directory:campaign_new", "can_manage_campaigns"),
    ("campaigns:new", "can_manage_campaigns"),
    ("campaigns:index", "can_follow_campaigns"),
    ("statistics:returns", "can_submit_statistics"),
    ("directory:dashboard", "can_review_directory"),
    ("directory:corrections", "can_review_directory"),
    ("spaces:list", "can_use_spaces"),
    ("providers:list", "can_view_providers"),
    ("cooperation:request_new", "can_draft_requests"),
    ("cooperation:request_list", "can_draft_requests"),
    ("bulletin:compose", "can_compose_bulletin"),
    ("accounts:vetting_list", "can_manage_people"),
    ("accounts:people", "can_manage_people"),
    ("accounts:invitations", "can_manage_people"),
]


def _actor(role, state):
    return make_user(role, None if role == S else state, username=f"actor-{role}")


@pytest.mark.parametrize("role", [V, E, F, S])
@pytest.mark.parametrize("action", sorted(ACTIONS_BY_ROLE))
def test_each_named_action_answers_as_the_design_says(action, role):
    user = _actor(role, make_state("AR"))

    assert getattr(policy, action)(user) is (role in ACTIONS_BY_ROLE[action])


def test_the_table_covers_every_named_check_of_the_policy():
    """A new check in core.policy needs its row here (one-argument checks) or its own table below."""
    two_party = {
        "can_vet",
        "can_deactivate",
        "can_invite",
        "can_view",
        "can_edit",
        "can_publish",
        "can_revoke_api_token",
    }
    two_party |= {"can_submit_statistics_for"}  # its own table: test_who_may_submit_which_states_statistics
    two_party |= {"can_open_request_draft"}  # its own test below
    two_party |= {"can_answer_campaign_for"}  # its own table: test_who_may_answer_which_states_campaign
    named = {
        n for n in dir(policy) if n.startswith(("can_", "must_", "edits_")) and callable(getattr(policy, n))
    }
    assert named - two_party <= set(ACTIONS_BY_ROLE), named - two_party - set(ACTIONS_BY_ROLE)


@pytest.mark.parametrize("role", [V, E, F, S])
def test_grantable_roles(role):
    assert set(policy.grantable_roles(_actor(role, make_state("AR")))) == GRANTABLE[role]


@pytest.mark.parametrize(("role", "state_kind"), sorted(VET))
def test_who_may_vet_whom(role, state_kind):
    own, other = make_state("AR"), make_state("BR")
    vetter = _actor(role, own)
    applicant = make_user(E, own if state_kind == OWN else other, username="applicant")
    applicant.role = ""  # still waiting for vetting

    assert policy.can_vet(vetter, applicant) is VET[(role, state_kind)]


@pytest.mark.parametrize("role", [V, E, F, S])
def test_an_applicant_from_an_organisation_is_vetted_by_the_secretariat(role):
    applicant = make_user(E, None, username="applicant")

    assert policy.can_vet(_actor(role, make_state("AR")), applicant) is (role == S)


@pytest.mark.parametrize("role", [V, E, F, S])
@pytest.mark.parametrize("target_role", [E, F, S])
@pytest.mark.parametrize("state_kind", [OWN, "other"])
def test_who_may_deactivate_whom(role, target_role, state_kind):
    own, other = make_state("AR"), make_state("BR")
    actor = _actor(role, own)
    target = make_user(
        target_role, None if target_role == S else (own if state_kind == OWN else other), username="target"
    )
    # The Secretariat deactivates anyone; a focal point the non-Secretariat accounts of their own state.
    allowed = role == S or (role == F and target_role != S and state_kind == OWN)

    assert policy.can_deactivate(actor, target) is allowed


@pytest.mark.parametrize("role", [V, E, F, S])
@pytest.mark.parametrize("state_kind", [OWN, "other"])
def test_who_may_submit_which_states_statistics(role, state_kind):
    own, other = make_state("AR"), make_state("BR")
    user = _actor(role, own)
    # The state's own focal point, or the Secretariat for any state (DESIGN.md: focal points keep
    # their state's statistics; the Secretariat edits everything).
    allowed = role == S or (role == F and state_kind == OWN)

    assert policy.can_submit_statistics_for(user, own if state_kind == OWN else other) is allowed


@pytest.mark.parametrize(("role", "offered", "state_kind"), sorted(INVITE))
def test_who_may_invite_whom(role, offered, state_kind):
    own, other = make_state("AR"), make_state("BR")
    inviter = _actor(role, own)

    allowed = policy.can_invite(inviter, offered, own if state_kind == OWN else other)

    assert allowed is INVITE[(role, offered, state_kind)]


@pytest.mark.parametrize("role", [V, E, F, S])
@pytest.mark.parametrize(("url_name", "action"), PAGES)
def test_pages_behind_a_named_action_open_only_to_those_allowed(url_name, action, role):
    from django.urls import reverse

    client = Client()
    if role != V:
        client.force_login(_actor(role, make_state("AR")))

    response = client.get(reverse(url_name))

    if role in ACTIONS_BY_ROLE[action]:
        assert response.status_code == 200
    elif role == V:
        assert response.status_code == 302 and "login" in response["Location"]
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", [V, E, F, S])
@pytest.mark.parametrize("whose", ["own", "same state", "other state"])
def test_a_request_draft_opens_for_its_author_alone(role, whose):
    """Case data: not even the Secretariat opens another user's draft (DESIGN: the assistant)."""
    from types import SimpleNamespace

    ar, br = make_state("AR"), make_state("BR")
    user = _actor(role, ar)
    author = {"own": user, "same state": make_user(E, ar, username="author-ar")}.get(whose)
    author = author or make_user(E, br, username="author-br")
    draft = SimpleNamespace(author_id=getattr(author, "pk", None))

    assert policy.can_open_request_draft(user, draft) is (whose == "own" and role != V)


@pytest.mark.parametrize("role", [V, E, F, S])
@pytest.mark.parametrize("whose", ["own", "another's"])
def test_who_may_revoke_an_api_token(role, whose):
    """An account revokes its own tokens; the Secretariat revokes anyone's."""
    actor = _actor(role, make_state("AR"))
    holder = make_user(E, make_state("BR"), username="holder")

    class Token:
        user_id = actor.pk if whose == "own" and role != V else holder.pk

    assert policy.can_revoke_api_token(actor, Token()) is (role == S or (role != V and whose == "own"))


# (role, state answered for: the actor's own or another) -> may answer an update campaign for it
ANSWER_CAMPAIGN = {(V, OWN): False, (V, "other"): False, (E, OWN): False, (E, "other"): False}
ANSWER_CAMPAIGN |= {(F, OWN): True, (F, "other"): False, (S, OWN): True, (S, "other"): True}


@pytest.mark.parametrize(("role", "state_kind"), sorted(ANSWER_CAMPAIGN))
def test_who_may_answer_which_states_campaign(role, state_kind):
    own, other = make_state("AR"), make_state("BR")
    user = _actor(role, own)

    assert (
        policy.can_answer_campaign_for(user, own if state_kind == OWN else other)
        is (ANSWER_CAMPAIGN[(role, state_kind)])
    )
