"""The demo's pages for citizens and national links: a published guide for every state, links for
several states, all labelled as examples, and loaded twice without duplicates."""

import pytest
from django.core.management import call_command
from django.test import Client

from cyberportal.citizens.models import ReportingGuide
from cyberportal.links.models import LinkCheck, NationalLink
from cyberportal.states.models import State

pytestmark = pytest.mark.django_db


def test_every_state_has_an_example_guide_and_the_demo_loads_twice(demo_instance):
    counts = (ReportingGuide.objects.count(), NationalLink.objects.count())
    call_command("load_demo")

    assert (ReportingGuide.objects.count(), NationalLink.objects.count()) == counts
    assert counts[0] == State.objects.count() == 35
    assert not ReportingGuide.objects.filter(is_example=False).exists()
    assert not ReportingGuide.objects.filter(live=False).exists()
    assert not NationalLink.objects.filter(is_example=False).exists()
    assert NationalLink.objects.values("state").distinct().count() >= 6
    assert LinkCheck.objects.filter(outcome="dead").count() == 1


def test_the_demo_pages_read_in_the_readers_language(demo_instance):
    client = Client()
    argentina = client.get("/es/report-cybercrime/ar/").content.decode()
    jamaica = client.get("/en/report-cybercrime/jm/").content.decode()
    regional = client.get("/fr/report-cybercrime/").content.decode()

    assert "UFECI" in argentina and "badge-example" in argentina and 'href="tel:911"' in argentina
    assert "ciberdelito.example.gob.ar" not in argentina  # the dead link is not offered to citizens
    assert 'href="tel:+18765550100"' in jamaica
    assert "Argentine" in regional and "pas encore fournie" not in regional
