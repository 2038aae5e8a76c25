"""Sending an issue through the task worker: each subscriber in their language, with RFC 8058 headers, in
batches, never twice."""

from __future__ import annotations

import html as html_lib
from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from cyberportal.bulletin import services
from cyberportal.bulletin.models import Delivery, SubscriberStatus

from .helpers import make_issue, make_subscriber

pytestmark = pytest.mark.django_db

SUBJECTS = {
    "en": "Legal Cooperation Bulletin no. 7: Cooperation on electronic evidence",
    "es": "Boletín de Cooperación Jurídica n.º 7: Cooperación sobre pruebas electrónicas",
    "pt": "Boletim de Cooperação Jurídica n.º 7: Cooperação sobre provas eletrônicas",
    "fr": "Bulletin de coopération juridique n° 7 : Coopération sur les preuves électroniques",
}
EDITORIALS = {
    "en": "The network met in Washington.",
    "es": "La red se reunió en Washington.",
    "pt": "A rede reuniu-se em Washington.",
    "fr": "Le réseau s'est réuni à Washington.",
}
UNSUBSCRIBE = {
    "en": "To stop receiving the bulletin, open:",
    "es": "Para dejar de recibir el boletín, abra:",
    "pt": "Para deixar de receber o boletim, abra:",
    "fr": "Pour ne plus recevoir le bulletin, ouvrez :",
}


def _send(issue, capture):
    with capture(execute=True):
        services.issue_send_request(issue=issue)


def test_an_issue_reaches_each_subscriber_in_their_language(django_capture_on_commit_callbacks):
    issue = make_issue(7)
    subscribers = {lang: make_subscriber(f"reader-{lang}@example.org", lang) for lang in SUBJECTS}

    _send(issue, django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 4
    by_address = {message.to[0]: message for message in mail.outbox}
    for language, subscriber in subscribers.items():
        message = by_address[subscriber.email]
        assert message.subject == SUBJECTS[language]
        assert EDITORIALS[language] in message.body
        assert UNSUBSCRIBE[language] in message.body
        html, mimetype = message.alternatives[0]
        assert (
            mimetype == "text/html"
            and f'lang="{language}"' in html
            and html_lib.escape(EDITORIALS[language]) in html
        )
        unsubscribe = f"/{language}/bulletin/unsubscribe/{subscriber.token}/"
        assert message.extra_headers["List-Unsubscribe"].endswith(f"{unsubscribe}>")
        assert message.extra_headers["List-Unsubscribe"].startswith("<http")
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert "Workshop on the Second Additional Protocol" in message.body


def test_only_confirmed_subscribers_receive_it(django_capture_on_commit_callbacks):
    issue = make_issue(1)
    make_subscriber("yes@example.org")
    for status in (SubscriberStatus.PENDING, SubscriberStatus.UNSUBSCRIBED, SubscriberStatus.BOUNCING):
        make_subscriber(f"{status}@example.org", status=status)

    _send(issue, django_capture_on_commit_callbacks)

    assert [m.to for m in mail.outbox] == [["yes@example.org"]]


def test_batches_follow_each_other_and_a_rerun_sends_nothing_twice(
    settings, django_capture_on_commit_callbacks
):
    settings.BULLETIN_BATCH_SIZE = 2
    issue = make_issue(1)
    for n in range(5):
        make_subscriber(f"r{n}@example.org")

    sent, more = services.issue_batch_send(issue_id=issue.pk)
    assert (sent, more, len(mail.outbox)) == (2, True, 2)  # one batch only

    _send(issue, django_capture_on_commit_callbacks)  # the worker chains the remaining batches
    assert sorted(m.to[0] for m in mail.outbox) == [f"r{n}@example.org" for n in range(5)]

    _send(issue, django_capture_on_commit_callbacks)  # the task runs again: nobody gets it twice
    assert len(mail.outbox) == 5 and Delivery.objects.filter(issue=issue).count() == 5

    newcomer = make_subscriber("late@example.org")
    _send(issue, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 6 and mail.outbox[-1].to == [newcomer.email]


def test_a_failed_message_is_retried_by_the_next_run(monkeypatch):
    issue = make_issue(1)
    make_subscriber("a@example.org")

    def refuse(self, fail_silently=False):
        raise OSError("connection refused")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
    assert services.issue_batch_send(issue_id=issue.pk) == (0, False)
    assert not Delivery.objects.exists()

    monkeypatch.undo()
    assert services.issue_batch_send(issue_id=issue.pk) == (1, False)


def test_a_draft_issue_cannot_be_sent():
    issue = make_issue(1, live=False)
    make_subscriber("a@example.org")

    with pytest.raises(ValidationError):
        services.issue_send_request(issue=issue)
    assert services.issue_batch_send(issue_id=issue.pk) == (0, False)
    assert mail.outbox == []


def test_the_send_command_queues_and_refuses_unknown_issues(django_capture_on_commit_callbacks):
    from django.core.management import CommandError, call_command

    make_issue(4)
    make_subscriber("a@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("bulletin_send", "4", stdout=StringIO())
    assert len(mail.outbox) == 1
    with pytest.raises(CommandError, match="no issue number 5"):
        call_command("bulletin_send", "5")
