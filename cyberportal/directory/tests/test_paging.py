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
