"""The demo's bulletin: two example issues of 2026, built from the demo's own changes, loaded once."""

import pytest
from django.core.management import call_command

from cyberportal.bulletin.models import Contribution, Issue, IssueItem, Subscriber

pytestmark = pytest.mark.django_db


def test_the_demo_has_two_example_issues_of_2026_and_loading_again_adds_nothing(demo_instance, client):
    issues = list(Issue.objects.filter(live=True).order_by("number"))
    assert [(i.number, i.is_example, i.first_published_at.year) for i in issues] == [
        (1, True, 2026),
        (2, True, 2026),
    ]
    assert all(i.items.filter(kind="change").exists() for i in issues)
    assert all(i.items.filter(kind="contribution").exists() for i in issues)
    counts = (
        Issue.objects.count(),
        IssueItem.objects.count(),
        Contribution.objects.count(),
        Subscriber.objects.count(),
    )

    call_command("load_demo")

    assert (
        Issue.objects.count(),
        IssueItem.objects.count(),
        Contribution.objects.count(),
        Subscriber.objects.count(),
    ) == counts
    for language in ("en", "es", "pt", "fr"):
        page = client.get(f"/{language}/bulletin/")
        assert page.status_code == 200 and b"badge-example" in page.content
        assert client.get(f"/{language}/bulletin/2/").status_code == 200
