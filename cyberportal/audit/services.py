"""Writing to the audit trail: the one function every app calls, `audit_record`.

It is a low layer: it imports no other Cyberportal app, so states, laws, spaces... may all call it.
"""

from __future__ import annotations

import datetime
import json
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .checkpoints import Checkpoint, checkpoint_sign, checkpoint_write
from .keys import signing_key
from .models import GENESIS_HASH, AuditEntry, AuditHead

log = logging.getLogger(__name__)


def client_ip(request) -> str | None:
    """The address the request came from. Behind a proxy, configure it to set REMOTE_ADDR."""
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def _jsonable(value):
    # Dates, decimals and lazy strings become text, so the stored value hashes the same once read back.
    return json.loads(json.dumps(value if value is not None else {}, default=str))


def _describe(obj) -> tuple[str, str, str]:
    if obj is None:
        return "", "", ""
    meta = getattr(obj, "_meta", None)
    object_type = meta.label_lower if meta else type(obj).__name__
    return object_type, str(getattr(obj, "pk", "") or ""), str(obj)[:300]


@transaction.atomic
def audit_record(
    *, actor, action: str, obj=None, changes=None, request=None, object_label: str = ""
) -> AuditEntry:
    """Append one entry: who (`actor`, may be None), did what (`action`, an AuditAction), to which
    record (`obj`), which fields (`changes`: {"field": [old, new]} or any JSON-able dict), from where
    (`request`'s IP address)."""
    key_id, secret = signing_key()  # before the lock: no key, no entry (ImproperlyConfigured)
    head, _created = AuditHead.objects.select_for_update().get_or_create(pk=1)
    object_type, object_id, object_repr = _describe(obj)
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    entry = AuditEntry(
        seq=head.seq + 1,
        at=timezone.now(),
        actor=actor if authenticated else None,
        actor_label=(actor.get_username() if authenticated else "")[:150],
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_label or object_repr,
        changes=_jsonable(changes),
        ip=client_ip(request),
        prev_hash=head.hash or GENESIS_HASH,
        key_id=key_id,
    )
    entry.hash = entry.compute_hash(secret)
    entry.save()
    AuditHead.objects.filter(pk=1).update(seq=entry.seq, hash=entry.hash)
    every = settings.AUDIT_CHECKPOINT_EVERY
    if every and entry.seq % every == 0:
        # After the commit: a checkpoint must never name an entry that a rollback took back. A failure
        # to write it is logged (robust), not raised into the request whose work is already saved.
        seq, hash_ = entry.seq, entry.hash
        transaction.on_commit(lambda: _checkpoint_after_commit(seq, hash_), robust=True)
    return entry


def _utc_now() -> str:
    return timezone.now().astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _checkpoint_after_commit(seq: int, hash_: str) -> None:
    count = AuditEntry.objects.filter(seq__lte=seq).count()
    checkpoint_write(checkpoint_sign(seq=seq, hash=hash_, count=count, at=_utc_now()))


@transaction.atomic
def audit_checkpoint() -> Checkpoint | None:
    """Sign the trail's current head and write it to the checkpoint targets (None when the log is empty).

    The head is locked while the checkpoint is written, so no entry can be added between the moment it
    is read and the moment it is anchored."""
    head = AuditHead.objects.select_for_update().filter(pk=1).first()
    if head is None or head.seq == 0:
        return None
    count = AuditEntry.objects.filter(seq__lte=head.seq).count()
    checkpoint = checkpoint_sign(seq=head.seq, hash=head.hash, count=count, at=_utc_now())
    checkpoint_write(checkpoint)
    return checkpoint


def field_changes(before: dict, after: dict) -> dict:
    """{"field": [old, new]} for the fields whose value differs between two snapshots."""
    return {key: [before.get(key), after.get(key)] for key in after if before.get(key) != after.get(key)}
