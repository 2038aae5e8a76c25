"""Writes with rules for the citizens' pages: saving a state's reporting guide with its texts, validated
whole or not at all, as a draft unless the Secretariat publishes (the admin goes through Wagtail's own
views, scoped by core.admin_scoping; the demo, commands and tests come here)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cyberportal.audit.models import AuditAction
from cyberportal.audit.services import audit_record
from cyberportal.core import policy

from .models import ReportingGuide, ReportingGuideText


@transaction.atomic
def reporting_guide_save(
    *, guide: ReportingGuide, texts: list[dict] | None = None, user=None, publish: bool = False
) -> ReportingGuide:
    """Validate the guide and its texts (one per language: language, authority, how_to_report, and
    optionally what_happens_next and evidence_notes), save them as a new revision, publish if asked.

    `texts` replaces the guide's texts; None keeps them. `user=None` is the system (demo)."""
    if user is not None and not policy.can_edit(user, guide):
        raise PermissionDenied(_("You may edit only your own state's page for citizens."))
    if publish and user is not None and not policy.can_publish(user, guide):
        raise PermissionDenied(_("Only the Secretariat publishes."))
    if texts is not None:
        languages = [t.get("language", "") for t in texts]
        if not texts:
            raise ValidationError({"texts": _("Give the guide's text in at least one language.")})
        duplicates = sorted({code for code in languages if languages.count(code) > 1})
        if duplicates:
            raise ValidationError(
                {"texts": _("Language “%(value)s” is given twice.") % {"value": duplicates[0]}}
            )
        rows = [ReportingGuideText(**t) for t in texts]
        for row in rows:
            row.full_clean(exclude=["guide"])
        guide.texts = rows
    guide.full_clean()
    if guide.pk is None:
        guide.live = False  # a new guide is a draft until its first revision is published
    guide.save()
    revision = guide.save_revision(user=user)
    if publish:
        revision.publish(user=user)
        guide.refresh_from_db()
        audit_record(actor=user, action=AuditAction.PUBLISH, obj=guide)
    return guide
