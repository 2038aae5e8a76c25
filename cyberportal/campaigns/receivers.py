"""Looking for campaign answers when a state submits something: a save of a model a subject names
(core.campaigns: a workflow state, a statistics return) asks `services.answers_collect` once the
transaction commits. The receiver decides nothing; the service does."""

from __future__ import annotations

from django.db import transaction


class _Collect:
    """One look per transaction, for every subject a save in it may answer."""

    def __init__(self):
        self.subjects: set[str] = set()
        self.done = False  # ran: a later save queues a new look

    def __call__(self):
        self.done = True
        from . import services
        from .models import UpdateCampaign

        open_campaigns = UpdateCampaign.objects.filter(
            subject__in=self.subjects, states__answer=""
        ).distinct()
        services.answers_collect(campaigns=open_campaigns)


def answers_look_on_save(sender, **kwargs) -> None:
    from cyberportal.core.campaigns import subjects_answered_by

    if kwargs.get("raw"):
        return
    subjects = subjects_answered_by(sender._meta.label_lower)
    if not subjects:
        return
    connection = transaction.get_connection()
    pending = next(
        (e[1] for e in connection.run_on_commit if isinstance(e[1], _Collect) and not e[1].done), None
    )
    if pending is None:
        pending = _Collect()
        transaction.on_commit(pending)
    pending.subjects.update(subjects)
