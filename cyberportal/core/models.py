"""Base pieces every capability's models share: restricted records and example labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import ModelLogEntry
from wagtail.models.audit_log import ModelLogEntryManager

from . import policy
from .roles import Visibility


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
