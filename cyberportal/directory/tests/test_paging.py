"""The directory lists contacts a page at a time, and its links keep the reader's filters."""

from __future__ import annotations

import pytest

from cyberportal.directory.synthetic import directory_create
from cyberportal.directory.views import DIRECTORY_PAGE_SIZE
from cyberportal.testing import make_state, make_user

from .helpers import client_for

pytestmark = pytest.mark.django_db


def test_the_directory_is_paged_and_its_links_keep_the_filters():
    argentina, brazil = make_state("AR"), make_state("BR")
    directory_create(contacts=2 * DIRECTORY_PAGE_SIZE + 30, states=[argentina, brazil], seed=1)
    client = client_for(make_user("secretariat"))

    first = client.get("/en/directory/?state=AR")
    assert len(first.context["contacts"]) == DIRECTORY_PAGE_SIZE
    assert first.context["page"].paginator.count == DIRECTORY_PAGE_SIZE + 15
    html = first.content.decode()
    assert 'href="?state=AR&amp;page=2"' in html
    assert "export.csv?state=AR" in html  # the download is of the filtered list, not everything

    second = client.get("/en/directory/?state=AR&page=2")
    assert len(second.context["contacts"]) == 15
    assert {c.authority.state.code for c in second.context["contacts"]} == {"AR"}
    seen = {c.pk for c in first.context["contacts"]} | {c.pk for c in second.context["contacts"]}
    assert len(seen) == DIRECTORY_PAGE_SIZE + 15


def test_the_dashboard_counts_every_contact_and_lists_the_overdue_a_page_at_a_time():
    from django.utils import timezone

    from cyberportal.directory.models import Contact, ContactEmail
    from cyberportal.directory.selectors import DASHBOARD_LIST_SIZE

    argentina, brazil = make_state("AR"), make_state("BR")
    directory_create(contacts=3 * DASHBOARD_LIST_SIZE, states=[argentina, brazil], seed=2)
    ContactEmail.objects.filter(pk__in=ContactEmail.objects.values("pk")[:3]).update(
        bounced_at=timezone.now()
    )
    today = timezone.localdate()
    contacts = list(Contact.objects.prefetch_related("roles", "emails"))
    overdue = [c for c in contacts if c.is_stale(today)]
    assert len(overdue) > DASHBOARD_LIST_SIZE  # the synthetic mix: enough to need a second page
    client = client_for(make_user("secretariat"))

    first = client.get("/en/directory/dashboard/")
    board = first.context["board"]
    assert board.contact_count == len(contacts)
    assert board.verified_count == len(contacts) - len(overdue)
    # Each row counts a contact under each of its roles, with its bounced addresses.
    for row in board.rows:
        members = [
            c for c in contacts if c.authority.state_id == row.state.pk and row.role in (c.role_codes or [""])
        ]
        assert (row.total, row.overdue) == (len(members), len([c for c in members if c.is_stale(today)]))
        assert row.bounced == sum(1 for c in members for e in c.emails.all() if e.bounced_at)
    assert sum(r.bounced for r in board.rows) >= 3
    assert len(board.overdue_contacts) == DASHBOARD_LIST_SIZE
    assert board.overdue_contacts.paginator.count == len(overdue)
    assert len(board.bounced_addresses) == 3
    assert 'href="?bounced=1&amp;page=2"' in first.content.decode()

    last = client.get(f"/en/directory/dashboard/?page={board.overdue_contacts.paginator.num_pages}")
    listed = {c.pk for c in last.context["board"].overdue_contacts}
    assert listed and listed <= {c.pk for c in overdue}
