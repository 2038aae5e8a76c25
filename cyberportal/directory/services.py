"""Writes with rules for the directory: contacts, verification campaigns, links, corrections, reminders.

Every function checks who may do it, validates before saving and runs in one transaction, so a bad
phone number, an expired link or a focal point reaching into another state changes nothing.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cyberportal.core import policy

from .models import (
    Authority,
    Contact,
    ContactCorrection,
    ContactEmail,
    ContactPhone,
    ContactRole,
    CorrectionStatus,
    DirectorySettings,
    RequestStatus,
    RoleType,
    VerificationCampaign,
    VerificationMethod,
    VerificationRequest,
    normalise_phone,
)

logger = logging.getLogger(__name__)

INTERFACE_LANGUAGES = {code for code, _name in settings.LANGUAGES}


def settings_now() -> DirectorySettings:
    return DirectorySettings.load()


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=candidate)
        except ValueError:
            continue
    raise ValueError(day)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _require_editor(user, record) -> None:
    if user is not None and not policy.can_edit(user, record):
        raise PermissionDenied(_("You may edit only your own state's directory."))


def _save_with_revision(record, user) -> None:
    record.full_clean()
    record.save()
    # The row itself was written: the revision records it, it is not a draft waiting for review.
    record.save_revision(
        user=user if getattr(user, "is_authenticated", False) else None, log_action=True, changed=False
    )


@transaction.atomic
def authority_create(*, user=None, **fields) -> Authority:
    authority = Authority(**fields)
    _require_editor(user, authority)
    _save_with_revision(authority, user)
    return authority


def _clean_children(phones, emails, region) -> tuple[list[tuple[str, str]], list[str]]:
    """Normalise phones to E.164 and check e-mails, naming the faulty value; nothing is saved here."""
    errors = []
    clean_phones = []
    for index, (kind, number) in enumerate(phones, start=1):
        try:
            clean_phones.append((kind, normalise_phone(number, region)))
        except ValidationError as error:
            errors.append(_("Phone %(n)s: %(message)s") % {"n": index, "message": " ".join(error.messages)})
    clean_emails = []
    for index, address in enumerate(emails, start=1):
        try:
            ContactEmail(address=address).clean()
            clean_emails.append(address.strip())
        except ValidationError:
            errors.append(
                _("E-mail %(n)s: “%(value)s” is not a valid e-mail address.")
                % {"n": index, "value": address[:80]}
            )
    if errors:
        raise ValidationError(errors)
    return clean_phones, clean_emails


def _set_children(contact: Contact, phones, emails) -> None:
    contact.phones = [ContactPhone(kind=kind, number=number) for kind, number in phones]
    kept = {e.address: e.bounced_at for e in contact.emails.all()}
    contact.emails = [ContactEmail(address=a, bounced_at=kept.get(a)) for a in emails]


@transaction.atomic
def contact_create(
    *,
    authority: Authority,
    name: str,
    roles=(),
    phones=(),
    emails=(),
    user=None,
    **fields,
) -> Contact:
    """A new contact; `phones` are (kind, number) pairs in any format phonenumbers reads."""
    contact = Contact(authority=authority, name=name, **fields)
    _require_editor(user, contact)
    clean_phones, clean_emails = _clean_children(phones, emails, authority.state.code)
    _set_children(contact, clean_phones, clean_emails)
    contact.roles = list(RoleType.objects.filter(code__in=[ContactRole(r) for r in roles]))
    _save_with_revision(contact, user)
    return contact


@transaction.atomic
def contact_update(*, contact: Contact, user, phones=None, emails=None, roles=None, **fields) -> Contact:
    """Change a contact as `user`; a focal point of another state gets PermissionDenied and nothing changes."""
    _require_editor(user, contact)
    for name, value in fields.items():
        setattr(contact, name, value)
    _require_editor(user, contact)  # e.g. moved to another state's authority
    if phones is not None or emails is not None:
        current_phones = [(p.kind, p.number) for p in contact.phones.all()]
        current_emails = [e.address for e in contact.emails.all()]
        clean_phones, clean_emails = _clean_children(
            current_phones if phones is None else phones,
            current_emails if emails is None else emails,
            contact.authority.state.code,
        )
        _set_children(contact, clean_phones, clean_emails)
    if roles is not None:
        contact.roles = list(RoleType.objects.filter(code__in=[ContactRole(r) for r in roles]))
    _save_with_revision(contact, user)
    return contact


def contact_mark_verified(
    *, contact: Contact, by: str, method: str, now: datetime.datetime | None = None, user=None
) -> Contact:
    _set_verified(contact, by=by, method=method, now=now or timezone.now())
    _save_with_revision(contact, user)
    return contact


def _set_verified(contact: Contact, *, by: str, method: str, now) -> None:
    """The verification fields, on the contact in memory: saved live or as a draft by the caller."""
    contact.last_verified_at = now
    contact.last_verified_by = by[:200]
    contact.verification_method = method
    contact.next_due = add_months(timezone.localtime(now).date(), settings_now().verification_period_months)


@transaction.atomic
def contact_verify(*, contact: Contact, user, method: str = VerificationMethod.EDITOR, now=None) -> Contact:
    """An editor records that they checked the entry (by telephone, in person...)."""
    _require_editor(user, contact)
    name = user.get_full_name() or user.get_username()
    return contact_mark_verified(contact=contact, by=name, method=method, now=now, user=user)


# --- Verification campaigns -------------------------------------------------------------------


@dataclass
class CampaignResult:
    campaign: VerificationCampaign
    sent: int = 0
    skipped: list[str] = field(default_factory=list)  # contacts without a usable address
    bounced: list[str] = field(default_factory=list)


def _link_language(contact: Contact) -> str:
    code = (contact.language or "en").split("-")[0].lower()
    return code if code in INTERFACE_LANGUAGES else "en"


def _verification_url(token: str, language: str) -> str:
    with translation.override(language):
        path = reverse("directory:verify", args=[token])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _send_link(request: VerificationRequest, token: str, *, reminder: bool, now) -> bool:
    """Send (or resend) the link in the contact's language; a refused address is marked bounced."""
    contact = request.contact
    language = _link_language(contact)
    with translation.override(language):
        context = {
            "contact": contact,
            "url": _verification_url(token, language),
            "expires_at": request.expires_at,
            "reminder": reminder,
            "site_name": settings.SITE_NAME,
        }
        subject = render_to_string("directory/email/verification_subject.txt", context).strip()
        body = render_to_string("directory/email/verification_body.txt", context)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [request.sent_to])
    except Exception:  # any transport failure: the address cannot be reached
        logger.warning("verification e-mail to %s failed", request.sent_to, exc_info=True)
        ContactEmail.objects.filter(contact=contact, address=request.sent_to).update(bounced_at=now)
        request.status = RequestStatus.BOUNCED
        request.save(update_fields=["status"])
        return False
    request.last_sent_at = now
    request.save(update_fields=["last_sent_at"])
    return True


def campaign_contacts(*, state=None, role: str | None = None):
    contacts = Contact.objects.select_related("authority__state").prefetch_related("emails")
    if state is not None:
        contacts = contacts.filter(authority__state=state)
    if role:
        contacts = contacts.filter(roles__code=role)
    return contacts.distinct().order_by("pk")


@transaction.atomic
def campaign_start(
    *, started_by=None, state=None, role: str | None = None, everything: bool = False, now=None
) -> CampaignResult:
    """E-mail every contact in scope a one-time link. `started_by` None means the command line."""
    if started_by is not None and not policy.can_manage_campaigns(started_by):
        raise PermissionDenied(_("Only the Secretariat starts verification campaigns."))
    if role and role not in ContactRole.values:
        raise ValidationError(_("“%(value)s” is not a contact role.") % {"value": role[:40]})
    if not (state or role or everything):
        raise ValidationError(_("Choose a state, a role or all contacts."))
    now = now or timezone.now()
    config = settings_now()
    campaign = VerificationCampaign.objects.create(
        state=state, role=role or "", started_at=now, started_by=started_by
    )
    result = CampaignResult(campaign=campaign)
    # Earlier links of the same contacts stop working: only the newest e-mail is valid.
    contacts = list(campaign_contacts(state=state, role=role))
    VerificationRequest.objects.filter(contact__in=contacts, used_at__isnull=True).update(expires_at=now)
    for contact in contacts:
        address = next((e.address for e in contact.emails.all() if e.bounced_at is None), None)
        if address is None:
            result.skipped.append(str(contact))
            continue
        token = secrets.token_urlsafe(32)
        request = VerificationRequest.objects.create(
            campaign=campaign,
            contact=contact,
            sent_to=address,
            token_hash=token_hash(token),
            expires_at=now + datetime.timedelta(days=config.link_valid_days),
        )
        if _send_link(request, token, reminder=False, now=now):
            result.sent += 1
        else:
            result.bounced.append(address)
    transaction.on_commit(lambda: schedule_reminders(now=now))
    return result


def schedule_reminders(*, now=None) -> bool:
    """Queue the reminder task for when the next reminders fall due, if the backend can wait."""
    from .tasks import send_verification_reminders

    backend = send_verification_reminders.get_backend()
    if not getattr(backend, "supports_defer", False):
        return False  # in-process backends: reminders come from the `verification_reminders` command
    now = now or timezone.now()
    run_after = now + datetime.timedelta(days=settings_now().reminder_interval_days)
    send_verification_reminders.using(run_after=run_after).enqueue()
    return True


@transaction.atomic
def reminders_send(*, now=None) -> int:
    """Remind contacts who have not answered, each with a fresh link (the old one stops working)."""
    now = now or timezone.now()
    config = settings_now()
    due_before = now - datetime.timedelta(days=config.reminder_interval_days)
    pending = (
        VerificationRequest.objects.select_related("contact__authority__state")
        .filter(status=RequestStatus.PENDING, used_at__isnull=True, expires_at__gt=now)
        .filter(Q(last_sent_at__lte=due_before) | Q(last_sent_at__isnull=True))
        .filter(reminders_sent__lt=config.max_reminders)
    )
    sent = 0
    for request in pending:
        token = secrets.token_urlsafe(32)
        request.token_hash = token_hash(token)
        request.reminders_sent += 1
        request.expires_at = max(
            request.expires_at, now + datetime.timedelta(days=config.reminder_interval_days)
        )
        request.save(update_fields=["token_hash", "reminders_sent", "expires_at"])
        if _send_link(request, token, reminder=True, now=now):
            sent += 1
    return sent


# --- Answers through the link (no login) -----------------------------------------------------


def verification_request_for(token: str, *, now=None, lock: bool = False) -> VerificationRequest:
    """The open request behind `token`, or a ValidationError that says why the link does not work."""
    now = now or timezone.now()
    requests = VerificationRequest.objects.select_related("contact__authority__state")
    if lock:
        requests = requests.select_for_update()
    request = requests.filter(token_hash=token_hash(token or "")).first()
    if request is None:
        raise ValidationError(_("This verification link is not valid. Ask the Secretariat for a new one."))
    if request.used_at is not None:
        raise ValidationError(_("This verification link has already been used. Each link works only once."))
    if request.expires_at <= now or request.status == RequestStatus.BOUNCED:
        raise ValidationError(_("This verification link has expired. Ask the Secretariat for a new one."))
    return request


@transaction.atomic
def verification_confirm(*, token: str, now=None) -> Contact:
    now = now or timezone.now()
    request = verification_request_for(token, now=now, lock=True)
    request.used_at = now
    request.status = RequestStatus.CONFIRMED
    request.save(update_fields=["used_at", "status"])
    return contact_mark_verified(
        contact=request.contact,
        by=_("%(name)s, through the verification link") % {"name": request.sent_to},
        method=VerificationMethod.LINK_CONFIRMED,
        now=now,
    )


@transaction.atomic
def verification_correct(*, token: str, proposed: dict, comment: str = "", now=None) -> ContactCorrection:
    """Store the contact's correction as a draft for an editor; the entry itself does not change yet."""
    now = now or timezone.now()
    request = verification_request_for(token, now=now, lock=True)
    contact = request.contact
    phones, emails = _clean_children(
        [(p["kind"], p["number"]) for p in proposed.get("phones", [])],
        proposed.get("emails", []),
        contact.authority.state.code,
    )
    proposed = {
        **proposed,
        "phones": [{"kind": k, "number": n} for k, n in phones],
        "emails": emails,
    }
    request.used_at = now
    request.status = RequestStatus.CORRECTED
    request.save(update_fields=["used_at", "status"])
    return ContactCorrection.objects.create(
        contact=contact, request=request, proposed=proposed, comment=comment, submitted_at=now
    )


CORRECTABLE_FIELDS = ["name", "title", "secure_channel", "available_247", "languages_spoken"]


@transaction.atomic
def correction_accept(*, correction: ContactCorrection, user, now=None) -> Contact:
    """The Secretariat's acceptance publishes the correction; a focal point's sends it, as a draft of the
    contact, to the Secretariat's review (the one moderation flow), and the entry stays as published."""
    correction = ContactCorrection.objects.select_for_update().get(pk=correction.pk)
    contact = correction.contact
    _require_editor(user, contact)
    if correction.status != CorrectionStatus.PENDING:
        raise ValidationError(_("This correction has already been decided."))
    proposed = correction.proposed
    fields = {name: proposed[name] for name in CORRECTABLE_FIELDS if name in proposed}
    if user is not None and not policy.can_publish(user, contact):
        return _correction_submit(correction, user, fields, now=now or timezone.now())
    contact_update(
        contact=contact,
        user=user,
        phones=[(p["kind"], p["number"]) for p in proposed.get("phones", [])],
        emails=proposed.get("emails", []),
        **fields,
    )
    now = now or timezone.now()
    correction.status = CorrectionStatus.ACCEPTED
    correction.decided_at, correction.decided_by = now, user
    correction.save(update_fields=["status", "decided_at", "decided_by"])
    return contact_mark_verified(
        contact=contact,
        by=_accepted_by(user),
        method=VerificationMethod.LINK_CORRECTED,
        now=now,
        user=user,
    )


def _accepted_by(user) -> str:
    return _("the contact, accepted by %(name)s") % {"name": user.get_full_name() or user.get_username()}


def _review_workflow(contact: Contact):
    """The moderation workflow a focal point's change to `contact` goes to; refuses a second change
    while one is waiting."""
    workflow = contact.get_workflow()
    if workflow is None:
        raise ValidationError(_("No review workflow is set up; ask the Secretariat."))
    if contact.workflow_in_progress:
        raise ValidationError(_("A change to this contact is already waiting for the Secretariat's review."))
    return workflow


CONTACT_DRAFT_FIELDS = ("name", "title", "language", "secure_channel", "available_247", "languages_spoken")


@transaction.atomic
def contact_draft_submit(*, contact: Contact, user, changes: dict, phones=None, emails=None):
    """Save a focal point's correction of their own state's contact as a draft revision and send it to
    the Secretariat's review (the one moderation flow), as "Submit to the Secretariat" in the admin; the
    published entry is what readers see until the Secretariat approves. `phones` are (kind, number)
    pairs and replace the contact's phones, as `emails` its addresses. Returns the revision. Unknown
    fields or invalid values raise ValidationError naming them, and nothing is saved."""
    if not (policy.can_submit_for_review(user) and policy.can_edit(user, contact)):
        raise PermissionDenied(_("You may edit only your own state's directory."))
    unknown = sorted(set(changes) - set(CONTACT_DRAFT_FIELDS))
    if unknown:
        raise ValidationError({name: _("This field cannot be changed here.") for name in unknown})
    workflow = _review_workflow(contact)
    draft = contact.get_latest_revision_as_object() if contact.latest_revision_id else contact
    for name, value in changes.items():
        setattr(draft, name, value)
    if phones is not None or emails is not None:
        clean_phones, clean_emails = _clean_children(
            [(p.kind, p.number) for p in draft.phones.all()] if phones is None else phones,
            [e.address for e in draft.emails.all()] if emails is None else emails,
            contact.authority.state.code,
        )
        _set_children(draft, clean_phones, clean_emails)
    draft.full_clean()
    revision = draft.save_revision(user=user)
    contact.refresh_from_db()
    workflow.start(contact, user)
    return revision


def _correction_submit(correction: ContactCorrection, user, fields: dict, *, now) -> Contact:
    """The corrected entry, verified, as a draft revision submitted to the Secretariat; the row unchanged."""
    contact = Contact.objects.get(pk=correction.contact_id)
    workflow = _review_workflow(contact)
    for name, value in fields.items():
        setattr(contact, name, value)
    proposed = correction.proposed
    if "phones" in proposed or "emails" in proposed:
        phones = [(p["kind"], p["number"]) for p in proposed.get("phones", [])]
        _set_children(
            contact, *_clean_children(phones, proposed.get("emails", []), contact.authority.state.code)
        )
    _set_verified(contact, by=_accepted_by(user), method=VerificationMethod.LINK_CORRECTED, now=now)
    contact.full_clean()
    contact.save_revision(user=user)
    workflow.start(contact, user)
    correction.status = CorrectionStatus.ACCEPTED
    correction.decided_at, correction.decided_by = now, user
    correction.save(update_fields=["status", "decided_at", "decided_by"])
    return contact


@transaction.atomic
def correction_reject(*, correction: ContactCorrection, user, now=None) -> ContactCorrection:
    _require_editor(user, correction.contact)
    if correction.status != CorrectionStatus.PENDING:
        raise ValidationError(_("This correction has already been decided."))
    correction.status = CorrectionStatus.REJECTED
    correction.decided_at, correction.decided_by = now or timezone.now(), user
    correction.save(update_fields=["status", "decided_at", "decided_by"])
    return correction
