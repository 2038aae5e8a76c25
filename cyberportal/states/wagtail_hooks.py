"""The Secretariat edits states, instruments and organisations in the Wagtail admin (with revisions)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from cyberportal.caching.admin_fragments import CachedListing
from cyberportal.core.concurrency import GuardedSnippetViewSet

from .models import Instrument, Organisation, State


class StateViewSet(CachedListing, GuardedSnippetViewSet):
    model = State
    icon = "site"
    menu_label = _("States")
    list_display = ["code", "name", "alpha3", "network_247_member"]
    list_filter = ["network_247_member"]
    search_fields = ["code", "alpha3"]
    ordering = ["code"]


class InstrumentViewSet(CachedListing, GuardedSnippetViewSet):
    model = Instrument
    icon = "doc-full"
    menu_label = _("Instruments")
    list_display = ["short_name", "reference", "adopted_on"]


class OrganisationViewSet(CachedListing, GuardedSnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    list_display = ["name", "acronym", "kind"]


class StatesGroup(SnippetViewSetGroup):
    items = (StateViewSet, InstrumentViewSet, OrganisationViewSet)
    menu_icon = "site"
    menu_label = _("States and instruments")
    menu_name = "states"


register_snippet(StatesGroup)
