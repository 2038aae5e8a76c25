"""Background work of the bulletin: sending an issue, one batch per task, each batch queueing the next."""

from django_tasks import task

from . import services


@task()
def send_issue_batch(issue_id: int) -> int:
    sent, more = services.issue_batch_send(issue_id=issue_id)
    if more:
        send_issue_batch.enqueue(issue_id)
    return sent
