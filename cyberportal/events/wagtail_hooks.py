"""Events in the admin: the Secretariat's alone (EventsConfig.role_permissions), with materials and
participant groups edited inline."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Event


class EventViewSet(SnippetViewSet):
    model = Event
    icon = "date"
    menu_label = _("Events and training")
    list_display = ["title", "kind", "starts_at", "is_example"]
    list_filter = ["kind", "is_example"]
    search_fields = ["title", "city"]
    add_to_admin_menu = True


register_snippet(EventViewSet)
