"""Admin-wide hooks: the per-state scoping (core.admin_scoping) of bulk actions and the site history, and
who downloads documents uploaded in the admin."""

from django.contrib.auth.views import redirect_to_login
from django.db import models
from django.http import Http404
from wagtail import hooks
from wagtail.models import ModelLogEntry

from . import policy
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


@hooks.register("before_serve_document")
def admin_documents_for_their_editors_only(document, request):
    # Wagtail serves a document to anyone with its address unless its collection is made private; here
    # none is public. A visitor is asked to sign in; a signed-in user who may not is told nothing exists.
    if policy.can_download_admin_documents(request.user):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise Http404
