"""The admin for national links: a focal point sees and edits only their own state's (drafts sent to the
Secretariat's review); the Secretariat all. The checker's last finding is shown beside each link."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet

from cyberportal.caching.admin_fragments import CachedListing
from cyberportal.core.admin_scoping import StateRestrictedViewSet, register_state_scoped

from .models import NationalLink

register_state_scoped(NationalLink)


class NationalLinkViewSet(CachedListing, StateRestrictedViewSet):
    model = NationalLink
    icon = "link"
    menu_label = _("National links")
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["title", "state", "kind", "url", "check_status", "live"]
    list_filter = ["kind", "live"]
    search_fields = ["title", "url"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("state", "last_check")


register_snippet(NationalLinkViewSet)
