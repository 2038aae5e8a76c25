"""TLP 2.0 enforced the same way in the policy, lists, pages, search, downloads and notifications."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from cyberportal.accounts import services as account_services
from cyberportal.core.roles import Role
from cyberportal.spaces import policy, selectors, services
from cyberportal.spaces.models import TLP, Document, Notification, Thread
from cyberportal.spaces.tasks import send_daily_digests
from cyberportal.testing import make_state, make_user

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

VIEWERS = [
    "author",
    "member_same",
    "member_other",
    "recipient",
    "nonmember_same",
    "nonmember_other",
    "secretariat",
    "unvetted",
    "visitor",
]
# Written from the TLP 2.0 definitions in the issue, independently of spaces/policy.py.
ALLOWED = {
    TLP.CLEAR: set(VIEWERS),
    TLP.GREEN: set(VIEWERS) - {"unvetted", "visitor"},
    TLP.AMBER: {"author", "member_same", "member_other", "recipient", "secretariat"},
    TLP.AMBER_STRICT: {"author", "member_same"},
    TLP.RED: {"author", "recipient"},
}


def _pdf(name="note.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def world(db):
    ar, br = make_state("AR"), make_state("BR")
    people = {
        "author": make_user(Role.EXPERT, ar, "author"),
        "member_same": make_user(Role.EXPERT, ar, "member.same"),
        "member_other": make_user(Role.FOCAL_POINT, br, "member.other"),
        "recipient": make_user(Role.EXPERT, br, "recipient"),
        "nonmember_same": make_user(Role.EXPERT, ar, "nonmember.same"),
        "nonmember_other": make_user(Role.EXPERT, br, "nonmember.other"),
        "secretariat": make_user(Role.SECRETARIAT, None, "sec"),
        "visitor": AnonymousUser(),
    }
    unvetted = account_services.user_create(username="pending", email="p@gov.example.org", password="x" * 20)
    account_services.registration_submit(
        user=unvetted, first_name="P", last_name="Q", state=ar, institution="I", position="P"
    )
    people["unvetted"] = unvetted
    space = services.space_create(actor=people["secretariat"], name="WG", slug="wg", kind="working_group")
    for key in ("author", "member_same", "member_other", "recipient"):
        services.membership_add(actor=people["secretariat"], space=space, user=people[key])
    return space, people


def _post(world, tlp):
    space, people = world
    recipients = [people["recipient"]] if tlp == TLP.RED else []
    thread = services.thread_create(
        author=people["author"],
        space=space,
        title=f"Case zebra {tlp}",
        body="Operational detail zebra.",
        tlp=tlp,
        recipients=recipients,
        files=[_pdf()],
    )
    return thread


@pytest.mark.parametrize("viewer", VIEWERS)
@pytest.mark.parametrize("tlp", TLP.values)
def test_who_may_open_a_thread_by_policy_list_page_search_and_download(world, tlp, viewer):
    thread = _post(world, tlp)
    user = world[1][viewer]
    allowed = viewer in ALLOWED[tlp]

    assert policy.can_view(user, thread) is allowed
    assert selectors.threads_for(user).filter(pk=thread.pk).exists() is allowed
    client = Client()
    if user.is_authenticated:
        client.force_login(user)
    page = client.get(f"/en/spaces/threads/{thread.pk}/")
    download = client.get(f"/en/spaces/attachments/{thread.attachments.get().pk}/download/")
    refused = 302 if viewer == "visitor" else 404
    assert page.status_code == (200 if allowed else refused)
    assert download.status_code == (200 if allowed else refused)
    if user.is_authenticated and viewer != "unvetted":
        found = client.get("/en/spaces/search/", {"q": "zebra"}).content.decode()
        assert (f"Case zebra {tlp}" in found) is allowed


@pytest.mark.parametrize("tlp", TLP.values)
def test_documents_follow_the_same_rule(world, tlp):
    space, people = world
    document = services.document_create(
        author=people["author"],
        space=space,
        title="Manual",
        category="manual",
        tlp=tlp,
        file=_pdf(),
        recipients=[people["recipient"]] if tlp == TLP.RED else [],
    )
    for viewer in VIEWERS:
        user = people[viewer]
        assert policy.can_view(user, document) is (viewer in ALLOWED[tlp]), viewer
        assert selectors.documents_for(user).filter(pk=document.pk).exists() is (viewer in ALLOWED[tlp]), (
            viewer
        )


@pytest.mark.parametrize("tlp", TLP.values)
def test_notifications_go_only_to_those_who_may_open_and_restricted_text_never_leaves(
    world, tlp, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        thread = _post(world, tlp)
    people = world[1]
    notified = {n.user.username for n in Notification.objects.filter(thread=thread)}
    members = {"member_same", "member_other", "recipient"}
    assert notified == {people[v].username for v in members & ALLOWED[tlp]}
    for message in mail.outbox:
        text = message.subject + message.body
        assert f"/en/spaces/threads/{thread.pk}/" in text
        assert ("zebra" in text) is (tlp in {TLP.CLEAR, TLP.GREEN})


def test_mentions_notify_only_someone_who_may_open(world, django_capture_on_commit_callbacks):
    space, people = world
    with django_capture_on_commit_callbacks(execute=True):
        thread = services.thread_create(
            author=people["author"],
            space=space,
            title="T",
            tlp=TLP.AMBER,
            body="@nonmember.other and @member.same please look.",
        )
    kinds = dict(Notification.objects.filter(thread=thread).values_list("user__username", "kind"))
    assert kinds["member.same"] == "mention" and "nonmember.other" not in kinds


def test_daily_digest_collects_pending_notices_in_one_e_mail(world, django_capture_on_commit_callbacks):
    space, people = world
    services.notification_frequency_set(user=people["member_same"], frequency="daily")
    with django_capture_on_commit_callbacks(execute=True):
        _post(world, TLP.GREEN)
        _post(world, TLP.AMBER)
    mail.outbox.clear()
    send_daily_digests.enqueue()
    digests = [m for m in mail.outbox if m.to == [people["member_same"].email]]
    assert len(digests) == 1
    assert "Case zebra green" in digests[0].body and "Case zebra amber" not in digests[0].body
    assert digests[0].body.count("/en/spaces/threads/") == 2
    mail.outbox.clear()
    send_daily_digests.enqueue()
    assert mail.outbox == []  # nothing is sent twice


def test_raise_by_author_or_secretariat_lower_only_by_them(world):
    space, people = world
    thread = _post(world, TLP.GREEN)
    with pytest.raises(PermissionDenied):  # a member who is neither author nor moderator
        services.item_set_label(user=people["member_other"], item=thread, tlp=TLP.AMBER)
    with pytest.raises(PermissionDenied):
        services.item_set_label(user=people["nonmember_other"], item=thread, tlp=TLP.RED)
    services.item_set_label(user=people["secretariat"], item=thread, tlp=TLP.AMBER)
    services.item_set_label(user=people["secretariat"], item=thread, tlp=TLP.GREEN)
    services.item_set_label(
        user=people["author"], item=thread, tlp=TLP.RED, recipients=[people["member_same"]]
    )
    thread.refresh_from_db()
    assert thread.tlp == TLP.RED and set(thread.recipients.values_list("username", flat=True)) == {
        "author",
        "member.same",
    }
    services.item_set_label(user=people["author"], item=thread, tlp=TLP.CLEAR)
    assert Thread.objects.get(pk=thread.pk).tlp == TLP.CLEAR


def test_label_change_through_the_page(world):
    space, people = world
    thread = _post(world, TLP.AMBER)
    client = Client()
    client.force_login(people["member_other"])
    client.post(f"/en/spaces/threads/{thread.pk}/label/", {"tlp": TLP.AMBER_STRICT})
    assert Thread.objects.get(pk=thread.pk).tlp == TLP.AMBER
    client.force_login(people["author"])
    client.post(f"/en/spaces/threads/{thread.pk}/label/", {"tlp": TLP.AMBER_STRICT})
    assert Thread.objects.get(pk=thread.pk).tlp == TLP.AMBER_STRICT


def test_red_needs_a_named_recipient(world):
    space, people = world
    with pytest.raises(ValidationError, match="named recipient"):
        services.thread_create(author=people["author"], space=space, title="R", body="b", tlp=TLP.RED)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("tool.exe", b"MZ\x90\x00", "files of type “.exe” are not accepted"),
        ("fake.pdf", b"MZ\x90\x00not a pdf", "does not look like a .pdf file"),
        ("empty.txt", b"", "is empty"),
    ],
)
def test_a_disallowed_upload_is_refused_with_a_clear_message_and_nothing_saved(world, name, content, message):
    space, people = world
    client = Client()
    client.force_login(people["author"])
    response = client.post(
        "/en/spaces/wg/threads/new/",
        {
            "title": "With a file",
            "body": "See attached",
            "tlp": TLP.AMBER,
            "files": [SimpleUploadedFile(name, content)],
        },
    )
    body = response.content.decode()
    assert response.status_code == 200 and message in body
    assert name in body or not content  # Django's own "empty file" message names no file
    assert 'value="With a file"' in body  # what the user typed is kept
    assert not Thread.objects.filter(title="With a file").exists()


@override_settings(SPACES_MAX_UPLOAD_MB=1)
def test_an_upload_over_the_size_limit_is_refused(world):
    space, people = world
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * (1024 * 1024 + 1))
    with pytest.raises(ValidationError, match="the limit is 1 MB"):
        services.thread_create(
            author=people["author"], space=space, title="Big", body="b", tlp=TLP.GREEN, files=[big]
        )
    assert not Thread.objects.filter(title="Big").exists()


def test_files_have_no_public_url_and_live_outside_media(world, settings):
    thread = _post(world, TLP.CLEAR)
    attachment = thread.attachments.get()
    with pytest.raises(ValueError):
        attachment.file.url  # noqa: B018
    assert not str(attachment.file.path).startswith(str(settings.MEDIA_ROOT))


def test_only_members_post_and_only_open_spaces_can_be_joined(world):
    space, people = world
    client = Client()
    client.force_login(people["nonmember_same"])
    assert client.get("/en/spaces/wg/threads/new/").status_code == 403
    client.post("/en/spaces/wg/join/")
    assert not policy.is_member(people["nonmember_same"], space)
    with pytest.raises(PermissionDenied):
        services.thread_create(
            author=people["nonmember_same"], space=space, title="x", body="y", tlp=TLP.GREEN
        )
    space.is_open = True
    space.save()
    client.post("/en/spaces/wg/join/")
    assert policy.is_member(people["nonmember_same"], space)


def test_document_versions_are_numbered_and_downloadable_by_members(world):
    space, people = world
    document = services.document_create(
        author=people["author"],
        space=space,
        title="Guide",
        category="manual",
        tlp=TLP.AMBER,
        file=_pdf("v1.pdf"),
    )
    client = Client()
    client.force_login(people["member_other"])
    response = client.post(
        f"/en/spaces/documents/{document.pk}/", {"file": _pdf("v2.pdf"), "note": "Updated"}
    )
    assert response.status_code == 302
    assert list(document.versions.values_list("number", "original_name")) == [(2, "v2.pdf"), (1, "v1.pdf")]
    latest = document.versions.first()
    assert client.get(f"/en/spaces/versions/{latest.pk}/download/").status_code == 200
    outsider = Client()
    outsider.force_login(people["nonmember_other"])
    assert outsider.get(f"/en/spaces/versions/{latest.pk}/download/").status_code == 404


@pytest.mark.parametrize(
    "path", ["/en/spaces/", "/en/spaces/wg/", "/en/spaces/search/?q=x", "/en/spaces/notifications/"]
)
def test_space_pages_need_a_vetted_user(world, path):
    space, people = world
    assert Client().get(path).status_code == 302
    client = Client()
    client.force_login(people["nonmember_other"])
    assert client.get(path).status_code == 200
    if "notifications" not in path:
        pending = Client()
        pending.force_login(people["unvetted"])
        assert pending.get(path).status_code == 403


def test_space_page_queries_do_not_grow_with_rows(world):
    space, people = world
    client = Client()
    client.force_login(people["member_same"])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/en/spaces/wg/").status_code == 200
        return len(queries)

    _post(world, TLP.GREEN)
    services.document_create(
        author=people["author"], space=space, title="D1", category="manual", tlp=TLP.GREEN, file=_pdf()
    )
    before = count()
    for _ in range(3):
        _post(world, TLP.AMBER)
        services.document_create(
            author=people["author"], space=space, title="Dn", category="manual", tlp=TLP.GREEN, file=_pdf()
        )
    assert count() == before
    assert Document.objects.count() == 4


def test_members_reply_with_attachments_and_non_members_cannot(world, django_capture_on_commit_callbacks):
    space, people = world
    thread = _post(world, TLP.GREEN)
    member = Client()
    member.force_login(people["member_other"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = member.post(
            f"/en/spaces/threads/{thread.pk}/", {"body": "Seen, @author.", "files": [_pdf("reply.pdf")]}
        )
    assert response.status_code == 302
    reply = thread.replies.get()
    assert reply.attachments.get().original_name == "reply.pdf"
    assert Notification.objects.filter(thread=thread, user=people["author"], kind="mention").exists()
    assert member.get(f"/en/spaces/attachments/{reply.attachments.get().pk}/download/").status_code == 200
    outsider = Client()
    outsider.force_login(people["nonmember_other"])  # may read a GREEN thread, but not write in the space
    assert outsider.get(f"/en/spaces/threads/{thread.pk}/").status_code == 200
    assert outsider.post(f"/en/spaces/threads/{thread.pk}/", {"body": "Me too"}).status_code == 403
    assert thread.replies.count() == 1


def test_search_is_full_text_and_still_filtered_by_the_label(world, django_capture_on_commit_callbacks):
    space, people = world
    with django_capture_on_commit_callbacks(execute=True):
        amber = services.thread_create(
            author=people["author"],
            space=space,
            title="Preservation of servers",
            body="Logs held by a hosting provider.",
            tlp=TLP.AMBER,
        )
        services.reply_create(
            author=people["member_same"], thread=amber, body="The provider answered quickly."
        )
        services.thread_create(
            author=people["author"], space=space, title="Unrelated", body="Training dates.", tlp=TLP.GREEN
        )

    member, outsider = people["member_same"], people["nonmember_other"]

    # Words of the title, the body or a reply's text find the thread (PostgreSQL also stems them).
    assert [t.pk for t in selectors.spaces_search(member, "servers")[0]] == [amber.pk]
    assert [t.pk for t in selectors.spaces_search(member, "hosting provider")[0]] == [amber.pk]
    assert [t.pk for t in selectors.spaces_search(member, "answered")[0]] == [amber.pk]
    # The same query finds nothing for someone outside the space: AMBER stays with the members.
    assert selectors.spaces_search(outsider, "servers") == ([], [])
