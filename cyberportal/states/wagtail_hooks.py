"""The Secretariat edits states, instruments and organisations in the Wagtail admin (with revisions); focal
points propose changes to their own state's treaty status and profile, which the Secretariat reviews (core.moderation)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSetGroup

from cyberportal.caching.admin_fragments import CachedListing
from cyberportal.core.admin_scoping import StateRestrictedViewSet, register_state_scoped
from cyberportal.core.concurrency import GuardedSnippetViewSet

from .models import Instrument, Organisation, State, StateProfileProposal, TreatyStatusProposal
from .selectors import state_name_order

register_state_scoped(TreatyStatusProposal, StateProfileProposal)


class _ByStateName:
    """The state chooser (used by every admin form with a state) lists names in the editor's language
    alphabetically, ordered in the database so its pagination stays right."""

    def apply_object_list_ordering(self, objects):
        return objects.order_by(state_name_order("code"))


class StateChooseView(_ByStateName, ChooseView):
    pass


class StateChooseResultsView(_ByStateName, ChooseResultsView):
    pass


class StateChooserViewSet(SnippetChooserViewSet):
    choose_view_class = StateChooseView
    choose_results_view_class = StateChooseResultsView


class StateIndexView(IndexView):
    """The admin's list of states by name in the editor's language (it was by ISO code: "Brasil,
    Bahamas, Belice"), unless the editor sorts by a column."""

    def order_queryset(self, queryset):
        if not self.request.GET.get("ordering"):
            return queryset.order_by(state_name_order("code"))
        return super().order_queryset(queryset)


class StateViewSet(CachedListing, GuardedSnippetViewSet):
    model = State
    index_view_class = StateIndexView
    icon = "site"
    menu_label = _("States")
    list_display = ["code", Column("name", label=_("Name")), "alpha3", "network_247_member"]
    list_filter = ["network_247_member"]
    search_fields = ["code", "alpha3"]
    ordering = ["code"]
    chooser_viewset_class = StateChooserViewSet


class InstrumentViewSet(CachedListing, GuardedSnippetViewSet):
    model = Instrument
    icon = "doc-full"
    menu_label = _("Instruments")
    list_display = ["__str__", "reference", "adopted_on"]


class OrganisationViewSet(CachedListing, GuardedSnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    list_display = ["name", "acronym", "kind"]


class TreatyStatusProposalViewSet(CachedListing, StateRestrictedViewSet):
    model = TreatyStatusProposal
    icon = "doc-full"
    menu_label = _("Treaty status proposals")
    list_display = ["__str__", "source_url", "live", "applied_at"]
    list_filter = ["status", "live"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("state", "instrument")


class StateProfileProposalViewSet(CachedListing, StateRestrictedViewSet):
    model = StateProfileProposal
    icon = "site"
    menu_label = _("State profile proposals")
    list_display = ["__str__", "source_url", "live", "applied_at"]
    list_filter = ["network_247", "live"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("state")


class StatesGroup(SnippetViewSetGroup):
    items = (
        StateViewSet,
        InstrumentViewSet,
        OrganisationViewSet,
        TreatyStatusProposalViewSet,
        StateProfileProposalViewSet,
    )
    menu_icon = "site"
    menu_label = _("States and instruments")
    menu_name = "states"


register_snippet(StatesGroup)
