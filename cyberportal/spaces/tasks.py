"""Background e-mail for expert spaces (django-tasks): one e-mail per item, or a daily digest.

An e-mail about a TLP:AMBER, AMBER+STRICT or RED item carries its label and a link, never its title or
text: e-mail leaves the portal's control. Each task checks the policy again when it runs, since the
user may have left the space (or the label been raised) since the notification was created.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from . import policy
from .models import TLP, Frequency, Notification, NotificationKind, NotificationSetting, Thread

SHAREABLE_BY_EMAIL = {TLP.CLEAR, TLP.GREEN}


def item_link(item, language: str) -> str:
    with translation.override(language):
        name = "spaces:thread" if isinstance(item, Thread) else "spaces:document"
        path = reverse(name, args=[item.pk])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def notice_text(notice: Notification, language: str) -> tuple[str, str]:
    """(one-line summary, link) for an e-mail, without the content of restricted items."""
    item = notice.item
    label = item.get_tlp_display()
    link = item_link(item, language)
    if item.tlp in SHAREABLE_BY_EMAIL:
        summary = _("[%(label)s] %(kind)s in “%(space)s”: %(title)s") % {
            "label": label,
            "kind": notice.get_kind_display(),
            "space": item.space.name,
            "title": item.title,
        }
    else:
        summary = _("[%(label)s] %(kind)s in a space you belong to. Sign in to read it.") % {
            "label": label,
            "kind": notice.get_kind_display(),
        }
    return summary, link


def _deliverable(notice: Notification) -> bool:
    return notice.user.is_active and notice.item is not None and policy.can_view(notice.user, notice.item)


@task()
def send_notification(notification_id: int) -> bool:
    notice = (
        Notification.objects.select_related("user", "thread__space", "document__space")
        .filter(pk=notification_id, emailed_at__isnull=True)
        .first()
    )
    if notice is None:
        return False
    with transaction.atomic():
        Notification.objects.filter(pk=notice.pk).update(emailed_at=timezone.now())
    if not _deliverable(notice):
        return False
    language = notice.user.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        summary, link = notice_text(notice, language)
        if notice.kind == NotificationKind.LABEL:
            subject = f"[{settings.SITE_NAME}] " + _("Your item is now labelled %(label)s") % {
                "label": notice.item.get_tlp_display()
            }
        elif notice.item.tlp in SHAREABLE_BY_EMAIL:
            subject = f"[{settings.SITE_NAME}] {summary}"
        else:
            subject = f"[{settings.SITE_NAME}] " + _("New %(label)s item") % {
                "label": notice.item.get_tlp_display()
            }
        body = "\n".join(
            [summary, link, "", _("Change how often you are told: your profile's notification settings.")]
        )
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [notice.user.email])
    return True


@task()
def send_daily_digests() -> int:
    """One e-mail per "daily" user listing what happened since their last digest. Returns e-mails sent."""
    daily_users = NotificationSetting.objects.filter(frequency=Frequency.DAILY).values("user_id")
    pending = (
        Notification.objects.filter(user_id__in=daily_users, emailed_at__isnull=True)
        .select_related("user", "thread__space", "document__space")
        .order_by("user_id", "created_at")
    )
    by_user: dict = {}
    for notice in pending:
        by_user.setdefault(notice.user, []).append(notice)
    sent = 0
    for user, notices in by_user.items():
        Notification.objects.filter(pk__in=[n.pk for n in notices]).update(emailed_at=timezone.now())
        lines = []
        language = user.preferred_language or settings.LANGUAGE_CODE
        with translation.override(language):
            for notice in notices:
                if _deliverable(notice):
                    summary, link = notice_text(notice, language)
                    lines += [summary, link, ""]
            if not lines or not user.is_active:
                continue
            subject = f"[{settings.SITE_NAME}] " + _("Your daily digest of the expert spaces")
            send_mail(subject, "\n".join(lines), settings.DEFAULT_FROM_EMAIL, [user.email])
        sent += 1
    return sent
