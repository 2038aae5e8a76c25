"""Writes with rules: importing a meeting's document, implementation reports and their acceptance."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cyberportal.audit.models import AuditAction
from cyberportal.audit.services import audit_record
from cyberportal.core import policy
from cyberportal.core.roles import Visibility

from .importer import ParsedDocument
from .models import (
    Addressee,
    Body,
    BodyKind,
    ImplementationReport,
    Meeting,
    Recommendation,
    ReportHistory,
    ReviewStatus,
    SubItem,
    Theme,
)


def meeting_slug(body: str, number: str) -> str:
    prefix = {"remja": "remja", "working_group": "working-group", "experts": "experts"}.get(body, body)
    return slugify(f"{prefix}-{number}")


@transaction.atomic
def meeting_import(
    *, document: ParsedDocument, user=None, lineage: dict[int, int | None] | None = None
) -> Meeting:
    """Save a parsed (and previewed) document as a meeting with its recommendations, all or nothing.

    `document.meeting` and each recommendation's themes/addressees carry the editor's corrections;
    `lineage` maps a recommendation number to the pk of the earlier recommendation it repeats.
    """
    if user is not None and not policy.can_import_recommendations(user):
        raise PermissionDenied(_("Only the Secretariat imports recommendations."))
    parsed = document.meeting
    errors = {}
    if parsed.body not in BodyKind.values:
        errors["body"] = _("Choose the body that met (the header did not say).")
    if not parsed.number:
        errors["number"] = _("Enter the meeting's number, e.g. IX.")
    if not parsed.year:
        errors["year"] = _("Enter the meeting's year or dates.")
    if errors:
        raise ValidationError(errors)
    body, _created = Body.objects.get_or_create(kind=parsed.body)
    slug = meeting_slug(parsed.body, parsed.number)
    if Meeting.objects.filter(body=body, number=parsed.number).exists():
        raise ValidationError(
            {
                "number": _("Meeting %(number)s of this body is already in the portal.")
                % {"number": parsed.number}
            }
        )
    meeting = Meeting(
        body=body,
        number=parsed.number,
        slug=slug,
        start_date=parsed.start_date,
        end_date=parsed.end_date,
        year=parsed.year,
        place=parsed.place,
        symbol=parsed.symbol,
        original_language=parsed.original_language or document.language,
        source_name=document.source_name[:255],
        source_text=document.text,
    )
    meeting.full_clean()
    meeting.save()
    themes = {t.code: t for t in Theme.objects.all()}
    addressees = {a.code: a for a in Addressee.objects.all()}
    lineage = lineage or {}
    for parsed_rec in document.recommendations:
        previous_id = lineage.get(parsed_rec.number, parsed_rec.previous_id)
        recommendation = Recommendation(
            meeting=meeting,
            number=parsed_rec.number,
            text=parsed_rec.text,
            language=document.language,
            previous_id=previous_id,
        )
        recommendation.full_clean(exclude=["meeting"])
        recommendation.save()
        for order, sub in enumerate(parsed_rec.sub_items):
            item = SubItem(recommendation=recommendation, letter=sub.letter, text=sub.text, sort_order=order)
            item.full_clean(exclude=["recommendation"])
            item.save()
        recommendation.themes.set([themes[c] for c in parsed_rec.themes if c in themes])
        recommendation.addressees.set([addressees[c] for c in parsed_rec.addressees if c in addressees])
        recommendation.save()
    meeting.save_revision(user=user, log_action=True)
    return meeting


def _record_history(report: ImplementationReport, user) -> None:
    ReportHistory.objects.create(
        report=report,
        status=report.status,
        review_status=report.review_status,
        narrative=report.narrative,
        changed_by=user if getattr(user, "is_authenticated", False) else None,
    )


def _addressed_to(recommendation: Recommendation, state) -> bool:
    codes = set(recommendation.addressees.values_list("code", flat=True))
    if state is None:
        return bool(codes & {Addressee.Code.TECHNICAL_SECRETARIAT, Addressee.Code.GENERAL_SECRETARIAT})
    return Addressee.Code.STATES in codes


@transaction.atomic
def report_save(
    *,
    user,
    recommendation: Recommendation,
    state,
    status: str,
    narrative: str = "",
    evidence_links: str = "",
    as_of: datetime.date | None = None,
    is_example: bool = False,
) -> ImplementationReport:
    """Create or update `state`'s report (None: the Secretariat's own); it becomes a draft again."""
    report = ImplementationReport.objects.filter(recommendation=recommendation, state=state).first()
    if report is None:
        report = ImplementationReport(
            recommendation=recommendation, state=state, visibility=Visibility.PUBLIC
        )
    if not policy.can_edit(user, report) or (state is None and not policy.can_review_implementation(user)):
        raise PermissionDenied(_("You may report only for your own state."))
    if not _addressed_to(recommendation, state):
        raise ValidationError(
            _("Recommendation %(rec)s is not addressed to %(who)s.")
            % {"rec": recommendation, "who": state or _("the Secretariat")}
        )
    report.status = status
    report.narrative = narrative
    report.evidence_links = evidence_links
    report.as_of = as_of or timezone.localdate()
    report.is_example = is_example
    report.review_status = ReviewStatus.DRAFT
    report.accepted_by, report.accepted_at = None, None
    report.full_clean()
    for url in report.evidence_list:
        if not url.startswith(("http://", "https://")):
            raise ValidationError({"evidence_links": _("“%(value)s” is not a web address.") % {"value": url}})
    created = report.pk is None
    report.save()
    report.save_revision(user=user if getattr(user, "is_authenticated", False) else None)
    _record_history(report, user)
    # A draft is not public yet: its creation and every change go to the audit trail.
    audit_record(
        actor=user,
        action=AuditAction.CREATE if created else AuditAction.CHANGE,
        obj=report,
        changes={"status": status, "review_status": report.review_status},
    )
    return report


@transaction.atomic
def report_accept(*, user, report: ImplementationReport) -> ImplementationReport:
    """The Secretariat accepts a draft: from now on it counts in tables and the progress report."""
    if not policy.can_publish(user, report):
        raise PermissionDenied(_("Only the Secretariat accepts implementation reports."))
    report.review_status = ReviewStatus.ACCEPTED
    report.accepted_by = user if getattr(user, "is_authenticated", False) else None
    report.accepted_at = timezone.now()
    report.full_clean()
    report.save()
    report.save_revision(user=report.accepted_by, log_action=True)
    _record_history(report, user)
    audit_record(actor=user, action=AuditAction.PUBLISH, obj=report, changes={"status": report.status})
    return report
