"""The provider directory in the admin: the Secretariat's alone (ProvidersConfig.role_permissions gives
no one else a permission on it, so Wagtail shows it to no one else)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Provider


class ProviderViewSet(SnippetViewSet):
    model = Provider
    icon = "site"
    menu_label = _("Service providers")
    list_display = ["name", "as_of", "next_due", "is_example"]
    list_filter = ["is_example"]
    search_fields = ["name"]
    add_to_admin_menu = True


register_snippet(ProviderViewSet)
