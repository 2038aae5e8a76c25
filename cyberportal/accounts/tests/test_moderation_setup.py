"""The moderation workflow exists on a production instance only if something creates it: this command."""

import pytest
from django.core.management import call_command
from wagtail.models import Workflow, WorkflowContentType

from cyberportal.core.moderation import WORKFLOW_NAME, moderated_models

pytestmark = pytest.mark.django_db


def test_moderation_setup_creates_the_workflow_for_every_moderated_model_and_can_run_again(capsys):
    call_command("moderation_setup")
    call_command("moderation_setup")

    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    assigned = {
        wct.content_type.model_class() for wct in WorkflowContentType.objects.filter(workflow=workflow)
    }
    assert set(moderated_models()) <= assigned and moderated_models()
    assert workflow.tasks.count() == 1
    assert WORKFLOW_NAME in capsys.readouterr().out
