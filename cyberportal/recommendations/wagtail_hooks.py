"""The Secretariat edits meetings, recommendations and reports in the Wagtail admin, with revisions."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from cyberportal.caching.admin_fragments import CachedListing
from cyberportal.core import policy
from cyberportal.core.admin_menu import SiteMenuItem
from cyberportal.core.admin_scoping import StateRestrictedViewSet, register_state_scoped
from cyberportal.core.concurrency import GuardedSnippetViewSet

from .models import Body, ImplementationReport, Meeting, Recommendation, TimelineEntry

# Reports belong to a state: the admin shows each only to whoever core.policy lets edit it.
register_state_scoped(ImplementationReport)


class MeetingViewSet(CachedListing, GuardedSnippetViewSet):
    model = Meeting
    icon = "date"
    menu_label = _("Meetings")
    list_display = ["__str__", "year", "place", "symbol"]
    list_filter = ["body"]


class RecommendationViewSet(CachedListing, GuardedSnippetViewSet):
    model = Recommendation
    icon = "list-ol"
    menu_label = _("Recommendations")
    list_display = ["__str__", "language"]
    list_filter = ["meeting", "themes", "addressees"]


class ReportViewSet(CachedListing, StateRestrictedViewSet):
    model = ImplementationReport
    icon = "tasks"
    menu_label = _("Implementation reports")
    list_display = ["__str__", "status", "review_status", "as_of"]
    list_filter = ["status", "review_status"]


class BodyViewSet(CachedListing, GuardedSnippetViewSet):
    model = Body
    icon = "group"
    menu_label = _("Bodies")


class TimelineEntryViewSet(CachedListing, GuardedSnippetViewSet):
    model = TimelineEntry
    icon = "history"
    menu_label = _("Timeline of the process")
    list_display = ["year", "date", "__str__"]
    search_fields = ["text"]


class RecommendationsGroup(SnippetViewSetGroup):
    items = (MeetingViewSet, RecommendationViewSet, ReportViewSet, BodyViewSet, TimelineEntryViewSet)
    menu_icon = "list-ol"
    menu_label = _("Recommendations")
    menu_name = "recommendations"


register_snippet(RecommendationsGroup)


@hooks.register("register_admin_menu_item")
def importer_menu_item():
    # The importer and its preview live on the site (they need the Secretariat role, checked there too);
    # other editors would only meet a refusal behind this item, so they do not see it.
    return SiteMenuItem(
        _("Import recommendations"),
        "recommendations:import",
        shown_to=policy.can_import_recommendations,
        icon_name="upload",
        order=260,
    )
