"""The Wagtail admin narrowed to the records core.policy lets a user edit: one mechanism for every app.

A focal point sees, opens and changes only their own state's records (never Secretariat-only ones);
the Secretariat sees everything and alone publishes. Apps register their state-owned models with
`register_state_scoped(...)` and base their SnippetViewSets on `StateRestrictedViewSet`.
"""

from django.core.exceptions import PermissionDenied
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from . import policy
from .concurrency import GuardedEditView

# Actions on an existing record that need the portal's per-state rule on top of Django's permissions.
INSTANCE_ACTIONS = {"change", "delete", "lock", "unlock"}


class StatePermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions, narrowed to the records core.policy lets the user edit."""

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "publish":
            return policy.can_publish(user, instance) and self.user_has_permission(user, action)
        if action in INSTANCE_ACTIONS and not policy.can_edit(user, instance):
            return False
        if action == "view" and not policy.can_view(user, instance):
            return False
        return super().user_has_permission_for_instance(user, action, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def user_has_permission(self, user, action):
        if action == "publish":
            return policy.is_secretariat(user) and super().user_has_permission(user, action)
        return super().user_has_permission(user, action)

    def instances_user_has_any_permission_for(self, user, actions):
        return (
            super()
            .instances_user_has_any_permission_for(user, actions)
            .filter(policy.editable_filter(user, self.model))
        )


def register_state_scoped(*models) -> None:
    for model in models:
        register_permission_policy(model, StatePermissionPolicy(model))


class OwnStateOnly:
    """For admin views on one record: a focal point reaching another state's record is refused."""

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not policy.can_edit(self.request.user, obj):
            raise PermissionDenied
        return obj


def _guarded(view_class):
    return type(f"OwnState{view_class.__name__}", (OwnStateOnly, view_class), {})


class StateRestrictedViewSet(SnippetViewSet):
    """Lists only the editable records; every view on one record refuses another state's."""

    edit_view_class = _guarded(GuardedEditView)
    delete_view_class = _guarded(snippet_views.DeleteView)
    history_view_class = _guarded(snippet_views.HistoryView)
    unpublish_view_class = _guarded(snippet_views.UnpublishView)
    lock_view_class = _guarded(snippet_views.LockView)
    unlock_view_class = _guarded(snippet_views.UnlockView)
    usage_view_class = _guarded(snippet_views.UsageView)
    inspect_view_class = _guarded(snippet_views.InspectView)

    def get_queryset(self, request):
        return self.model._default_manager.filter(policy.editable_filter(request.user, self.model))
