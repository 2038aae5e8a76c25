"""The recommendations demo step: idempotent, imported through the importer, examples labelled."""

import pytest
from django.core.management import call_command

from cyberportal.demo.recommendations import recommendations_load
from cyberportal.recommendations.models import ImplementationReport, Meeting, Recommendation

pytestmark = pytest.mark.django_db


def _counts():
    return (Meeting.objects.count(), Recommendation.objects.count(), ImplementationReport.objects.count())


def test_the_demo_step_twice_leaves_the_same_counts(client):
    call_command("load_reference_data")
    recommendations_load()
    first = _counts()
    recommendations_load()

    assert _counts() == first
    assert first[:2] == (4, 9 + 13 + 5 + 22)
    units = Recommendation.objects.get(meeting__slug="working-group-ix", number=1)
    assert [r.meeting.year for r in units.lineage()] == [2004, 2007, 2016]
    assert not ImplementationReport.objects.filter(is_example=False).exists()
    page = client.get(units.get_absolute_url()).content.decode()
    assert "badge-example" in page


def test_the_progress_report_says_when_it_counts_examples(client):
    call_command("load_reference_data")
    recommendations_load()

    page = client.get("/en/recommendations/working-group-ix/progress/").content.decode()

    assert "reports marked as examples" in page
