"""Reads of the bulletin: published issues for the archive, the issue pages and the feed (anyone sees the
same: an issue is public once published, a draft is the Secretariat's), and the composer's lists."""

from __future__ import annotations

from itertools import groupby

from cyberportal.core import policy

from .models import Issue, Subscriber


def published_issues():
    return Issue.objects.filter(live=True).order_by("-number")


def archive_by_year() -> list[tuple[int, list[Issue]]]:
    issues = [i for i in published_issues() if i.first_published_at]
    return [(year, list(group)) for year, group in groupby(issues, key=lambda i: i.published_on.year)]


def issue_for(number: int, user) -> Issue | None:
    """A published issue, or for the Secretariat a draft too (to read it before publishing)."""
    issues = Issue.objects.all() if policy.can_compose_bulletin(user) else published_issues()
    return issues.filter(number=number).first()


def issues_for_composer():
    return Issue.objects.order_by("-number")


def unsubscribe_link_exists(token: str) -> bool:
    return bool(token) and Subscriber.objects.filter(token=token).exists()
