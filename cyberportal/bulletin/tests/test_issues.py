"""Issues in the archive, on their pages and in the Atom feed; composing from the portal's changes and the
states' contributions; who may do what."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.utils import timezone
from lxml import etree

from cyberportal.bulletin import services
from cyberportal.bulletin.models import Contribution, IssueItem, ItemKind
from cyberportal.core import policy
from cyberportal.core.changes import changes_between
from cyberportal.core.moderation import is_moderated
from cyberportal.laws.models import Law
from cyberportal.testing import make_state, make_user

from .helpers import make_issue

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def _law(state, identifier, *, visibility="public", days_ago=2):
    moment = timezone.now() - datetime.timedelta(days=days_ago)
    return Law.objects.create(
        state=state,
        title=f"Ley {identifier}",
        identifier=identifier,
        frbr_uri=f"/akn/{state.code.lower()}/act/{abs(hash(identifier)) % 10**6}",
        visibility=visibility,
        live=True,
        first_published_at=moment,
        last_published_at=moment,
    )


def test_the_feed_is_valid_atom_with_published_issues_only(client):
    make_issue(1)
    make_issue(2)
    make_issue(3, live=False, title="Draft in progress")

    response = client.get("/es/bulletin/feed/")

    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    feed = etree.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{required}") is not None and feed.find(f"{ATOM}{required}").text
    assert feed.find(f"{ATOM}link[@rel='self']") is not None
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 2
    ids = set()
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{required}").text
        assert entry.find(f"{ATOM}link[@rel='alternate']").get("href").startswith("http")
        ids.add(entry.find(f"{ATOM}id").text)
    assert len(ids) == 2
    assert "Cooperación sobre pruebas electrónicas" in entries[0].find(f"{ATOM}title").text
    assert b"Draft in progress" not in response.content


def test_archive_and_issue_pages_show_published_issues_in_the_readers_language(client):
    make_issue(1)
    make_issue(2, live=False, title="Not yet")

    archive = client.get("/pt/bulletin/")
    assert archive.status_code == 200
    assert "Cooperação sobre provas eletrônicas" in archive.content.decode()
    assert "Not yet" not in archive.content.decode()

    page = client.get("/fr/bulletin/1/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Le réseau s&#x27;est réuni à Washington." in body or "Le réseau s'est réuni" in body
    assert "Workshop on the Second Additional Protocol" in body
    assert client.get("/en/bulletin/2/").status_code == 404


def test_the_secretariat_previews_a_draft_that_others_cannot_see(client):
    make_issue(2, live=False, title="Not yet")
    for role in ("expert", "focal_point"):
        client.force_login(make_user(role, make_state("AR"), username=role))
        assert client.get("/en/bulletin/2/").status_code == 404
    client.force_login(make_user("secretariat", None, username="sec"))
    assert client.get("/en/bulletin/2/").status_code == 200


def test_change_sources_report_only_what_a_visitor_may_see():
    colombia = make_state("CO")
    public = _law(colombia, "Ley 1273 de 2009")
    _law(colombia, "Decreto reservado", visibility="experts")
    _law(colombia, "Ley antigua", days_ago=400)

    since = timezone.now() - datetime.timedelta(days=30)
    keys = {c.key for c in changes_between(since, timezone.now()) if c.source == "laws"}

    assert keys == {f"law:{public.pk}:{public.last_published_at:%Y%m%d%H%M%S}"}


def test_the_secretariat_picks_changes_and_contributions_into_an_issue(client):
    colombia = make_state("CO")
    law = _law(colombia, "Ley 1273 de 2009")
    secret = _law(colombia, "Decreto reservado", visibility="secretariat")
    contribution = Contribution.objects.create(
        state=colombia, title="New 24/7 point of contact", body="The unit moved.", live=True
    )
    Contribution.objects.create(state=colombia, title="Draft news", body="Not approved.", live=False)
    issue = make_issue(5, live=False, covers_from=timezone.now() - datetime.timedelta(days=30))
    client.force_login(make_user("secretariat", None, username="sec"))

    page = client.get("/en/bulletin/compose/?issue=5").content.decode()
    assert "Ley 1273 de 2009" in page and "New 24/7 point of contact" in page
    assert "Decreto reservado" not in page and "Draft news" not in page

    change_key = services.candidate_changes(issue)[0].key
    response = client.post(
        "/en/bulletin/compose/", {"issue": "5", "change": [change_key], "contribution": [contribution.pk]}
    )
    assert response.status_code == 302
    items = list(IssueItem.objects.filter(issue=issue).exclude(kind=ItemKind.NOTE).order_by("sort_order"))
    assert [(i.kind, i.source) for i in items] == [("change", "laws"), ("contribution", "contributions")]
    assert items[0].url == law.get_absolute_url()
    assert items[0].language == "es"  # the law's own language, marked on the page
    assert '<li lang="es">' in client.get("/en/bulletin/5/").content.decode()
    assert services.candidate_changes(issue) == []  # picked once
    assert list(services.candidate_contributions(issue)) == []

    # A change that is not offered (restricted, or made up) cannot be slipped in by a forged form.
    client.post("/en/bulletin/compose/", {"issue": "5", "change": [f"law:{secret.pk}:x"]})
    assert IssueItem.objects.filter(issue=issue).count() == 3

    # The picked items are in the latest revision, so publishing it from the admin keeps them.
    issue.refresh_from_db()
    issue.latest_revision.publish()
    assert IssueItem.objects.filter(issue=issue).count() == 3


def test_a_published_issue_takes_no_more_items():
    colombia = make_state("CO")
    _law(colombia, "Ley 1273 de 2009")
    issue = make_issue(6, covers_from=timezone.now() - datetime.timedelta(days=30))

    with pytest.raises(ValidationError, match="is published"):
        services.issue_items_add(issue=issue, change_keys=[], contribution_ids=[])


def test_treaty_events_come_with_their_dates():
    from cyberportal.states.models import Instrument, TreatyStatus

    instrument = Instrument.objects.create(
        short_name="CETS 185", title="Budapest Convention", slug="cets-185"
    )
    TreatyStatus.objects.create(
        state=make_state("CL"),
        instrument=instrument,
        status="ratified",
        ratified_on=timezone.localdate() - datetime.timedelta(days=3),
        signed_on=datetime.date(2016, 11, 22),
    )

    found = [
        c
        for c in changes_between(timezone.now() - datetime.timedelta(days=10), timezone.now())
        if c.source == "treaties"
    ]

    assert len(found) == 1 and found[0].title.startswith("CL · ") and "ratified" in found[0].title


def test_contributions_are_moderated_and_scoped_to_the_focal_points_state():
    argentina, brazil = make_state("AR"), make_state("BR")
    own = Contribution(state=argentina, title="News", body="Text")
    other = Contribution(state=brazil, title="News", body="Text")
    focal = make_user("focal_point", argentina, username="fp")

    assert is_moderated(Contribution)
    assert policy.can_edit(focal, own) and not policy.can_edit(focal, other)
    assert not policy.can_publish(focal, own)
    assert policy.can_contribute_to_bulletin(focal) and not policy.can_compose_bulletin(focal)
    assert not policy.can_contribute_to_bulletin(AnonymousUser())


def test_a_visitor_cannot_send_or_compose(client):
    issue = make_issue(1)
    response = client.post("/en/bulletin/compose/", {"issue": "1", "action": "send"})
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(make_user("focal_point", make_state("AR"), username="fp"))
    assert client.post("/en/bulletin/compose/", {"issue": "1", "action": "send"}).status_code == 403
    issue.refresh_from_db()
    assert issue.send_requested_at is None


def test_the_admin_form_offers_a_focal_point_only_their_own_state():
    from wagtail.admin.panels import get_edit_handler

    argentina, brazil = make_state("AR"), make_state("BR")
    focal = make_user("focal_point", argentina, username="fp")
    form_class = get_edit_handler(Contribution).get_form_class()

    form = form_class(
        data={"state": brazil.pk, "language": "es", "title": "Forged", "body": "Text"},
        instance=Contribution(),
        for_user=focal,
    )

    assert list(form.fields["state"].queryset) == [argentina]
    assert not form.is_valid() and "state" in form.errors
