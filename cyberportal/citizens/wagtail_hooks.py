"""The admin for reporting guides: a focal point sees and edits only their own state's guide (a draft sent
to the Secretariat's review); the Secretariat every state's."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet

from cyberportal.caching.admin_fragments import CachedListing
from cyberportal.core.admin_scoping import StateRestrictedViewSet, register_state_scoped

from .models import ReportingGuide

register_state_scoped(ReportingGuide)


class ReportingGuideViewSet(CachedListing, StateRestrictedViewSet):
    model = ReportingGuide
    icon = "help"
    menu_label = _("Reporting pages for citizens")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["state", "reporting_url", "phone", "as_of", "next_due", "live"]
    list_filter = ["live", "is_example"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("state")


register_snippet(ReportingGuideViewSet)
