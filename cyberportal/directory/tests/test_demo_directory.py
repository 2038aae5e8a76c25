"""The demo directory: every state covered, examples labelled, a true-to-life mix, idempotent."""

import pytest
from django.core.management import call_command

from cyberportal.directory.models import Authority, Contact, FinderRule
from cyberportal.directory.selectors import dashboard_for
from cyberportal.testing import make_user

pytestmark = pytest.mark.django_db


def test_the_demo_directory_covers_every_state_with_a_mix_and_loads_twice(demo_instance):
    counts = (Authority.objects.count(), Contact.objects.count(), FinderRule.objects.count())
    call_command("load_demo")

    assert (Authority.objects.count(), Contact.objects.count(), FinderRule.objects.count()) == counts
    assert Authority.objects.values("state").distinct().count() == 35
    assert not Contact.objects.filter(is_example=False).exists()
    assert set(Contact.objects.values_list("visibility", flat=True)) == {
        "public",
        "experts",
        "state",
        "secretariat",
    }
    board = dashboard_for(make_user("secretariat"))
    assert 0 < board.verified_count < board.contact_count  # some fresh, some overdue or never verified
    assert all(p.number.startswith("+1202555") for c in Contact.objects.all() for p in c.phones.all())
