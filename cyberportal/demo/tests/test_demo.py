"""The demo command can run on every start without duplicating anything."""

import pytest
from django.core.management import call_command
from django.test import Client
from wagtail.models import Page

from cyberportal.accounts.models import User
from cyberportal.states.models import NationalStrategy, SpecialisedUnit, State, TreatyStatus

pytestmark = pytest.mark.django_db


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (State, TreatyStatus, NationalStrategy, SpecialisedUnit, User, Page)
    }


def test_the_demo_twice_leaves_the_same_counts():
    call_command("load_reference_data")
    call_command("load_demo")
    first = _counts()

    call_command("load_reference_data")
    call_command("load_demo")

    assert _counts() == first
    assert first["State"] == 35
    assert first["Page"] == 1 + 4  # Wagtail's root and the home page in four languages


def test_the_demo_has_one_account_per_role_and_the_home_page_in_each_language():
    call_command("load_reference_data")
    call_command("load_demo")

    assert set(User.objects.values_list("role", flat=True)) == {"secretariat", "focal_point", "expert"}
    client = Client()
    assert "Portal de cooperación" in client.get("/es/").content.decode()
    assert "Portail de coopération" in client.get("/fr/").content.decode()
    assert client.login(username="secretariat", password="cyberportal-demo")
    assert client.get("/admin/").status_code == 200


def test_demo_accounts_are_printed(capsys):
    call_command("load_reference_data")
    call_command("load_demo")
    call_command("demo_accounts")

    out = capsys.readouterr().out
    assert "secretariat" in out and "focal.co" in out and "expert.ar" in out
