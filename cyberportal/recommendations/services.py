"""Writes with rules: importing a meeting's document, implementation reports and their acceptance."""

from __future__ import annotations

import datetime
from contextvars import ContextVar

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
    submit: bool = False,
) -> ImplementationReport:
    """Create or change `state`'s report (None: the Secretariat's own) as a draft; `submit` sends it to
    the Secretariat's review. An accepted report keeps counting, as accepted, until the Secretariat
    accepts the change (the draft is a revision; the row stays the accepted version)."""
    report = ImplementationReport.objects.filter(recommendation=recommendation, state=state).first()
    if report is None:
        report = ImplementationReport(
            recommendation=recommendation, state=state, visibility=Visibility.PUBLIC, live=False
        )
    if not policy.can_edit(user, report) or (state is None and not policy.can_review_implementation(user)):
        raise PermissionDenied(_("You may report only for your own state."))
    if not _addressed_to(recommendation, state):
        raise ValidationError(
            _("Recommendation %(rec)s is not addressed to %(who)s.")
            % {"rec": recommendation, "who": state or _("the Secretariat")}
        )
    created = report.pk is None
    accepted = not created and report.live
    # For an accepted report the change goes into a revision only: the row is what everyone reads.
    draft = ImplementationReport.objects.get(pk=report.pk) if accepted else report
    draft.status = status
    draft.narrative = narrative
    draft.evidence_links = evidence_links
    draft.as_of = as_of or timezone.localdate()
    draft.is_example = is_example
    draft.review_status = ReviewStatus.DRAFT
    if not accepted:
        draft.accepted_by, draft.accepted_at = None, None
    draft.full_clean()
    for url in draft.evidence_list:
        if not url.startswith(("http://", "https://")):
            raise ValidationError({"evidence_links": _("“%(value)s” is not a web address.") % {"value": url}})
    if not accepted:
        draft.save()
    draft.save_revision(user=user if getattr(user, "is_authenticated", False) else None)
    _record_history(draft, user)
    # A draft is not public yet: its creation and every change go to the audit trail.
    audit_record(
        actor=user,
        action=AuditAction.CREATE if created else AuditAction.CHANGE,
        obj=draft,
        changes={"status": status, "review_status": ReviewStatus.DRAFT},
    )
    if submit:
        report_submit(user=user, report=draft)
    return draft


@transaction.atomic
def report_submit(*, user, report: ImplementationReport) -> ImplementationReport:
    """Send the report's draft to the Secretariat's review (the one moderation workflow); a report
    returned with a comment is resubmitted."""
    if not (policy.can_submit_for_review(user) and policy.can_edit(user, report)):
        raise PermissionDenied(_("You may report only for your own state."))
    current = report.current_workflow_state
    if current is not None and current.status == current.STATUS_NEEDS_CHANGES:
        current.resume(user)
    elif current is None:
        workflow = report.get_workflow()
        if workflow is None:
            raise ValidationError(_("No review workflow is set up; ask the Secretariat."))
        workflow.start(report, user)
    return report


# Who is accepting, for the receiver of Wagtail's `published` signal (which does not carry the user).
_accepting_user: ContextVar = ContextVar("accepting_user", default=None)


def _task_state_of(report: ImplementationReport):
    current = report.current_workflow_state
    if current is None or current.status != current.STATUS_IN_PROGRESS:
        return None
    return current.current_task_state


@transaction.atomic
def report_accept(*, user, report: ImplementationReport) -> ImplementationReport:
    """The Secretariat accepts the latest draft: it is published, and from now on counts in the tables
    and the progress report (`report_published` records the acceptance)."""
    if not policy.can_publish(user, report):
        raise PermissionDenied(_("Only the Secretariat accepts implementation reports."))
    task_state = _task_state_of(report)
    token = _accepting_user.set(user)  # Wagtail's `published` signal does not say who published
    try:
        if task_state is not None:
            task_state.task.specific.on_action(task_state, user=user, action_name="approve")
        else:
            revision = report.get_latest_revision() or report.save_revision(user=user)
            revision.publish(user=user)
    finally:
        _accepting_user.reset(token)
    report.refresh_from_db()
    return report


@transaction.atomic
def report_return(*, user, report: ImplementationReport, comment: str) -> ImplementationReport:
    """The Secretariat returns a submitted report with a comment; the accepted version, if any, stays."""
    if not policy.can_review_changes(user):
        raise PermissionDenied(_("Only the Secretariat returns implementation reports."))
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(
            {"comment": _("Say what should change: the comment is sent to the focal point.")}
        )
    task_state = _task_state_of(report)
    if task_state is None:
        raise ValidationError(_("This report has not been submitted for review."))
    task_state.task.specific.on_action(task_state, user=user, action_name="reject", comment=comment)
    return report


def report_published(sender, instance: ImplementationReport, revision=None, **kwargs) -> None:
    """Receiver of Wagtail's `published` signal (connected in apps.py): publishing a report, from the
    portal or the admin's workflow, is its acceptance."""
    from wagtail.models import WorkflowState

    approved = (
        WorkflowState.objects.filter(
            base_content_type__model="implementationreport",
            object_id=str(instance.pk),
            status=WorkflowState.STATUS_APPROVED,
        )
        .select_related("current_task_state__finished_by")
        .order_by("-pk")
        .first()
    )
    user = _accepting_user.get()
    if user is None and approved is not None and approved.current_task_state is not None:
        user = approved.current_task_state.finished_by
    instance.review_status = ReviewStatus.ACCEPTED
    instance.accepted_by = user
    instance.accepted_at = timezone.now()
    ImplementationReport.objects.filter(pk=instance.pk).update(
        review_status=instance.review_status, accepted_by=user, accepted_at=instance.accepted_at
    )
    _record_history(instance, user)
    audit_record(actor=user, action=AuditAction.PUBLISH, obj=instance, changes={"status": instance.status})


def report_review_of(report: ImplementationReport) -> dict:
    """Where the report stands in review, for its form: submitted or returned, with the comment."""
    current = report.current_workflow_state
    if current is None:
        return {"status": "", "comment": ""}
    task_state = current.current_task_state
    return {"status": current.status, "comment": task_state.comment if task_state else ""}
