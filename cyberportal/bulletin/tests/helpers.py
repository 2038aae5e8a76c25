"""Builders for the bulletin's tests: issues, published or not, and confirmed subscribers."""

from __future__ import annotations

import datetime

from django.utils import timezone

from cyberportal.bulletin.models import Issue, IssueItem, ItemKind, Subscriber, SubscriberStatus


def make_issue(number=1, *, live=True, **fields):
    defaults = {
        "title": "Cooperation on electronic evidence",
        "title_es": "Cooperación sobre pruebas electrónicas",
        "title_pt": "Cooperação sobre provas eletrônicas",
        "title_fr": "Coopération sur les preuves électroniques",
        "editorial": "The network met in Washington.",
        "editorial_es": "La red se reunió en Washington.",
        "editorial_pt": "A rede reuniu-se em Washington.",
        "editorial_fr": "Le réseau s'est réuni à Washington.",
    }
    issue = Issue.objects.create(number=number, live=live, **(defaults | fields))
    if live:
        moment = timezone.now() - datetime.timedelta(days=1)
        Issue.objects.filter(pk=issue.pk).update(first_published_at=moment, last_published_at=moment)
        issue.refresh_from_db()
    IssueItem.objects.create(
        issue=issue,
        kind=ItemKind.NOTE,
        title="Workshop on the Second Additional Protocol",
        summary="Twenty states took part.",
        url="/en/bulletin/",
    )
    return issue


def make_subscriber(email, language="en", status=SubscriberStatus.ACTIVE):
    return Subscriber.objects.create(email=email, language=language, status=status)
