"""The demo command can run on every start without duplicating anything.

The demo is loaded once per test session (`demo_instance`, in the root conftest); the idempotence tests
run the commands once more on top of it.
"""

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


def test_the_demo_twice_leaves_the_same_counts(demo_instance):
    first = _counts()

    call_command("load_reference_data")
    call_command("load_demo")

    assert _counts() == first
    assert first["State"] == 35
    assert first["Page"] == 1 + 4  # Wagtail's root and the home page in four languages


def test_the_demo_has_one_account_per_role_and_the_home_page_in_each_language(demo_instance):
    vetted = User.objects.exclude(vetting_status="pending")  # the demo's registration waiting for focal.co
    assert set(vetted.values_list("role", flat=True)) == {"secretariat", "focal_point", "expert"}
    assert User.objects.get(username="applicant.co").vetting_status == "pending"
    client = Client()
    assert "Portal de cooperación" in client.get("/es/").content.decode()
    assert "Portail de coopération" in client.get("/fr/").content.decode()
    assert client.login(username="secretariat", password="cyberportal-demo")
    assert client.get("/admin/").status_code == 200


def test_demo_accounts_are_printed(demo_instance, capsys):
    call_command("demo_accounts")

    out = capsys.readouterr().out
    assert "secretariat" in out and "focal.co" in out and "expert.ar" in out


def test_the_demo_spaces_have_every_tlp_level_and_the_applicant_waits_for_focal_co(demo_instance):
    from cyberportal.accounts.selectors import vetting_queue
    from cyberportal.spaces.models import Document, Space, Thread

    call_command("load_demo")  # idempotent
    assert Space.objects.filter(is_example=True).count() == 3
    assert set(Thread.objects.values_list("tlp", flat=True)) == {
        "clear",
        "green",
        "amber",
        "amber_strict",
        "red",
    }
    assert Document.objects.filter(is_example=True).count() == 3
    focal = User.objects.get(username="focal.co")
    assert [u.username for u in vetting_queue(focal)] == ["applicant.co"]
    assert focal.authenticator_set.filter(type="totp").exists()


def test_the_demo_shows_the_moderation_flow_with_one_change_submitted_and_one_returned(demo_instance):
    from wagtail.models import WorkflowState

    from cyberportal.core.moderation import returned_comments
    from cyberportal.demo.moderation import RETURN_COMMENT

    focal = User.objects.get(username="focal.co")
    states = WorkflowState.objects.filter(requested_by=focal)

    assert states.filter(status=WorkflowState.STATUS_IN_PROGRESS).count() == 1
    assert states.filter(status=WorkflowState.STATUS_NEEDS_CHANGES).count() == 1
    assert all(state.content_object.is_example for state in states)
    [returned] = returned_comments(focal)
    assert returned["comment"] == RETURN_COMMENT and returned["record"].live  # the published one stays


def test_the_demo_api_token_reads_as_expert_ar_and_is_made_once(demo_instance):
    from cyberportal.api.models import ApiToken
    from cyberportal.demo.opendata import DEMO_API_TOKEN, opendata_load

    opendata_load()
    assert ApiToken.objects.filter(user__username="expert.ar").count() == 1
    response = Client().get("/api/v1/states/", HTTP_AUTHORIZATION=f"Bearer {DEMO_API_TOKEN}")
    assert response.status_code == 200


def test_the_demo_has_example_update_campaigns_with_answers(demo_instance):
    from cyberportal.campaigns.models import Answer, UpdateCampaign

    campaigns = {c.subject: c for c in UpdateCampaign.objects.filter(is_example=True)}

    assert set(campaigns) == {"statistics", "treaty_status"}
    statistics = campaigns["statistics"].states
    assert statistics.filter(answer=Answer.SUBMITTED).count() >= 10  # the demo's 2025 returns
    assert statistics.filter(answer="").exists()
    treaties = campaigns["treaty_status"].states.get(state__code="CO")
    assert treaties.answer == Answer.UP_TO_DATE
    call_command("load_demo")
    assert UpdateCampaign.objects.count() == 2
