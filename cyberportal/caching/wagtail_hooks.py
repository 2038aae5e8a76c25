"""The dashboard's panels and summary items go through the admin fragment cache (caching.admin_fragments)."""

from wagtail import hooks

from .admin_fragments import CachedPanel, CachedSummaryItem


@hooks.register("construct_homepage_panels", order=1000)  # after every other hook has added its panels
def cache_homepage_panels(request, panels):
    panels[:] = [panel if isinstance(panel, CachedPanel) else CachedPanel(panel) for panel in panels]


@hooks.register("construct_homepage_summary_items", order=1000)
def cache_homepage_summary_items(request, items):
    items[:] = [item if isinstance(item, CachedSummaryItem) else CachedSummaryItem(item) for item in items]
