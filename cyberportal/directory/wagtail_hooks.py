"""The directory in the Wagtail admin: authorities, contacts and finder rules, with revisions.

The Secretariat edits every state's entries; a focal point sees and edits only their own state's,
because core.admin_scoping asks core.policy for each record and each list.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from cyberportal.caching.admin_fragments import CachedListing
from cyberportal.core.admin_scoping import StateRestrictedViewSet, register_state_scoped

from .models import Authority, Contact, FinderRule

register_state_scoped(Authority, Contact, FinderRule)


class AuthorityViewSet(CachedListing, StateRestrictedViewSet):
    model = Authority
    icon = "home"
    menu_label = _("Authorities")
    list_display = ["name", "state", "kind", "visibility"]
    list_filter = ["kind", "visibility"]
    search_fields = ["name", "name_en"]


class ContactViewSet(CachedListing, StateRestrictedViewSet):
    model = Contact
    icon = "user"
    menu_label = _("Contacts")
    list_display = ["name", "authority", "visibility", "next_due"]
    list_filter = ["visibility", "available_247"]
    search_fields = ["name", "title"]


class FinderRuleViewSet(CachedListing, StateRestrictedViewSet):
    model = FinderRule
    icon = "help"
    menu_label = _("Finder rules")
    list_display = ["state", "measure", "urgency", "authority"]
    list_filter = ["measure", "urgency"]


class DirectoryGroup(SnippetViewSetGroup):
    items = (AuthorityViewSet, ContactViewSet, FinderRuleViewSet)
    menu_icon = "user"
    menu_label = _("Directory")
    menu_name = "directory"


register_snippet(DirectoryGroup)
