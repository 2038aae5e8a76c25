"""The admin for measure sheets and treaty declarations: a focal point sees and edits only their own
state's (as drafts sent to the Secretariat's review, the workflow laws use); the Secretariat all."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from cyberportal.caching.admin_fragments import CachedListing
from cyberportal.core.admin_scoping import StateRestrictedViewSet, register_state_scoped

from .models import Declaration, MeasureSheet

register_state_scoped(MeasureSheet, Declaration)


class MeasureSheetViewSet(CachedListing, StateRestrictedViewSet):
    model = MeasureSheet
    icon = "list-ul"
    menu_label = _("Measure sheets")
    list_display = ["state", "measure", "can_execute", "as_of", "next_due", "live"]
    list_filter = ["measure", "can_execute", "live"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("state")


class DeclarationViewSet(CachedListing, StateRestrictedViewSet):
    model = Declaration
    icon = "doc-full"
    menu_label = _("Treaty declarations")
    list_display = ["state", "instrument", "article", "kind", "made_on", "live"]
    list_filter = ["kind", "instrument", "live"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("state", "instrument", "article__instrument")


class CooperationGroup(SnippetViewSetGroup):
    items = (MeasureSheetViewSet, DeclarationViewSet)
    menu_icon = "list-ul"
    menu_label = _("Cooperation")
    menu_name = "cooperation"


register_snippet(CooperationGroup)
