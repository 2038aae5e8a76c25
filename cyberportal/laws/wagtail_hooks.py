"""The admin for laws, mappings and the thesaurus: focal points see and edit only their own state's
laws (as drafts sent to the Secretariat's workflow); the Secretariat edits and publishes everything."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cyberportal.core import policy

from .models import Concept, Law, ProvisionMapping

# Actions on an existing record that need the portal's per-state rule on top of Django's permissions.
INSTANCE_ACTIONS = {"change", "delete", "lock", "unlock"}


class StatePermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions, narrowed to the records core.policy lets the user edit."""

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "publish":
            return policy.can_publish(user, instance) and self.user_has_permission(user, action)
        if action in INSTANCE_ACTIONS and not policy.can_edit(user, instance):
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


register_permission_policy(Law, StatePermissionPolicy(Law))
register_permission_policy(ProvisionMapping, StatePermissionPolicy(ProvisionMapping))


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
    edit_view_class = _guarded(snippet_views.EditView)
    delete_view_class = _guarded(snippet_views.DeleteView)
    history_view_class = _guarded(snippet_views.HistoryView)
    unpublish_view_class = _guarded(snippet_views.UnpublishView)
    lock_view_class = _guarded(snippet_views.LockView)
    unlock_view_class = _guarded(snippet_views.UnlockView)
    usage_view_class = _guarded(snippet_views.UsageView)
    inspect_view_class = _guarded(snippet_views.InspectView)


class LawViewSet(StateRestrictedViewSet):
    model = Law
    icon = "doc-full-inverse"
    menu_label = _("Laws")
    list_display = ["identifier", "title", "state", "status", "year", "live"]
    list_filter = ["status", "law_type", "live"]
    search_fields = ["identifier", "title", "title_en"]

    def get_queryset(self, request):
        return Law.objects.filter(policy.editable_filter(request.user, Law)).select_related("state")


class MappingViewSet(StateRestrictedViewSet):
    model = ProvisionMapping
    icon = "link"
    menu_label = _("Mappings")
    list_display = ["provision", "article", "extent", "reviewed_at"]
    list_filter = ["extent"]

    def get_queryset(self, request):
        return ProvisionMapping.objects.filter(
            policy.editable_filter(request.user, ProvisionMapping)
        ).select_related("provision__law", "article__instrument")


class ConceptViewSet(SnippetViewSet):
    model = Concept
    icon = "tag"
    menu_label = _("Concept thesaurus")
    list_display = ["slug"]


class LawsGroup(SnippetViewSetGroup):
    items = (LawViewSet, MappingViewSet, ConceptViewSet)
    menu_icon = "doc-full-inverse"
    menu_label = _("Legislation")
    menu_name = "laws"


register_snippet(LawsGroup)
