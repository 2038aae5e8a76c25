"""The bulletin in the admin: issues and subscribers are the Secretariat's (BulletinConfig.role_permissions
gives no one else a permission on them); contributions are state-scoped drafts a focal point sends to the
Secretariat's review, as measure sheets are."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cyberportal.core.admin_scoping import StateRestrictedViewSet, register_state_scoped
from cyberportal.core.concurrency import GuardedSnippetViewSet

from .models import Contribution, Issue, Subscriber

register_state_scoped(Contribution)


class IssueViewSet(GuardedSnippetViewSet):  # refuses a save made from an outdated copy
    model = Issue
    icon = "mail"
    menu_label = _("Issues")
    list_display = ["number", "title", "live", "first_published_at", "send_requested_at", "is_example"]
    list_filter = ["live", "is_example"]
    search_fields = ["title", "editorial"]


class ContributionViewSet(StateRestrictedViewSet):
    model = Contribution
    icon = "doc-full"
    menu_label = _("Contributions")
    list_display = ["state", "title", "language", "live", "created_at"]
    list_filter = ["live", "language"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("state")


class SubscriberViewSet(SnippetViewSet):
    model = Subscriber
    icon = "user"
    menu_label = _("Subscribers")
    list_display = ["email", "language", "status", "hard_bounces", "confirmed_at"]
    list_filter = ["status", "language"]
    search_fields = ["email"]


class BulletinGroup(SnippetViewSetGroup):
    items = (IssueViewSet, ContributionViewSet, SubscriberViewSet)
    menu_icon = "mail"
    menu_label = _("Bulletin")
    menu_name = "bulletin"


register_snippet(BulletinGroup)
