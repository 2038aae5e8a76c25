"""Writes with rules for national links: saving a link (a draft unless the Secretariat publishes), running
the checker over the published links and recording what it found, and telling each state's focal
points which of their links do not answer (one e-mail digest per state, in each reader's language).
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cyberportal.audit.models import AuditAction
from cyberportal.audit.services import audit_record
from cyberportal.core import policy
from cyberportal.core.moderation import recipient_language
from cyberportal.core.roles import Role

from .checker import OK, Checker, CheckResult
from .models import LinkCheck, NationalLink, Outcome

logger = logging.getLogger(__name__)


@transaction.atomic
def national_link_save(*, link: NationalLink, user=None, publish: bool = False) -> NationalLink:
    """Validate and save a link as a new revision; publish it if asked (the Secretariat, or the system).

    A focal point's save stays a draft for the Secretariat's review; `user=None` is the system (demo).
    """
    if user is not None and not policy.can_edit(user, link):
        raise PermissionDenied(_("You may edit only your own state's national links."))
    if publish and user is not None and not policy.can_publish(user, link):
        raise PermissionDenied(_("Only the Secretariat publishes."))
    link.full_clean()
    if link.pk is None:
        link.live = False  # a new link is a draft until its first revision is published
    link.save()
    revision = link.save_revision(user=user)
    if publish:
        revision.publish(user=user)
        link.refresh_from_db()
        audit_record(actor=user, action=AuditAction.PUBLISH, obj=link)
    return link


def checker_from_settings(**overrides) -> Checker:
    options = {
        "timeout": settings.LINK_CHECK_TIMEOUT_SECONDS,
        "host_delay": settings.LINK_CHECK_HOST_DELAY_SECONDS,
        "workers": settings.LINK_CHECK_WORKERS,
        "max_body": settings.LINK_CHECK_MAX_BODY_BYTES,
        "portal_url": settings.SITE_URL,
        "allow_private": settings.LINK_CHECK_ALLOW_PRIVATE,
    }
    options.update({k: v for k, v in overrides.items() if v is not None})
    return Checker(**options)


def link_check_record(*, link: NationalLink, result: CheckResult, now=None) -> LinkCheck:
    """Store what the checker found; count failures in a row and keep when the link stopped answering."""
    now = now or timezone.now()
    finding = LinkCheck.objects.filter(link=link).first() or LinkCheck(link=link)
    dead = result.outcome != OK
    finding.checked_at = now
    finding.checked_url = link.url
    finding.outcome = Outcome.DEAD if dead else Outcome.OK
    finding.http_status = result.status
    finding.final_url = (result.final_url or "")[:2000]
    finding.redirects = min(len(result.hops), 32767)
    finding.permanent_redirect = result.permanent_redirect
    finding.error = result.error[:300]
    finding.problem, finding.problem_params = result.problem, result.params
    finding.links_back = result.links_back
    if dead:
        finding.failures = (finding.failures or 0) + 1
        finding.dead_since = finding.dead_since or now
    else:
        finding.failures, finding.dead_since, finding.notified_at = 0, None, None
    finding.save()
    return finding


@dataclass
class CheckSummary:
    checked: int = 0
    dead: int = 0
    moved: int = 0
    links_back: int = 0
    findings: list[LinkCheck] = field(default_factory=list)


def links_check(*, state=None, checker: Checker | None = None, now=None) -> CheckSummary:
    """Check every published link (of one state, or all), each address once, and record the findings.

    The requests run outside any transaction (they take seconds); each finding is saved on its own.
    """
    links = list(NationalLink.objects.filter(live=True).select_related("state").order_by("pk"))
    if state is not None:
        links = [link for link in links if link.state_id == state.pk]
    checker = checker or checker_from_settings()
    results = checker.check_many(link.url for link in links)
    summary = CheckSummary()
    for link in links:
        finding = link_check_record(link=link, result=results[link.url], now=now)
        summary.checked += 1
        summary.dead += finding.is_dead
        summary.moved += bool(finding.moved)
        summary.links_back += bool(finding.links_back)
        summary.findings.append(finding)
    return summary


def _focal_points(state_ids):
    return (
        get_user_model()
        .objects.filter(role=Role.FOCAL_POINT, state_id__in=state_ids, is_active=True)
        .exclude(email="")
        .order_by("pk")
    )


def dead_links_notify(*, now=None) -> int:
    """E-mail each state's focal points the digest of their links that do not answer, once per link
    while it stays dead (again only after it has answered in between). Returns the e-mails sent."""
    now = now or timezone.now()
    threshold = max(1, settings.LINK_CHECK_FAILURES_BEFORE_NOTICE)
    due = list(
        LinkCheck.objects.filter(
            outcome=Outcome.DEAD, failures__gte=threshold, notified_at__isnull=True, link__live=True
        ).select_related("link__state")
    )
    if not due:
        return 0
    by_state: dict[int, list[LinkCheck]] = {}
    for finding in due:
        by_state.setdefault(finding.link.state_id, []).append(finding)
    still_dead = LinkCheck.objects.filter(
        outcome=Outcome.DEAD, link__state_id__in=list(by_state), link__live=True
    ).select_related("link__state")
    all_dead: dict[int, list[LinkCheck]] = {}
    for finding in still_dead:
        all_dead.setdefault(finding.link.state_id, []).append(finding)
    admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "wagtailsnippets_links_nationallink:list"
    )
    sent, told, failed = 0, set(), set()
    for user in _focal_points(list(by_state)):
        findings = sorted(all_dead[user.state_id], key=lambda f: (f.link.kind, f.link.title))
        with translation.override(recipient_language(user)):
            context = {
                "user": user,
                "state": findings[0].link.state,
                "findings": findings,
                "admin_url": admin_url,
                "site_name": settings.SITE_NAME,
            }
            subject = render_to_string("links/email/dead_links_subject.txt", context).strip()
            body = render_to_string("links/email/dead_links_body.txt", context)
        try:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
            sent += 1
            told.add(user.state_id)
        except Exception:  # a transport failure: leave the links unmarked, the next run tries again
            logger.warning("dead-links digest to %s failed", user.email, exc_info=True)
            failed.add(user.state_id)
    # A state without a focal point (or whose e-mail failed) is tried again at the next run.
    marked = [f.pk for state_id in told - failed for f in by_state[state_id]]
    LinkCheck.objects.filter(pk__in=marked).update(notified_at=now)
    return sent


def schedule_link_checks(*, now=None) -> bool:
    """Queue the next round for the worker, if the backend can wait (else cron runs `check_links`)."""
    from .tasks import check_national_links

    backend = check_national_links.get_backend()
    if not getattr(backend, "supports_defer", False):
        return False
    now = now or timezone.now()
    run_after = now + datetime.timedelta(hours=settings.LINK_CHECK_INTERVAL_HOURS)
    check_national_links.using(run_after=run_after).enqueue()
    return True
