"""The admin for laws, mappings and the thesaurus: focal points see and edit only their own state's
laws (as drafts sent to the Secretariat's workflow); the Secretariat edits and publishes everything."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from cyberportal.caching.admin_fragments import CachedListing
from cyberportal.core.admin_scoping import StateRestrictedViewSet, register_state_scoped
from cyberportal.core.concurrency import GuardedSnippetViewSet

from . import services
from .models import Concept, Law, ProvisionMapping

register_state_scoped(Law, ProvisionMapping)


class LawViewSet(CachedListing, StateRestrictedViewSet):
    model = Law
    icon = "doc-full-inverse"
    menu_label = _("Laws")
    list_display = ["identifier", "title", "state", "status", "year", "live"]
    list_filter = ["status", "law_type", "live"]
    # No search_fields: Law is indexed, and naming fields makes the SQLite FTS backend fail
    # ("no such column: identifier"); the index already searches identifier and titles.

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("state")


class MappingViewSet(CachedListing, StateRestrictedViewSet):
    model = ProvisionMapping
    icon = "link"
    menu_label = _("Mappings")
    list_display = ["provision", "article", "extent", "reviewed_at"]
    list_filter = ["extent"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("provision__law", "article__instrument")


class ConceptViewSet(CachedListing, GuardedSnippetViewSet):
    model = Concept
    icon = "tag"
    menu_label = _("Concept thesaurus")
    list_display = ["slug"]


class LawsGroup(SnippetViewSetGroup):
    items = (LawViewSet, MappingViewSet, ConceptViewSet)
    menu_icon = "doc-full-inverse"
    menu_label = _("Legislation")
    menu_name = "laws"


register_snippet(LawsGroup)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def refresh_concept_matches(request, instance):
    """An edited law's provisions, or an edited concept's labels: search's concept matches follow.
    (A law's published revision is handled by the `published` signal, see apps.py.)"""
    if isinstance(instance, Law):
        services.provision_concepts_refresh(provisions=instance.provisions.all())
    elif isinstance(instance, Concept):
        services.provision_concepts_refresh(concepts=[instance.pk])
