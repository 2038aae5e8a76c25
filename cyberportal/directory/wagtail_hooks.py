"""The directory in the Wagtail admin: authorities, contacts and finder rules, with revisions.

The Secretariat edits every state's entries; a focal point sees and edits only their own state's,
because the permission policy below asks core.policy for each record and each list.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import DeleteView, EditView, SnippetViewSet, SnippetViewSetGroup

from cyberportal.core import policy

from .models import Authority, Contact, FinderRule


class StateScopedPermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions, narrowed to the records core.policy lets the user edit."""

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if action in {"change", "delete", "publish", "lock", "unlock"}:
            return policy.can_edit(user, instance)
        if action == "view":
            return policy.can_view(user, instance)
        return True

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.model._default_manager.filter(policy.editable_filter(user, self.model))


for _model in (Authority, Contact, FinderRule):
    register_permission_policy(_model, StateScopedPermissionPolicy(_model), exact_class=True)


class ScopedObjectMixin:
    """Refuse to open another state's record (or a Secretariat-only one) for a focal point."""

    def get_object(self, queryset=None):
        record = super().get_object(queryset)
        if not policy.can_edit(self.request.user, record):
            raise PermissionDenied
        return record


class ScopedEditView(ScopedObjectMixin, EditView):
    pass


class ScopedDeleteView(ScopedObjectMixin, DeleteView):
    pass


class ScopedViewSet(SnippetViewSet):
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView

    def get_queryset(self, request):
        return self.model._default_manager.filter(policy.editable_filter(request.user, self.model))


class AuthorityViewSet(ScopedViewSet):
    model = Authority
    icon = "home"
    menu_label = _("Authorities")
    list_display = ["name", "state", "kind", "visibility"]
    list_filter = ["kind", "visibility"]
    search_fields = ["name", "name_en"]


class ContactViewSet(ScopedViewSet):
    model = Contact
    icon = "user"
    menu_label = _("Contacts")
    list_display = ["name", "authority", "visibility", "next_due"]
    list_filter = ["visibility", "available_247"]
    search_fields = ["name", "title"]


class FinderRuleViewSet(ScopedViewSet):
    model = FinderRule
    icon = "help"
    menu_label = _("Finder rules")
    list_display = ["state", "measure", "urgency", "authority"]
    list_filter = ["measure", "urgency"]


class DirectoryGroup(SnippetViewSetGroup):
    items = (AuthorityViewSet, ContactViewSet, FinderRuleViewSet)
    menu_icon = "user"
    menu_label = _("Directory")
    menu_name = "directory"


register_snippet(DirectoryGroup)
