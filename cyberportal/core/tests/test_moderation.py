"""One moderation flow for every change a focal point makes (core.moderation): draft, submitted, published
or returned with a comment, each step e-mailed to the other side in the recipient's own language."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import WorkflowState

from cyberportal.accounts.services import moderation_workflow_ensure
from cyberportal.core import moderation
from cyberportal.core.roles import Role
from cyberportal.directory.models import Contact
from cyberportal.directory.tests.helpers import make_authority, make_contact
from cyberportal.laws.tests.helpers import make_budapest
from cyberportal.states.models import TreatyStatus, TreatyStatusProposal
from cyberportal.testing import make_state, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    co = make_state("CO")
    focal = make_user(Role.FOCAL_POINT, co, username="focal.co")
    focal.preferred_language = "es"
    focal.save()
    secretariat = make_user(Role.SECRETARIAT, None, username="secretariat")
    secretariat.preferred_language = "fr"
    secretariat.save()
    workflow = moderation_workflow_ensure()
    return {"co": co, "focal": focal, "secretariat": secretariat, "workflow": workflow}


def _submit_contact_change(people, name="Mesa 24/7 (nuevo nombre)"):
    contact = make_contact(make_authority(people["co"]), "Mesa 24/7")
    draft = Contact.objects.get(pk=contact.pk)
    draft.name = name
    draft.save_revision(user=people["focal"])
    people["workflow"].start(draft, people["focal"])
    return contact


def test_every_focal_point_record_goes_through_the_one_workflow(people):
    models = {m.__name__ for m in moderation.moderated_models()}

    assert {"Law", "Authority", "Contact", "TreatyStatusProposal"} <= models
    for model in moderation.moderated_models():
        assert model.get_default_workflow() == people["workflow"]


def test_a_submitted_contact_change_leaves_the_published_contact_as_it_was(people, client):
    contact = _submit_contact_change(people)

    contact.refresh_from_db()
    assert contact.live and contact.name == "Mesa 24/7"
    assert contact.has_unpublished_changes
    assert contact.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    # The public directory still shows the published name.
    page = client.get(reverse("directory:contact", args=[contact.pk])).content.decode()
    assert "Mesa 24/7" in page and "nuevo nombre" not in page


def test_submission_reaches_the_secretariat_in_its_own_language(people):
    mail.outbox.clear()

    _submit_contact_change(people)

    to_secretariat = [m for m in mail.outbox if m.to == [people["secretariat"].email]]
    assert to_secretariat, [m.to for m in mail.outbox]
    subject = to_secretariat[0].subject
    assert "a été soumis" in subject  # French, although the focal point works in Spanish
    assert "Approbation du Secrétariat" in subject  # the task's name, translated too


def test_the_secretariat_returns_a_change_with_a_comment_the_focal_point_reads_in_spanish(people, client):
    contact = _submit_contact_change(people)
    task_state = contact.current_workflow_state.current_task_state
    client.force_login(people["secretariat"])
    client.get("/fr/")  # the Secretariat works in French
    mail.outbox.clear()

    response = client.post(
        reverse(
            "wagtailsnippets_directory_contact:workflow_action",
            args=[contact.pk, "reject", task_state.pk],
        ),
        {"comment": "Falta el número de la línea 24/7."},
        HTTP_ACCEPT_LANGUAGE="fr",
    )

    assert response.status_code in (200, 302)
    contact.refresh_from_db()
    assert contact.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert contact.live and contact.name == "Mesa 24/7"
    to_focal = [m for m in mail.outbox if m.to == [people["focal"].email]]
    assert len(to_focal) == 1
    assert "Falta el número de la línea 24/7." in to_focal[0].body
    assert "contacto" in to_focal[0].subject  # the focal point's language, not the Secretariat's
    # ...and on the focal point's home, with the comment.
    rows = moderation.returned_comments(people["focal"])
    assert [(r["record"].pk, r["comment"]) for r in rows] == [
        (contact.pk, "Falta el número de la línea 24/7.")
    ]


def test_approval_publishes_the_change(people):
    contact = _submit_contact_change(people)
    task_state = contact.current_workflow_state.current_task_state

    task_state.task.specific.on_action(task_state, user=people["secretariat"], action_name="approve")

    contact.refresh_from_db()
    assert contact.name == "Mesa 24/7 (nuevo nombre)" and not contact.has_unpublished_changes


def test_a_treaty_status_proposal_reaches_the_profile_only_when_approved(people, client):
    budapest = make_budapest()
    client.force_login(people["focal"])

    response = client.post(
        reverse("wagtailsnippets_states_treatystatusproposal:add"),
        {
            "state": people["co"].pk,
            "instrument": budapest.pk,
            "status": "acceded",
            "ratified_on": "2020-03-16",
            "source_url": "https://www.coe.int/en/web/conventions/full-list?module=signatures-by-treaty&treatynum=185",
            "note": "",
            "action-submit": "1",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    proposal = TreatyStatusProposal.objects.get()
    assert not proposal.live
    assert proposal.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not TreatyStatus.objects.filter(state=people["co"], instrument=budapest).exists()

    task_state = proposal.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, user=people["secretariat"], action_name="approve")

    status = TreatyStatus.objects.get(state=people["co"], instrument=budapest)
    assert status.status == "acceded" and status.ratified_on == datetime.date(2020, 3, 16)
    assert "treatynum=185" in status.source_url
    proposal.refresh_from_db()
    assert proposal.live and proposal.applied_at is not None


def test_a_proposal_without_its_source_or_date_is_refused_with_the_field_named(people, client):
    budapest = make_budapest()
    client.force_login(people["focal"])

    response = client.post(
        reverse("wagtailsnippets_states_treatystatusproposal:add"),
        {"state": people["co"].pk, "instrument": budapest.pk, "status": "ratified", "action-submit": "1"},
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert "source_url" in form.errors and "ratified_on" in form.errors
    assert not TreatyStatusProposal.objects.exists()


def test_another_states_focal_point_cannot_propose_for_colombia(people, client):
    budapest = make_budapest()
    client.force_login(make_user(Role.FOCAL_POINT, make_state("AR"), username="focal.ar"))

    response = client.post(
        reverse("wagtailsnippets_states_treatystatusproposal:add"),
        {
            "state": people["co"].pk,
            "instrument": budapest.pk,
            "status": "signed",
            "signed_on": "2020-01-01",
            "source_url": "https://example.org/source",
            "action-submit": "1",
        },
    )

    assert response.status_code == 200
    assert not TreatyStatusProposal.objects.exists()


def test_the_submit_button_leads_the_focal_points_form_under_a_translated_name(people, client):
    contact = make_contact(make_authority(people["co"]), "Mesa 24/7")
    client.force_login(people["focal"])

    page = client.get(
        reverse("wagtailsnippets_directory_contact:edit", args=[contact.pk]), HTTP_ACCEPT_LANGUAGE="es"
    ).content.decode()

    footer = page[page.index('<footer class="footer') :]
    more = footer.find('data-w-dropdown-target="toggle"')
    submit = footer.find('name="action-submit"')
    assert submit != -1 and (more == -1 or submit < more), "the submit action is hidden under More actions"
    assert "Enviar a la Secretaría" in footer[:more]


def test_the_focal_points_home_counts_its_tasks_in_constant_queries(people, client):
    authority = make_authority(people["co"])
    client.force_login(people["focal"])

    def home():
        with CaptureQueriesContext(connection) as queries:
            page = client.get(reverse("wagtailadmin_home")).content.decode()
        return page, len(queries)

    _submit_contact_change(people)
    first, count = home()
    for n in range(3):
        draft = make_contact(authority, f"Contacto {n}")
        draft.name += " (cambio)"
        draft.save_revision(user=people["focal"])
    second, more = home()

    assert "Sus tareas" in first  # the admin speaks the focal point's profile language (es)
    assert more == count
    assert "drafts to submit" in second.lower() or "borradores" in second.lower()


def test_the_secretariats_home_shows_what_awaits_review_by_state(people, client):
    _submit_contact_change(people)
    client.force_login(people["secretariat"])

    page = client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    # The profile's language (fr) wins over the browser's: the admin has no language in its address.
    assert "En attente de votre examen, par État" in page
    assert "Colombie" in page
    assert moderation.review_queue(people["secretariat"])[0]["count"] == 1
