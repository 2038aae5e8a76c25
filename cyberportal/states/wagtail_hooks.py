"""The Secretariat edits states, instruments and organisations in the Wagtail admin (with revisions)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet, SnippetViewSetGroup

from cyberportal.caching.admin_fragments import CachedListing
from cyberportal.core.concurrency import StaleEditGuardMixin

from .models import Instrument, Organisation, State


class GuardedEditView(StaleEditGuardMixin, EditView):
    """Refuses a save made from an outdated copy (two editors on one record)."""


class StateViewSet(CachedListing, SnippetViewSet):
    model = State
    edit_view_class = GuardedEditView
    icon = "site"
    menu_label = _("States")
    list_display = ["code", "name", "alpha3", "network_247_member"]
    list_filter = ["network_247_member"]
    search_fields = ["code", "alpha3"]
    ordering = ["code"]


class InstrumentViewSet(CachedListing, SnippetViewSet):
    model = Instrument
    edit_view_class = GuardedEditView
    icon = "doc-full"
    menu_label = _("Instruments")
    list_display = ["short_name", "reference", "adopted_on"]


class OrganisationViewSet(CachedListing, SnippetViewSet):
    model = Organisation
    edit_view_class = GuardedEditView
    icon = "group"
    menu_label = _("Organisations")
    list_display = ["name", "acronym", "kind"]


class StatesGroup(SnippetViewSetGroup):
    items = (StateViewSet, InstrumentViewSet, OrganisationViewSet)
    menu_icon = "site"
    menu_label = _("States and instruments")
    menu_name = "states"


register_snippet(StatesGroup)
