"""Writing to the audit trail: the one function every app calls, `audit_record`.

It is a low layer: it imports no other Cyberportal app, so states, laws, spaces... may all call it.
"""

from __future__ import annotations

import json

from django.db import transaction
from django.utils import timezone

from .models import GENESIS_HASH, AuditEntry, AuditHead


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
    )
    entry.hash = entry.compute_hash()
    entry.save()
    AuditHead.objects.filter(pk=1).update(seq=entry.seq, hash=entry.hash)
    return entry


def field_changes(before: dict, after: dict) -> dict:
    """{"field": [old, new]} for the fields whose value differs between two snapshots."""
    return {key: [before.get(key), after.get(key)] for key in after if before.get(key) != after.get(key)}
