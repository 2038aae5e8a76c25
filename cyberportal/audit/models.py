"""The audit trail: an append-only, hash-chained log of who did what to which record, from where.

Each entry stores the hash of the previous entry (`prev_hash`) and its own hash over a canonical
serialisation (`canonical_payload`), so that editing or deleting a row breaks the chain and
`manage.py verify_audit` names the first entry that no longer matches. The hash is an HMAC-SHA256 under
a key from the environment (`key_id` names it, see keys.py), so whoever can write to the database but
holds no key cannot recompute the chain after a change; entries written before keys existed have an
empty `key_id` and a plain SHA-256. Signed checkpoints kept outside the database (checkpoints.py) catch
what a chain alone cannot: its newest entries, or all of them, deleted. The application never updates
or deletes an entry: `save()` refuses updates, `delete()` refuses, and so do bulk updates and deletes.
"""

from __future__ import annotations

import datetime
import hashlib
import json

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .keys import sign

GENESIS_HASH = "0" * 64


class AuditAction(models.TextChoices):
    CREATE = "create", _("Create")
    CHANGE = "change", _("Change")
    PUBLISH = "publish", _("Publish")
    DELETE = "delete", _("Delete")
    EXPORT = "export", _("Export of non-public data")
    VIEW = "view", _("View of restricted data")
    SIGN_IN = "sign_in", _("Sign-in")
    SIGN_IN_FAILED = "sign_in_failed", _("Failed sign-in")
    SIGN_OUT = "sign_out", _("Sign-out")
    PERMISSION = "permission", _("Permission change")


class AppendOnlyError(Exception):
    """Raised when code tries to change or remove an audit entry."""


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Audit entries cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Audit entries cannot be deleted.")


class AuditEntry(models.Model):
    seq = models.PositiveBigIntegerField(_("number"), unique=True, editable=False)
    at = models.DateTimeField(_("when"), editable=False, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,  # accounts are deactivated, never deleted, so the log keeps its author
        related_name="+",
        editable=False,
    )
    actor_label = models.CharField(_("who (as recorded)"), max_length=150, blank=True, editable=False)
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True, db_index=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    ip = models.GenericIPAddressField(_("from (IP address)"), null=True, blank=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64, editable=False)
    hash = models.CharField(_("hash"), max_length=64, unique=True, editable=False)
    # The id of the HMAC key that signed `hash`; empty for entries written before keys existed.
    key_id = models.CharField(_("key"), max_length=32, blank=True, default="", editable=False)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-seq"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        # No add/change/delete permissions: nobody edits the log through the admin.
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit entries cannot be deleted.")

    def canonical_payload(self) -> bytes:
        """The bytes the hash covers: every field but the hash itself, as sorted, compact JSON."""
        at = self.at.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        data = {
            "seq": self.seq,
            "at": at,
            "actor_id": self.actor_id,
            "actor_label": self.actor_label,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "object_repr": self.object_repr,
            "changes": self.changes,
            "ip": self.ip,
            "prev_hash": self.prev_hash,
        }
        if self.key_id:  # legacy entries keep the payload they were hashed with
            data["key_id"] = self.key_id
        return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()

    def compute_hash(self, secret: bytes | None = None) -> str:
        """HMAC-SHA256 under `secret` for a keyed entry, plain SHA-256 for a legacy one."""
        if self.key_id:
            if secret is None:
                raise ValueError("A keyed audit entry needs its key to be hashed.")
            return sign(secret, self.canonical_payload())
        return hashlib.sha256(self.canonical_payload()).hexdigest()


class AuditHead(models.Model):
    """The one row that remembers the last entry, so that deleting the newest entries is detected too.

    It is also the lock that serialises writers: `audit_record` takes it with SELECT ... FOR UPDATE.
    """

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=GENESIS_HASH)

    class Meta:
        default_permissions = ()

    def __str__(self) -> str:
        return f"audit head #{self.seq}"
