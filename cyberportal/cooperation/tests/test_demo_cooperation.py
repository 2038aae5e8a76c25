"""The demo's cooperation records: sheets for several states, declarations for every Budapest party,
all labelled as examples, published, and loaded twice without duplicates."""

import pytest
from django.core.management import call_command
from django.test import Client

from cyberportal.cooperation.models import Declaration, MeasureSheet
from cyberportal.states.models import TreatyStatus, TreatyStatusValue

pytestmark = pytest.mark.django_db


def test_the_demo_has_sheets_and_declarations_all_labelled_and_loads_twice(demo_instance):
    counts = (MeasureSheet.objects.count(), Declaration.objects.count())
    call_command("load_demo")

    assert (MeasureSheet.objects.count(), Declaration.objects.count()) == counts
    assert MeasureSheet.objects.values("state").distinct().count() >= 5
    assert not MeasureSheet.objects.filter(is_example=False).exists()
    assert not Declaration.objects.filter(is_example=False).exists()
    assert not MeasureSheet.objects.filter(live=False).exists()
    parties = set(
        TreatyStatus.objects.filter(
            instrument__slug="cets-185", status__in=TreatyStatusValue.party_values()
        ).values_list("state_id", flat=True)
    )
    assert parties and set(Declaration.objects.values_list("state_id", flat=True)) == parties


def test_the_demo_pages_show_argentinas_sheets_and_the_regional_view(demo_instance):
    client = Client()
    sheets = client.get("/es/cooperation/ar/").content.decode()
    regional = client.get("/pt/cooperation/?measure=emergency").content.decode()

    assert "Conservación rápida de datos almacenados" in sheets and "badge-example" in sheets
    assert "experts only" not in sheets  # the demo's experts' notes stay with vetted users
    assert "pendiente de verificación" in sheets  # Argentina's demo sheets are overdue
    assert "Argentina" in regional and "Brasil" in regional
