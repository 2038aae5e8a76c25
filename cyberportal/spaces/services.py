"""Writes with rules for expert spaces: membership, threads, replies, documents and versions, labels,
and the notifications they cause. Each checks the TLP policy, validates, saves in one transaction and
records itself in the audit trail.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from modelsearch import index

from cyberportal.audit.models import AuditAction
from cyberportal.audit.services import audit_record
from cyberportal.core.policy import can_administer_spaces, can_use_spaces

from . import policy
from .models import (
    TLP,
    Attachment,
    Document,
    DocumentVersion,
    Frequency,
    MemberRole,
    Membership,
    Notification,
    NotificationKind,
    NotificationSetting,
    Reply,
    Space,
    Thread,
)
from .uploads import validate_upload

MENTION = re.compile(r"(?<![\w.])@([\w.+-]+)")


# --- spaces and members ------------------------------------------------------------------------------


@transaction.atomic
def space_create(
    *,
    actor,
    name: str,
    slug: str,
    kind: str,
    description: str = "",
    is_open: bool = False,
    is_example: bool = False,
    request=None,
) -> Space:
    if not can_administer_spaces(actor):
        raise PermissionDenied(_("Only the Secretariat creates spaces."))
    space = Space(
        name=name, slug=slug, kind=kind, description=description, is_open=is_open, is_example=is_example
    )
    space.full_clean()
    space.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=space, request=request)
    return space


@transaction.atomic
def membership_add(*, actor, space: Space, user, request=None) -> Membership:
    """The Secretariat adds anyone vetted; a vetted user adds themselves to an open space."""
    if not can_use_spaces(user):
        raise ValidationError(_("Only vetted users can be members of a space."))
    joining_open_space = actor.pk == user.pk and space.is_open
    if not (can_administer_spaces(actor) or joining_open_space):
        raise PermissionDenied(_("This space is by invitation: ask the Secretariat to add you."))
    membership, created = Membership.objects.get_or_create(space=space, user=user)
    if created:
        audit_record(
            actor=actor,
            action=AuditAction.PERMISSION,
            obj=space,
            request=request,
            changes={"member_added": user.get_username()},
        )
    return membership


@transaction.atomic
def membership_remove(*, actor, space: Space, user, request=None) -> None:
    if not (can_administer_spaces(actor) or actor.pk == user.pk):
        raise PermissionDenied(_("Only the Secretariat removes other members."))
    deleted, _ignored = Membership.objects.filter(space=space, user=user).delete()
    if deleted:
        audit_record(
            actor=actor,
            action=AuditAction.PERMISSION,
            obj=space,
            request=request,
            changes={"member_removed": user.get_username()},
        )


@transaction.atomic
def membership_set_role(*, actor, space: Space, user, role: str, request=None) -> Membership:
    """The Secretariat makes a member a moderator of the space, or a plain member again."""
    if not can_administer_spaces(actor):
        raise PermissionDenied(_("Only the Secretariat names the moderators of a space."))
    if role not in MemberRole.values:
        raise ValidationError({"role": _("Choose a role in the space.")})
    membership = Membership.objects.select_for_update().filter(space=space, user=user).first()
    if membership is None:
        raise ValidationError(_("Only a member of the space can be its moderator."))
    if membership.role != role:
        old, membership.role = membership.role, role
        membership.save(update_fields=["role"])
        audit_record(
            actor=actor,
            action=AuditAction.PERMISSION,
            obj=space,
            request=request,
            changes={"member": user.get_username(), "role": [old, role]},
        )
    return membership


# --- threads, replies, documents ---------------------------------------------------------------------


def _check_label(tlp: str, recipients) -> None:
    if tlp not in TLP.values:
        raise ValidationError({"tlp": _("Choose a TLP label.")})
    if tlp == TLP.RED and not recipients:
        raise ValidationError({"recipients": _("A TLP:RED item needs at least one named recipient.")})


def _label_fields(author) -> dict:
    return {
        "author": author,
        "author_state_id": author.state_id,
        "author_organisation_id": None if author.state_id else author.organisation_id,
    }


def _save_attachments(*, thread: Thread, reply: Reply | None, files, author) -> list[Attachment]:
    saved = []
    for uploaded in files:
        attachment = Attachment(
            thread=thread,
            reply=reply,
            original_name=PurePath(uploaded.name).name,
            size=uploaded.size,
            uploaded_by=author,
        )
        attachment.file.save(uploaded.name, uploaded, save=False)
        attachment.save()
        saved.append(attachment)
    return saved


@transaction.atomic
def thread_create(
    *,
    author,
    space: Space,
    title: str,
    body: str,
    tlp: str,
    recipients=(),
    files=(),
    is_example: bool = False,
    notify_members: bool = True,
    request=None,
) -> Thread:
    if not policy.can_post(author, space):
        raise PermissionDenied(_("Only members of this space can post in it."))
    _check_label(tlp, recipients)
    for uploaded in files:
        validate_upload(uploaded)
    thread = Thread(
        space=space, title=title, body=body, tlp=tlp, is_example=is_example, **_label_fields(author)
    )
    thread.full_clean()
    thread.save()
    if tlp == TLP.RED:
        thread.recipients.set([*recipients, author])
    _save_attachments(thread=thread, reply=None, files=files, author=author)
    audit_record(
        actor=author,
        action=AuditAction.CREATE,
        obj=thread,
        request=request,
        changes={"tlp": tlp, "space": space.slug, "attachments": [f.name for f in files]},
    )
    if notify_members:  # False only for the demo loader, which must not e-mail on every start
        notify(item=thread, kind=NotificationKind.THREAD, actor=author, text=body)
    return thread


@transaction.atomic
def reply_create(*, author, thread: Thread, body: str, files=(), request=None) -> Reply:
    if not (policy.can_view(author, thread) and policy.can_post(author, thread.space)):
        raise PermissionDenied(_("You cannot reply to this thread."))
    if not body.strip():
        raise ValidationError({"body": _("Write a message.")})
    for uploaded in files:
        validate_upload(uploaded)
    reply = Reply(thread=thread, author=author, body=body)
    reply.full_clean()
    reply.save()
    _save_attachments(thread=thread, reply=reply, files=files, author=author)
    Thread.objects.filter(pk=thread.pk).update(updated_at=reply.created_at)
    index.insert_or_update_object(thread)  # the thread's search entry includes its replies' text
    audit_record(
        actor=author,
        action=AuditAction.CREATE,
        obj=reply,
        request=request,
        changes={"thread": thread.pk, "attachments": [f.name for f in files]},
    )
    notify(item=thread, kind=NotificationKind.REPLY, actor=author, text=body)
    return reply


@transaction.atomic
def document_create(
    *,
    author,
    space: Space,
    title: str,
    category: str,
    tlp: str,
    file,
    description: str = "",
    language: str = "",
    recipients=(),
    note: str = "",
    is_example: bool = False,
    notify_members: bool = True,
    request=None,
) -> Document:
    if not policy.can_post(author, space):
        raise PermissionDenied(_("Only members of this space can add documents to it."))
    _check_label(tlp, recipients)
    validate_upload(file)
    document = Document(
        space=space,
        title=title,
        category=category,
        tlp=tlp,
        description=description,
        language=language,
        is_example=is_example,
        **_label_fields(author),
    )
    document.full_clean()
    document.save()
    if tlp == TLP.RED:
        document.recipients.set([*recipients, author])
    _add_version(document=document, file=file, note=note, author=author)
    audit_record(
        actor=author,
        action=AuditAction.CREATE,
        obj=document,
        request=request,
        changes={"tlp": tlp, "space": space.slug, "file": file.name},
    )
    if notify_members:
        notify(item=document, kind=NotificationKind.DOCUMENT, actor=author, text=description)
    return document


def _add_version(*, document: Document, file, note: str, author) -> DocumentVersion:
    number = (document.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = DocumentVersion(
        document=document,
        number=number,
        original_name=PurePath(file.name).name,
        size=file.size,
        note=note,
        uploaded_by=author,
    )
    version.file.save(file.name, file, save=False)
    version.save()
    return version


@transaction.atomic
def document_add_version(
    *, author, document: Document, file, note: str = "", request=None
) -> DocumentVersion:
    if not (policy.can_view(author, document) and policy.can_post(author, document.space)):
        raise PermissionDenied(_("You cannot add a version to this document."))
    validate_upload(file)
    # Lock the document so two uploads at once cannot take the same version number.
    Document.objects.select_for_update().filter(pk=document.pk).first()
    version = _add_version(document=document, file=file, note=note, author=author)
    audit_record(
        actor=author,
        action=AuditAction.CHANGE,
        obj=document,
        request=request,
        changes={"version": version.number, "file": version.original_name},
    )
    notify(item=document, kind=NotificationKind.DOCUMENT, actor=author, text=note)
    return version


@transaction.atomic
def item_set_label(*, user, item, tlp: str, recipients=(), request=None):
    """Change a thread's or document's label: its author or the Secretariat, either way; a moderator of
    the space, only up. Going to TLP:RED keeps the author and adds the person raising it as recipients.
    Every change is audited, and the author is told when someone else made it."""
    if not policy.can_change_label(user, item, tlp):
        raise PermissionDenied(
            _("Only the author, a moderator of this space or the Secretariat can change this label.")
        )
    old = item.tlp
    if old == tlp:
        return item
    if tlp == TLP.RED:
        keep = {item.author_id, user.pk, *(r.pk for r in recipients)}
        item.recipients.add(*keep)
    item.tlp = tlp
    item.full_clean()
    item.save(update_fields=["tlp", "updated_at"])
    audit_record(
        actor=user, action=AuditAction.CHANGE, obj=item, request=request, changes={"tlp": [old, tlp]}
    )
    if item.author_id != user.pk:
        _notify_one(user=item.author, item=item, kind=NotificationKind.LABEL)
    return item


@transaction.atomic
def notification_frequency_set(*, user, frequency: str) -> NotificationSetting:
    if frequency not in Frequency.values:
        raise ValidationError({"frequency": _("Choose how often to be told.")})
    setting, _created = NotificationSetting.objects.update_or_create(
        user=user, defaults={"frequency": frequency}
    )
    return setting


# --- notifications -----------------------------------------------------------------------------------


def mentioned_users(text: str, space: Space):
    names = {name.rstrip(".") for name in MENTION.findall(text or "")}
    if not names:
        return []
    User = get_user_model()
    return list(User.objects.filter(username__in=names, is_active=True))


def _notify_one(*, user, item, kind: str) -> Notification | None:
    """Tell one person about `item`, by e-mail at once or in the digest as they chose."""
    if not user.is_active or not policy.can_view(user, item):
        return None
    notice = Notification.objects.create(
        user=user,
        kind=kind,
        thread=item if isinstance(item, Thread) else None,
        document=item if isinstance(item, Document) else None,
    )
    frequency = (
        NotificationSetting.objects.filter(user=user).values_list("frequency", flat=True).first()
        or Frequency.IMMEDIATE
    )
    if frequency == Frequency.IMMEDIATE:
        from .tasks import send_notification

        transaction.on_commit(lambda: send_notification.enqueue(notice.pk))
    return notice


def notify(*, item, kind: str, actor, text: str = "") -> list[Notification]:
    """Tell the space's members (and anyone mentioned) who may open `item`; never the actor.

    Rows are created now; e-mails go out from tasks after the transaction commits (at once for
    "immediate" users, in the daily digest for the others)."""
    from .tasks import send_notification

    User = get_user_model()
    members = User.objects.filter(space_memberships__space=item.space, is_active=True)
    mentioned = {u.pk for u in mentioned_users(text, item.space)}
    candidates = {u.pk: u for u in members}
    candidates.update({u.pk: u for u in User.objects.filter(pk__in=mentioned)})
    settings_by_user = dict(
        NotificationSetting.objects.filter(user_id__in=candidates).values_list("user_id", "frequency")
    )
    created = []
    for user in candidates.values():
        if user.pk == actor.pk or not policy.can_view(user, item):
            continue
        frequency = settings_by_user.get(user.pk, Frequency.IMMEDIATE)
        notice = Notification.objects.create(
            user=user,
            kind=NotificationKind.MENTION if user.pk in mentioned else kind,
            thread=item if isinstance(item, Thread) else None,
            document=item if isinstance(item, Document) else None,
        )
        created.append(notice)
        if frequency == Frequency.IMMEDIATE:
            transaction.on_commit(lambda pk=notice.pk: send_notification.enqueue(pk))
    return created


def space_mark_seen(*, user, space: Space) -> None:
    """The member has opened the space: what was new on their home is no longer new. One UPDATE."""
    Membership.objects.filter(user=user, space=space).update(last_seen_at=timezone.now())
