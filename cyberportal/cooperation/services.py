"""Writes with rules for cooperation in practice: saving sheets and declarations (validated, as drafts
unless the Secretariat publishes), and putting both under the moderation workflow laws already use.

The admin goes through Wagtail's own views (drafts, revisions, workflow), scoped by core.admin_scoping;
the demo, commands and tests come here.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Workflow

from cyberportal.audit.models import AuditAction
from cyberportal.audit.services import audit_record
from cyberportal.core import policy
from cyberportal.laws.models import Provision
from cyberportal.laws.services import moderation_workflow_ensure as laws_workflow_ensure
from cyberportal.states.models import Article

from .models import Declaration, MeasureSheet


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
