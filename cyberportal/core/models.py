"""Base pieces every capability's models share: restricted records, example labels, document imports."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import ModelLogEntry
from wagtail.models.audit_log import ModelLogEntryManager

from . import policy
from .roles import Visibility
from .storage import private_storage


class RestrictedQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Only the rows `user` may see; the one filter pages, search, feeds and exports use."""
        return policy.visible_to(self, user)

    def editable_by(self, user):
        return self.filter(policy.editable_filter(user, self.model))


class Restricted(models.Model):
    """A record whose visibility the owning state or the Secretariat chooses."""

    visibility = models.CharField(
        _("visibility"),
        max_length=16,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        db_index=True,
        help_text=_("Who may see this record."),
    )

    policy_state_field = "state"  # the path to the state that owns the record; see core.policy

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        abstract = True


class Example(models.Model):
    """A record written for the demo or not yet sourced, shown with an "example" label."""

    is_example = models.BooleanField(
        _("example"),
        default=False,
        help_text=_("Not a sourced fact: shown with an 'example' label until confirmed."),
    )

    class Meta:
        abstract = True


class DueForVerification:
    """For records verified periodically (contacts, measure sheets, providers) that have `next_due`: never
    given a due date, or past it, the reader is told to check before relying on them."""

    next_due: datetime.date | None

    def is_stale(self, today: datetime.date | None = None) -> bool:
        return self.next_due is None or self.next_due < (today or timezone.localdate())

    @property
    def stale(self) -> bool:
        return self.is_stale()


class ScopedLogEntryManager(ModelLogEntryManager):
    def viewable_by_user(self, user):
        # Wagtail lets anyone holding a permission on a model read every entry about it; a focal point
        # must not read another state's changes in the site history (see core.admin_scoping).
        from .admin_scoping import hidden_log_entries

        return super().viewable_by_user(user).exclude(hidden_log_entries(user))


class ScopedModelLogEntry(ModelLogEntry):
    """Wagtail's log of changes to non-page records, read through the admin's per-state rule.

    A proxy: the same table as Wagtail's ModelLogEntry, registered in its place (core.wagtail_hooks).
    """

    objects = ScopedLogEntryManager()

    class Meta:
        proxy = True


def _new_token() -> str:
    import secrets

    return secrets.token_urlsafe(32)


class ImportJob(models.Model):
    """An uploaded document waiting to be read by the worker, then previewed and confirmed.

    The upload and its parsed result stay on the server, keyed by a random token and tied to the user who
    uploaded it; the session never holds document text. Rows are deleted on confirmation or, unconfirmed,
    after IMPORT_JOB_HOURS (see core/imports.py)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for the worker")
        RUNNING = "running", _("Reading the document")
        DONE = "done", _("Read")
        FAILED = "failed", _("Could not be read")

    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40)
    name = models.CharField(_("file name"), max_length=255)
    upload = models.FileField(storage=private_storage, upload_to="imports/", blank=True)
    options = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    result = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("document import")

    def __str__(self) -> str:
        return f"{self.kind}: {self.name} ({self.status})"
