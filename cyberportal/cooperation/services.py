"""Writes with rules for cooperation in practice: saving sheets and declarations (validated, as drafts
unless the Secretariat publishes), and putting both under the moderation workflow laws already use;
saving, erasing and expiring the assistant's request drafts.

The admin goes through Wagtail's own views (drafts, revisions, workflow), scoped by core.admin_scoping;
the demo, commands and tests come here.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Workflow

from cyberportal.audit.models import AuditAction
from cyberportal.audit.services import audit_record
from cyberportal.core import policy
from cyberportal.laws.models import Provision
from cyberportal.laws.services import moderation_workflow_ensure as laws_workflow_ensure
from cyberportal.states.models import Article

from . import crypto
from .models import Declaration, MeasureSheet, RequestDraft


def moderation_workflow_ensure() -> Workflow:
    """Sheets and declarations go through the one Secretariat review (core.moderation; registered in
    CooperationConfig.ready), like every focal point's change: one flow, one queue."""
    return laws_workflow_ensure()


def _save(record, *, user, publish: bool):
    if user is not None and not policy.can_edit(user, record):
        raise PermissionDenied(_("You may edit only your own state's cooperation records."))
    if publish and user is not None and not policy.can_publish(user, record):
        raise PermissionDenied(_("Only the Secretariat publishes."))
    record.full_clean()
    if record.pk is None:
        record.live = False  # a new record is a draft until its first revision is published
    record.save()
    revision = record.save_revision(user=user)
    if publish:
        revision.publish(user=user)
        record.refresh_from_db()
        audit_record(actor=user, action=AuditAction.PUBLISH, obj=record)
    return record


@transaction.atomic
def measure_sheet_save(
    *,
    sheet: MeasureSheet,
    provisions: Iterable[Provision] | None = None,
    articles: Iterable[Article] | None = None,
    user=None,
    publish: bool = False,
) -> MeasureSheet:
    """Validate and save a sheet (with its legal bases) as a new revision; publish it if asked.

    A focal point's save stays a draft for the Secretariat's review; `user=None` is the system (demo).
    """
    if provisions is not None:
        sheet.domestic_provisions = list(provisions)
    if articles is not None:
        sheet.treaty_articles = list(articles)
    return _save(sheet, user=user, publish=publish)


@transaction.atomic
def declaration_save(*, declaration: Declaration, user=None, publish: bool = False) -> Declaration:
    """Validate and save a declaration as a new revision; publish it if asked."""
    return _save(declaration, user=user, publish=publish)


# --- Request drafts (the assistant) -------------------------------------------------------------------
# A draft's content is sealed before it is saved and never leaves this module in the clear except to its
# author's pages; the audit trail learns that a draft was made, changed or erased, never what it says.

DRAFT_LABEL = "request draft"


def _keep_days(days) -> int:
    try:
        days = int(days)
    except (TypeError, ValueError):
        days = 0
    if not 1 <= days <= settings.REQUEST_DRAFTS_MAX_DAYS:
        raise ValidationError(
            {
                "keep_days": _("Keep for: “%(value)s” is not a number of days from 1 to %(max)s.")
                % {"value": str(days)[:10], "max": settings.REQUEST_DRAFTS_MAX_DAYS}
            }
        )
    return days


@transaction.atomic
def request_draft_save(
    *, user, data: dict, keep_days, draft: RequestDraft | None = None, now=None, request=None
) -> RequestDraft:
    """Seal `data` and keep it for `keep_days` from now (counted again at every save)."""
    if not policy.can_draft_requests(user):
        raise PermissionDenied(_("The request assistant is for vetted users."))
    if draft is not None and not policy.can_open_request_draft(user, draft):
        raise PermissionDenied(_("A request draft belongs to its author alone."))
    days = _keep_days(keep_days)
    now = now or timezone.now()
    created = draft is None
    draft = draft or RequestDraft(author=user)
    draft.sealed = crypto.seal({**data, "keep_days": days})
    draft.expires_at = now + datetime.timedelta(days=days)
    draft.save()
    audit_record(
        actor=user,
        action=AuditAction.CREATE if created else AuditAction.CHANGE,
        obj=draft,
        object_label=DRAFT_LABEL,
        request=request,
    )
    return draft


@transaction.atomic
def request_draft_erase(*, user, draft: RequestDraft, request=None) -> None:
    if not policy.can_open_request_draft(user, draft):
        raise PermissionDenied(_("A request draft belongs to its author alone."))
    audit_record(actor=user, action=AuditAction.DELETE, obj=draft, object_label=DRAFT_LABEL, request=request)
    draft.delete()


@transaction.atomic
def request_drafts_erase_expired(*, now=None) -> int:
    """Erase every draft whose period is over (the worker task and `manage.py erase_request_drafts`)."""
    now = now or timezone.now()
    expired = list(RequestDraft.objects.filter(expires_at__lte=now).select_for_update())
    for draft in expired:
        audit_record(
            actor=None,
            action=AuditAction.DELETE,
            obj=draft,
            object_label=DRAFT_LABEL,
            changes={"reason": "period over"},
        )
    RequestDraft.objects.filter(pk__in=[d.pk for d in expired]).delete()
    return len(expired)


def request_drafts_reseal() -> int:
    """Re-encrypt every draft under the first key of REQUEST_DRAFTS_KEYS (after adding a new key)."""
    count = 0
    for draft in RequestDraft.objects.all():
        RequestDraft.objects.filter(pk=draft.pk).update(sealed=crypto.reseal(draft.sealed))
        count += 1
    return count
