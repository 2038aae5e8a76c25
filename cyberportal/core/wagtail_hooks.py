"""Admin-wide hooks of the per-state scoping (core.admin_scoping): bulk actions and the site history."""

from django.db import models
from wagtail import hooks
from wagtail.models import ModelLogEntry

from .admin_scoping import ScopedDeleteBulkAction
from .models import ScopedModelLogEntry

# Registered after Wagtail's own (higher order), so for state-scoped models ours replaces its delete.
hooks.register("register_bulk_action", ScopedDeleteBulkAction, order=100)


@hooks.register("register_log_actions", order=100)
def scope_model_log_entries(actions):
    # Non-page records are logged and read through the scoped proxy instead of Wagtail's ModelLogEntry;
    # the registry has no unregister, and leaving ModelLogEntry listed would show the same rows unscoped.
    actions.register_model(models.Model, ScopedModelLogEntry)
    actions.log_entry_models.discard(ModelLogEntry)
