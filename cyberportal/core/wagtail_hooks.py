"""Admin-wide hooks: the per-state scoping (core.admin_scoping) of bulk actions and the site history, who
downloads documents uploaded in the admin, and the moderation flow's submit button (core.moderation)."""

from django.contrib.auth.views import redirect_to_login
from django.db import models
from django.http import Http404
from wagtail import hooks
from wagtail.models import ModelLogEntry

from . import moderation, policy
from .admin_scoping import ScopedDeleteBulkAction
from .dashboard import ReturnedPanel, ReviewQueuePanel, TasksPanel
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


# The submit action of moderated records leads the form under a translated name (core.moderation).
hooks.register("construct_snippet_action_menu", moderation.promote_submit)


@hooks.register("construct_homepage_panels")
def home_for_each_role(request, panels):
    # Each role's home: its tasks with counts first, then what came back with comments (focal points) or
    # what waits for review, by state and age (the Secretariat); Wagtail's own panels follow.
    user = request.user
    if not policy.can_submit_for_review(user):
        return
    panels.append(TasksPanel())
    if policy.can_review_changes(user):
        panels.append(ReviewQueuePanel())
    else:
        panels.append(ReturnedPanel())
