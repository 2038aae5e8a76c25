"""The Secretariat defines the indicators in the Wagtail admin (StatisticsConfig.role_permissions gives
no one else a permission on them, so Wagtail shows them to no one else)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from cyberportal.caching.admin_fragments import CachedListing
from cyberportal.core import policy
from cyberportal.core.admin_menu import SiteMenuItem
from cyberportal.core.concurrency import GuardedSnippetViewSet

from .models import Indicator


class IndicatorViewSet(CachedListing, GuardedSnippetViewSet):
    model = Indicator
    icon = "table"
    menu_label = _("Statistics indicators")
    list_display = ["code", "name_en", "category", "measure", "unit", "active"]
    list_filter = ["category", "measure", "active"]
    search_fields = ["code", "name_en", "name_es", "name_pt", "name_fr"]
    add_to_admin_menu = True
    menu_order = 270


register_snippet(IndicatorViewSet)


@hooks.register("register_admin_menu_item")
def returns_menu_item():
    # Returns are filled in and validated on the portal, where the validation rules run.
    return SiteMenuItem(
        _("Statistics returns"),
        "statistics:returns",
        shown_to=policy.can_submit_statistics,
        icon_name="table",
        order=271,
    )
