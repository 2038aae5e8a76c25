"""A focal point proposes changes to their state's profile (24/7 network, languages, time zones, national
strategy); the Secretariat's approval writes them into the state, and nothing changes before it."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import WorkflowState

from cyberportal.accounts.services import moderation_workflow_ensure
from cyberportal.core import moderation
from cyberportal.core.roles import Role
from cyberportal.states.models import State, StateProfileProposal
from cyberportal.testing import make_state, make_user

pytestmark = pytest.mark.django_db

ADD = "wagtailsnippets_states_stateprofileproposal:add"
SOURCE = "https://www.oas.org/en/sla/dlc/cyber-en/redes-247.asp"


@pytest.fixture
def people():
    co = make_state("CO")
    State.objects.filter(pk=co.pk).update(network_247_member=False, official_languages=["es"])
    focal = make_user(Role.FOCAL_POINT, co, username="focal.co")
    secretariat = make_user(Role.SECRETARIAT, None, username="secretariat")
    return {"co": co, "focal": focal, "secretariat": secretariat, "workflow": moderation_workflow_ensure()}


def _propose(client, people, **fields):
    data = {
        "state": people["co"].pk,
        "network_247": "member",
        "network_247_since": "2024-05-02",
        "official_languages": ["es", "en"],
        "strategy_title": "Estrategia Nacional de Ciberseguridad",
        "strategy_year": "2025",
        "source_url": SOURCE,
        "note": "Colombia se unió a la red 24/7 en mayo de 2024.",
        "action-submit": "1",
    }
    data.update(fields)
    client.force_login(people["focal"])
    return client.post(reverse(ADD), data)


def test_profile_proposals_go_through_the_one_workflow(people):
    assert StateProfileProposal in moderation.moderated_models()
    assert StateProfileProposal.get_default_workflow() == people["workflow"]


def test_a_profile_proposal_reaches_the_state_only_when_approved(people, client):
    response = _propose(client, people)

    assert response.status_code == 302, response.content.decode()[:2000]
    proposal = StateProfileProposal.objects.get()
    assert not proposal.live
    assert proposal.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    co = State.objects.get(pk=people["co"].pk)
    assert not co.network_247_member and co.official_languages == ["es"] and not co.strategies.exists()
    page = client.get(co.get_absolute_url()).content.decode()
    assert "Estrategia Nacional de Ciberseguridad" not in page

    task_state = proposal.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, user=people["secretariat"], action_name="approve")

    co.refresh_from_db()
    assert co.network_247_member and co.network_247_since == datetime.date(2024, 5, 2)
    assert co.network_247_source == SOURCE
    assert co.official_languages == ["es", "en"]
    assert co.time_zones == State.objects.get(pk=co.pk).time_zones  # left empty: kept
    strategy = co.strategies.get()
    assert (strategy.title, strategy.year) == ("Estrategia Nacional de Ciberseguridad", 2025)
    proposal.refresh_from_db()
    assert proposal.live and proposal.applied_at is not None
    # Audited: the state's history has the change, under the proposer.
    revision = co.latest_revision
    assert revision is not None and revision.user == people["focal"]
    page = client.get(co.get_absolute_url()).content.decode()
    assert "Estrategia Nacional de Ciberseguridad" in page


def test_a_profile_proposal_without_source_and_note_is_refused_with_the_fields_named(people, client):
    response = _propose(client, people, source_url="", note="")

    assert response.status_code == 200
    form = response.context["form"]
    assert "source_url" in form.errors and "note" in form.errors
    assert not StateProfileProposal.objects.exists()


def test_a_profile_proposal_that_changes_nothing_is_refused(people, client):
    response = _propose(
        client,
        people,
        network_247="",
        network_247_since="",
        official_languages=[],
        strategy_title="",
        strategy_year="",
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not StateProfileProposal.objects.exists()


def test_another_states_focal_point_cannot_propose_for_or_see_colombias_proposals(people, client):
    _propose(Client(), people)  # another browser: its "submitted" message stays there
    proposal = StateProfileProposal.objects.get()
    client.force_login(make_user(Role.FOCAL_POINT, make_state("AR"), username="focal.ar"))

    listing = client.get(reverse("wagtailsnippets_states_stateprofileproposal:list"))
    edit = client.get(reverse("wagtailsnippets_states_stateprofileproposal:edit", args=[proposal.pk]))
    response = client.post(
        reverse(ADD),
        {"state": people["co"].pk, "network_247": "member", "source_url": SOURCE, "note": "x"},
    )

    assert listing.status_code == 200 and "Colombia se unió" not in listing.content.decode()
    assert edit.status_code in (302, 403, 404)
    assert response.status_code == 200
    assert StateProfileProposal.objects.count() == 1
