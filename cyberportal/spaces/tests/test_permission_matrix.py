"""The permission matrix extended to the spaces' and accounts' write actions: role × own/other state.

Expected answers are written out from the issue, not computed from the code under test.
"""

import contextlib

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from cyberportal.core.roles import VISITOR, Role
from cyberportal.spaces import services
from cyberportal.spaces.models import TLP, Membership, Space, Thread
from cyberportal.testing import make_state, make_user

pytestmark = pytest.mark.django_db
ROLES = [VISITOR, Role.EXPERT, Role.FOCAL_POINT, Role.SECRETARIAT]

# action -> roles allowed (a non-member; membership is tested in test_tlp.py)
EXPECTED = {
    "create_space": {Role.SECRETARIAT},
    "add_member": {Role.SECRETARIAT},
    "open_new_thread_form": {Role.SECRETARIAT},  # the Secretariat administers every space
    "lower_other_authors_label": {Role.SECRETARIAT},
    "raise_green_label": {Role.SECRETARIAT},  # issue 11: a non-member cannot hide an item from members
    "open_spaces_list": {Role.EXPERT, Role.FOCAL_POINT, Role.SECRETARIAT},
}


def _setup():
    ar = make_state("AR")
    secretariat = make_user(Role.SECRETARIAT, None, "sec")
    author = make_user(Role.EXPERT, ar, "author")
    space = services.space_create(actor=secretariat, name="WG", slug="wg", kind="working_group")
    services.membership_add(actor=secretariat, space=space, user=author)
    thread = services.thread_create(author=author, space=space, title="T", body="B", tlp=TLP.GREEN)
    amber = services.thread_create(author=author, space=space, title="A", body="B", tlp=TLP.AMBER)
    return ar, secretariat, author, space, thread, amber


def _client(role, state, secretariat):
    if role == VISITOR:
        return Client(), None
    user = secretariat if role == Role.SECRETARIAT else make_user(role, state, f"{role}-{state.code}-x")
    client = Client()
    client.force_login(user)
    return client, user


@pytest.mark.parametrize("state_case", ["own", "other"])
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", sorted(EXPECTED))
def test_space_actions(action, role, state_case):
    ar, secretariat, author, space, thread, amber = _setup()
    state = ar if state_case == "own" else make_state("BR")
    client, user = _client(role, state, secretariat)
    allowed = role in EXPECTED[action]
    if action == "create_space":
        if user is None:
            return  # a visitor has no user to act as; the service needs a vetted one
        with contextlib.suppress(PermissionDenied):
            services.space_create(actor=user, name="N", slug="new", kind="other")
        assert Space.objects.filter(slug="new").exists() is allowed
    elif action == "add_member":
        target = make_user(Role.EXPERT, ar, "target")
        client.post("/en/spaces/wg/members/", {"username": "target"})
        assert Membership.objects.filter(space=space, user=target).exists() is allowed
    elif action == "open_new_thread_form":
        status = client.get("/en/spaces/wg/threads/new/").status_code
        assert (status == 200) is allowed
    elif action == "lower_other_authors_label":
        client.post(f"/en/spaces/threads/{amber.pk}/label/", {"tlp": TLP.GREEN})
        assert (Thread.objects.get(pk=amber.pk).tlp == TLP.GREEN) is allowed
    elif action == "raise_green_label":
        client.post(f"/en/spaces/threads/{thread.pk}/label/", {"tlp": TLP.AMBER})
        assert (Thread.objects.get(pk=thread.pk).tlp == TLP.AMBER) is allowed
    elif action == "open_spaces_list":
        assert (client.get("/en/spaces/").status_code == 200) is allowed
