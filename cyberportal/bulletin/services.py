"""Every write of the bulletin with a rule: subscribing (double opt-in), unsubscribing, bounces, composing an
issue from the portal's changes and the states' contributions, and sending it in batches."""

from __future__ import annotations

import datetime
import email
import email.policy
import logging
import re
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cyberportal.core import changes as portal_changes

from .models import Contribution, Delivery, Issue, IssueItem, ItemKind, Subscriber, SubscriberStatus

log = logging.getLogger(__name__)

CONFIRM_SALT = "cyberportal.bulletin.confirm"


def batch_size() -> int:
    return max(1, int(getattr(settings, "BULLETIN_BATCH_SIZE", 100)))


def bounce_limit() -> int:
    return max(1, int(getattr(settings, "BULLETIN_HARD_BOUNCE_LIMIT", 3)))


def confirm_max_age() -> int:
    return int(getattr(settings, "BULLETIN_CONFIRM_HOURS", 72)) * 3600


def absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _language(language: str) -> str:
    codes = [code for code, _name in settings.LANGUAGES]
    if language not in codes:
        raise ValidationError(
            {"language": _("“%(value)s” is not a language of the bulletin.") % {"value": language[:20]}}
        )
    return language


def normalised_email(value: str) -> str:
    value = (value or "").strip()
    try:
        validate_email(value)
    except ValidationError:
        raise ValidationError(
            {"email": _("“%(value)s” is not a valid e-mail address.") % {"value": value[:100]}}
        ) from None
    local, _at, domain = value.rpartition("@")
    return f"{local}@{domain.lower()}"


# --- Subscribing -------------------------------------------------------------------------------------


def confirmation_token(subscriber: Subscriber) -> str:
    return signing.dumps({"s": subscriber.pk, "e": subscriber.email}, salt=CONFIRM_SALT, compress=True)


def subscription_request(*, email_address: str, language: str) -> None:
    """Ask for the bulletin: a confirmation link goes to the address. Answers the same whatever the
    address's state, so that nobody learns whether an address is subscribed."""
    address = normalised_email(email_address)
    language = _language(language)
    subscriber = Subscriber.objects.filter(email__iexact=address).first()
    if subscriber is None:
        try:
            with transaction.atomic():
                subscriber = Subscriber.objects.create(email=address, language=language)
        except IntegrityError:  # the same address sent twice at once
            subscriber = Subscriber.objects.get(email__iexact=address)
    if subscriber.status == SubscriberStatus.ACTIVE:
        return  # already receiving it: nothing to confirm, and the page says the same as for a new address
    if subscriber.language != language:
        subscriber.language = language
        subscriber.save(update_fields=["language"])
    url = absolute(
        translation_path(language, reverse("bulletin:confirm", args=[confirmation_token(subscriber)]))
    )
    with translation.override(language):
        subject = _("Confirm your subscription to the Legal Cooperation Bulletin")
        body = render_to_string(
            "bulletin/email/confirm.txt",
            {"url": url, "hours": confirm_max_age() // 3600, "site_name": settings.SITE_NAME},
        )
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [subscriber.email])


def translation_path(language: str, path: str) -> str:
    """`path` (reversed in any language) under `language`'s prefix."""
    parts = path.split("/", 2)
    if len(parts) > 2 and parts[1] in [code for code, _name in settings.LANGUAGES]:
        return f"/{language}/{parts[2]}"
    return path


class TokenError(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason  # "expired" or "invalid"


def subscription_confirm(*, token: str) -> Subscriber:
    """Confirm the address a link was sent to; the link expires after BULLETIN_CONFIRM_HOURS."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=confirm_max_age())
    except signing.SignatureExpired:
        raise TokenError("expired") from None
    except signing.BadSignature:
        raise TokenError("invalid") from None
    subscriber = Subscriber.objects.filter(pk=data.get("s"), email=data.get("e")).first()
    if subscriber is None:
        raise TokenError("invalid")
    if subscriber.status != SubscriberStatus.ACTIVE:
        subscriber.status = SubscriberStatus.ACTIVE
        subscriber.confirmed_at = timezone.now()
        subscriber.unsubscribed_at = None
        subscriber.hard_bounces = 0  # the holder proved the address works again
        subscriber.save(update_fields=["status", "confirmed_at", "unsubscribed_at", "hard_bounces"])
    return subscriber


def subscription_cancel(*, token: str) -> Subscriber | None:
    """Unsubscribe the holder of an unsubscribe link (RFC 8058 one-click or the page); idempotent."""
    subscriber = Subscriber.objects.filter(token=token).first() if token else None
    if subscriber is not None and subscriber.status != SubscriberStatus.UNSUBSCRIBED:
        subscriber.status = SubscriberStatus.UNSUBSCRIBED
        subscriber.unsubscribed_at = timezone.now()
        subscriber.save(update_fields=["status", "unsubscribed_at"])
    return subscriber


# --- Bounces -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bounce:
    email: str
    hard: bool


_ADDRESS = re.compile(r"[^\s<>;,\"']+@[^\s<>;,\"']+\.[A-Za-z]{2,}")


def bounces_parse(text: str) -> list[Bounce]:
    """Bounces from a delivery-status notification (RFC 3464) or from a list of addresses, one a line.

    In a DSN, a recipient counts as hard-bounced when its Action is "failed" and its Status is 5.x.x;
    delays and 4.x.x failures are soft. A line of a plain list is a hard bounce unless it says "soft".
    """
    if "message/delivery-status" in text.lower() or re.search(r"^Final-Recipient:", text, re.I | re.M):
        return _dsn_bounces(text)
    found = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        match = _ADDRESS.search(line)
        if match:
            found.append(Bounce(match.group(0).strip("."), hard="soft" not in line.lower()))
    return found


def _dsn_bounces(text: str) -> list[Bounce]:
    message = email.message_from_string(text, policy=email.policy.compat32)
    blocks: list[str] = []
    for part in message.walk():
        if part.get_content_type() == "message/delivery-status":
            payload = part.get_payload()
            if isinstance(payload, list):  # parsed as header blocks: one per recipient
                blocks += [str(block) for block in payload]
            else:
                blocks.append(str(payload))
    if not blocks:  # a bare status block, as some mailbox exports give it
        blocks = re.split(r"\n\s*\n", text)
    found = []
    for block in blocks:
        fields = {}
        for line in block.splitlines():
            name, sep, value = line.partition(":")
            if sep:
                fields[name.strip().lower()] = value.strip()
        recipient = fields.get("final-recipient") or fields.get("original-recipient") or ""
        match = _ADDRESS.search(recipient)
        if not match:
            continue
        action = fields.get("action", "").lower()
        status = fields.get("status", "")
        found.append(Bounce(match.group(0), hard=action == "failed" and status.startswith("5")))
    return found


def bounce_record(*, email_address: str, hard: bool = True) -> Subscriber | None:
    """Count a bounce; after BULLETIN_HARD_BOUNCE_LIMIT hard bounces the address gets nothing more."""
    subscriber = Subscriber.objects.filter(email__iexact=(email_address or "").strip()).first()
    if subscriber is None or not hard:
        return subscriber
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        subscriber.hard_bounces += 1
        subscriber.last_bounce_at = timezone.now()
        fields = ["hard_bounces", "last_bounce_at"]
        if subscriber.hard_bounces >= bounce_limit() and subscriber.status == SubscriberStatus.ACTIVE:
            subscriber.status = SubscriberStatus.BOUNCING
            fields.append("status")
        subscriber.save(update_fields=fields)
    return subscriber


# --- Composing ---------------------------------------------------------------------------------------


def period_start(issue: Issue) -> datetime.datetime | None:
    """Where an issue's period starts: its own setting, else where the previous issue's ended."""
    if issue.covers_from:
        return issue.covers_from
    previous = Issue.objects.filter(number__lt=issue.number).aggregate(end=Max("covers_until"))["end"]
    return previous


def candidate_changes(issue: Issue) -> list[portal_changes.Change]:
    """What changed in the issue's period and is not yet in the issue."""
    until = issue.covers_until or timezone.now()
    taken = set(issue.items.exclude(change_key="").values_list("change_key", flat=True))
    return [c for c in portal_changes.changes_between(period_start(issue), until) if c.key not in taken]


def candidate_contributions(issue: Issue):
    """Published contributions not yet in any issue."""
    used = IssueItem.objects.filter(contribution__isnull=False).values("contribution_id")
    return Contribution.objects.filter(live=True).exclude(pk__in=used).select_related("state").order_by("-pk")


@transaction.atomic
def issue_items_add(*, issue: Issue, change_keys: list[str], contribution_ids: list[int], user=None) -> int:
    """Copy the picked changes and contributions into a draft issue, and save the result as its latest
    revision (what the admin edits and publishes next); returns how many were added.

    Only drafts take items: a published issue's pending edits live in a revision, not in its rows, and
    publishing that revision would drop items written here meanwhile."""
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    if issue.live:
        raise ValidationError(
            _("Issue %(number)s is published: its items are picked before it is published.")
            % {"number": issue.number}
        )
    wanted = set(change_keys)
    picked = [c for c in candidate_changes(issue) if c.key in wanted]
    unknown = wanted - {c.key for c in picked}
    if unknown:
        raise ValidationError(
            {
                "changes": _("These changes are no longer available: %(keys)s")
                % {"keys": ", ".join(sorted(unknown))[:200]}
            }
        )
    contributions = list(candidate_contributions(issue).filter(pk__in=contribution_ids))
    if len(contributions) != len(set(contribution_ids)):
        raise ValidationError({"contributions": _("A contribution picked is no longer available.")})
    order = (issue.items.aggregate(top=Max("sort_order"))["top"] or 0) + 1
    for offset, change in enumerate(picked):
        IssueItem.objects.create(
            issue=issue,
            kind=ItemKind.CHANGE,
            source=change.source,
            change_key=change.key,
            title=change.title[:300],
            summary=change.summary,
            url=change.url[:500],
            changed_at=change.changed_at,
            language=change.language,
            sort_order=order + offset,
        )
    order += len(picked)
    for offset, contribution in enumerate(contributions):
        IssueItem.objects.create(
            issue=issue,
            kind=ItemKind.CONTRIBUTION,
            source="contributions",
            contribution=contribution,
            title=f"{contribution.state.code} · {contribution.title}"[:300],
            summary=contribution.body,
            url=contribution.link,
            changed_at=contribution.last_published_at,
            language=contribution.language,
            sort_order=order + offset,
        )
    if issue.covers_until is None:
        issue.covers_until = timezone.now()
        issue.save(update_fields=["covers_until"])
    Issue.objects.get(pk=issue.pk).save_revision(user=user, log_action=True)
    return len(picked) + len(contributions)


# --- Sending -----------------------------------------------------------------------------------------


def issue_send_request(*, issue: Issue) -> None:
    """Queue a published issue for every confirmed subscriber; the worker sends it in batches."""
    if not issue.live:
        raise ValidationError(_("Only a published issue can be sent."))
    from .tasks import send_issue_batch

    Issue.objects.filter(pk=issue.pk).update(send_requested_at=timezone.now())
    transaction.on_commit(lambda: send_issue_batch.enqueue(issue.pk))


def pending_recipients(issue: Issue):
    sent = Delivery.objects.filter(issue=issue).values("subscriber_id")
    return Subscriber.objects.filter(status=SubscriberStatus.ACTIVE).exclude(pk__in=sent).order_by("pk")


def issue_message(issue: Issue, subscriber: Subscriber) -> EmailMultiAlternatives:
    """The issue as one subscriber receives it: their language, text and HTML, RFC 8058 headers."""
    language = subscriber.language
    unsubscribe = absolute(
        translation_path(language, reverse("bulletin:unsubscribe", args=[subscriber.token]))
    )
    with translation.override(language):
        context = {
            "issue": issue,
            "title": issue.title_in(language),
            "editorial": issue.editorial_in(language),
            "editorial_language": issue.language_of_editorial(language),
            "language": language,
            "sections": issue_sections(issue),
            "issue_url": absolute(translation_path(language, issue.get_absolute_url())),
            "base_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/"),
            "unsubscribe_url": unsubscribe,
            "site_name": settings.SITE_NAME,
        }
        subject = _("Legal Cooperation Bulletin no. %(number)s: %(title)s") % {
            "number": issue.number,
            "title": context["title"],
        }
        text = render_to_string("bulletin/email/issue.txt", context)
        html = render_to_string("bulletin/email/issue.html", context)
    message = EmailMultiAlternatives(
        subject,
        text,
        settings.DEFAULT_FROM_EMAIL,
        [subscriber.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"<bulletin.{settings.WAGTAILADMIN_BASE_URL.split('://')[-1].split('/')[0].split(':')[0]}>",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def issue_sections(issue: Issue) -> list[dict]:
    """The issue's items grouped under their section's heading (in the active language)."""
    sections: dict[str, dict] = {}
    for item in issue.items.all().order_by("sort_order", "pk"):
        key = item.source or item.kind
        if key not in sections:
            source = portal_changes.change_source(item.source) if item.source else None
            if source is not None:
                heading = str(source.label)
            elif item.kind == ItemKind.CONTRIBUTION:
                heading = _("From the states")
            else:
                heading = _("From the Secretariat")
            sections[key] = {"heading": heading, "items": []}
        sections[key]["items"].append(item)
    return list(sections.values())


def issue_batch_send(*, issue_id: int) -> tuple[int, bool]:
    """Send one batch of an issue; (messages sent, whether recipients remain).

    Each delivery row is written (unique per issue and subscriber) before its message leaves: a rerun,
    or two workers at once, skip whoever already has it. A message that fails is forgotten again, so
    the next run retries it.
    """
    issue = Issue.objects.filter(pk=issue_id, live=True).first()
    if issue is None:
        return 0, False
    sent = 0
    failed = 0
    for subscriber in list(pending_recipients(issue)[: batch_size()]):
        try:
            with transaction.atomic():
                delivery = Delivery.objects.create(issue=issue, subscriber=subscriber)
        except IntegrityError:
            continue  # another run has it
        try:
            issue_message(issue, subscriber).send()
        except Exception:
            log.exception("Bulletin %s could not be sent to subscriber %s", issue.number, subscriber.pk)
            delivery.delete()
            failed += 1
            continue
        sent += 1
    remaining = pending_recipients(issue).exists()
    return sent, remaining and sent > 0
