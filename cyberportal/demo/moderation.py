"""Demo of the moderation flow (core.moderation): one change of Colombia's focal point submitted and
waiting for the Secretariat, one returned with a comment. Both are examples and say so."""

from __future__ import annotations

import datetime

from django.db import transaction

from cyberportal.accounts.models import User
from cyberportal.accounts.services import moderation_workflow_ensure
from cyberportal.directory.models import Contact
from cyberportal.states.models import Instrument, State, TreatyStatusProposal

PROPOSAL_NOTE = "Example: a proposal waiting for the Secretariat's review (not a real fact)."
RETURNED_TITLE = "Head of international cooperation (example, edited by the focal point)"
RETURN_COMMENT = (
    "Example comment: please add the direct line of the new head of unit before we publish this change."
)


@transaction.atomic
def moderation_load() -> None:
    """Idempotent: a record already in the flow is left where it is."""
    workflow = moderation_workflow_ensure()
    focal = User.objects.filter(username="focal.co").first()
    secretariat = User.objects.filter(username="secretariat").first()
    colombia = State.objects.filter(code="CO").first()
    protocol = Instrument.objects.filter(slug="cets-224").first() or Instrument.objects.first()
    if not (focal and secretariat and colombia and protocol):
        return

    # Submitted, waiting: a treaty-status proposal with its source.
    proposal = TreatyStatusProposal.objects.filter(state=colombia, note=PROPOSAL_NOTE).first()
    if proposal is None:
        proposal = TreatyStatusProposal(
            state=colombia,
            instrument=protocol,
            status="signed",
            signed_on=datetime.date(2026, 5, 12),
            source_url="https://www.coe.int/en/web/conventions/full-list?module=signatures-by-treaty&treatynum=224",
            note=PROPOSAL_NOTE,
            is_example=True,
            live=False,
        )
        proposal.full_clean()
        proposal.save()
        proposal.save_revision(user=focal)
        workflow.start(proposal, focal)

    # Returned with a comment: an edit of an example contact the Secretariat sent back.
    contact = (
        Contact.objects.filter(authority__state=colombia, is_example=True, name__startswith="Alex Example")
        .order_by("pk")
        .first()
    )
    if contact is None or contact.workflow_states.exists():
        return
    draft = Contact.objects.get(pk=contact.pk)
    draft.title = RETURNED_TITLE
    draft.save_revision(user=focal)
    state = workflow.start(draft, focal)
    task_state = state.current_task_state
    task_state.task.specific.on_action(
        task_state, user=secretariat, action_name="reject", comment=RETURN_COMMENT
    )
