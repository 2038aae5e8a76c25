"""Issue 11, finding 4: only the author, the space's moderators and the Secretariat change a TLP label
(a moderator only raises it); every change is audited and the author is told, in their language."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client

from cyberportal.audit.models import AuditEntry
from cyberportal.core.roles import Role
from cyberportal.spaces import policy, services
from cyberportal.spaces.models import TLP, MemberRole, Membership, Notification, NotificationKind, Thread
from cyberportal.testing import make_state, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def space_world():
    ar, br = make_state("AR"), make_state("BR")
    people = {
        "secretariat": make_user(Role.SECRETARIAT, None, "sec"),
        "author": make_user(Role.EXPERT, ar, "author"),
        "member": make_user(Role.EXPERT, br, "member"),
        "moderator": make_user(Role.FOCAL_POINT, br, "moderator"),
        "outsider": make_user(Role.EXPERT, br, "outsider"),  # vetted, not a member: may open GREEN items
    }
    space = services.space_create(actor=people["secretariat"], name="WG", slug="wg", kind="working_group")
    for key in ("author", "member", "moderator"):
        services.membership_add(actor=people["secretariat"], space=space, user=people[key])
    services.membership_set_role(
        actor=people["secretariat"], space=space, user=people["moderator"], role=MemberRole.MODERATOR
    )
    thread = services.thread_create(
        author=people["author"],
        space=space,
        title="Green case",
        body="B",
        tlp=TLP.GREEN,
        notify_members=False,
    )
    return space, people, thread


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_a_non_member_who_may_open_an_item_cannot_hide_it_from_the_members(space_world):
    space, people, thread = space_world
    client = _client(people["outsider"])
    page = client.get(f"/en/spaces/threads/{thread.pk}/").content.decode()
    assert f"/en/spaces/threads/{thread.pk}/label/" not in page  # no form for what they may not do
    client.post(f"/en/spaces/threads/{thread.pk}/label/", {"tlp": TLP.AMBER})
    assert Thread.objects.get(pk=thread.pk).tlp == TLP.GREEN
    with pytest.raises(PermissionDenied):
        services.item_set_label(user=people["outsider"], item=thread, tlp=TLP.RED)


@pytest.mark.parametrize(
    ("who", "raise_", "lower"),
    [
        ("outsider", False, False),
        ("member", False, False),
        ("moderator", True, False),
        ("author", True, True),
        ("secretariat", True, True),
    ],
)
def test_who_changes_a_label(space_world, who, raise_, lower):
    space, people, thread = space_world
    user = people[who]
    assert policy.can_change_label(user, thread, TLP.AMBER) is raise_
    Thread.objects.filter(pk=thread.pk).update(tlp=TLP.AMBER)
    thread.refresh_from_db()
    assert policy.can_change_label(user, thread, TLP.GREEN) is lower
    client = _client(user)
    client.post(f"/en/spaces/threads/{thread.pk}/label/", {"tlp": TLP.AMBER_STRICT})
    assert (Thread.objects.get(pk=thread.pk).tlp == TLP.AMBER_STRICT) is raise_


def test_every_change_is_audited_and_the_author_is_told_in_their_language(
    space_world, django_capture_on_commit_callbacks
):
    space, people, thread = space_world
    people["author"].preferred_language = "es"
    people["author"].save(update_fields=["preferred_language"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _client(people["moderator"]).post(f"/en/spaces/threads/{thread.pk}/label/", {"tlp": TLP.AMBER})
    entry = AuditEntry.objects.filter(object_type="spaces.thread", object_id=str(thread.pk)).order_by("-seq")[
        0
    ]
    assert entry.actor == people["moderator"] and entry.changes == {"tlp": [TLP.GREEN, TLP.AMBER]}
    notice = Notification.objects.get(user=people["author"], kind=NotificationKind.LABEL)
    assert notice.thread == thread
    [message] = mail.outbox
    assert message.to == [people["author"].email]
    assert "TLP:AMBER" in message.subject and "Green case" not in message.subject + message.body
    assert "ahora" in message.subject  # Spanish: "Su elemento ahora lleva la etiqueta TLP:AMBER"
    # The author changing their own label is audited, and not told about it.
    thread.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.item_set_label(user=people["author"], item=thread, tlp=TLP.GREEN)
    assert Notification.objects.filter(user=people["author"]).count() == 1
    assert AuditEntry.objects.filter(object_id=str(thread.pk), changes__tlp=[TLP.AMBER, TLP.GREEN]).exists()


def test_only_the_secretariat_names_moderators_and_it_is_audited(space_world):
    space, people, thread = space_world
    client = _client(people["moderator"])
    client.post("/en/spaces/wg/members/role/", {"username": "member", "role": MemberRole.MODERATOR})
    assert Membership.objects.get(space=space, user=people["member"]).role == MemberRole.MEMBER
    client = _client(people["secretariat"])
    assert "Make moderator" in client.get("/en/spaces/wg/").content.decode()
    client.post("/en/spaces/wg/members/role/", {"username": "member", "role": MemberRole.MODERATOR})
    assert Membership.objects.get(space=space, user=people["member"]).role == MemberRole.MODERATOR
    assert AuditEntry.objects.filter(
        action="permission", changes__member="member", changes__role=["member", "moderator"]
    ).exists()
    client.post("/en/spaces/wg/members/role/", {"username": "outsider", "role": MemberRole.MODERATOR})
    assert not Membership.objects.filter(user=people["outsider"]).exists()
