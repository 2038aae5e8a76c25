"""The costly parts of the Wagtail admin's pages, kept per user until a write commits or a minute passes.

Why: profiled under gunicorn, a signed-in admin page spent most of its time rebuilding the same HTML on
every request: the dashboard's panels (the workflow panels alone build several querysets) and a
listing's table (a template per cell, a dropdown of buttons per row). For one user, none of it changes
until the data does.

Only through Wagtail's documented seams: the dashboard's panels and summary items are wrapped in the
`construct_homepage_*` hooks (wagtail_hooks.py), and our own snippet viewsets take `CachedListing`,
whose index template (under our name) extends Wagtail's. Wagtail's own tags and templates are left alone.

Correctness: the key holds the page cache's data version (caching.pagecache: bumped after every
committed write to any model, so a changed record, permission or group membership shows at once, in
every worker), the user, the interface language and, for listings, the full path with its query. A
fragment also expires after ADMIN_FRAGMENT_SECONDS, which bounds relative times ("5 minutes ago") and
any write that bypasses model signals. A fragment holding a CSRF token is never stored (tokens are per
browser). ADMIN_FRAGMENT_SECONDS = 0 turns it off (the test settings do).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from laces.components import Component

from .pagecache import current_version


def fragment_seconds() -> int:
    return int(getattr(settings, "ADMIN_FRAGMENT_SECONDS", 0))


def data_version_for(user) -> int | None:
    """The data version, read once per request: kept on the request's user object, which Django loads
    afresh for every request (as it keeps the user's permissions there). None if it cannot be read."""
    if not hasattr(user, "_data_version"):
        try:
            user._data_version = current_version()
        except DatabaseError:
            user._data_version = None
    return user._data_version


def fragment_key(request, name: str, *parts: str) -> str | None:
    user = getattr(request, "user", None)
    if not fragment_seconds() or user is None or not user.is_authenticated:
        return None
    version = data_version_for(user)
    if version is None:
        return None
    digest = hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:32]
    return f"admin-fragment:{version}:{user.pk}:{get_language()}:{name}:{digest}"


def cached_fragment(request, name: str, render: Callable[[], str], *parts: str) -> str:
    """`render()`'s HTML, from the cache when this user's fragment is current."""
    key = fragment_key(request, name, *parts)
    if key is None:
        return render()
    html = cache.get(key)
    if html is None:
        html = render()
        if "csrfmiddlewaretoken" not in html:
            cache.set(key, str(html), fragment_seconds())
    return mark_safe(html)  # noqa: S308 - HTML the admin's own templates rendered


class CachedPanel(Component):
    """A dashboard panel whose HTML is kept by `cached_fragment`; its order and media are the panel's."""

    def __init__(self, panel):
        self.panel = panel
        self.name = getattr(panel, "name", type(panel).__name__)
        self.order = getattr(panel, "order", 0)

    @property
    def media(self):
        return self.panel.media

    def render_html(self, parent_context=None):
        request = parent_context["request"]
        return cached_fragment(request, f"panel:{self.name}", lambda: self.panel.render_html(parent_context))


class CachedSummaryItem(Component):
    """A dashboard summary item (pages, documents, images) whose permission check and HTML are kept."""

    def __init__(self, item):
        self.item = item
        self.request = item.request
        self.order = getattr(item, "order", 100)
        self.name = type(item).__name__

    @property
    def media(self):
        return self.item.media

    def is_shown(self):
        shown = cached_fragment(
            self.request, f"summary-shown:{self.name}", lambda: "1" if self.item.is_shown() else ""
        )
        return shown == "1"

    def render_html(self, parent_context=None):
        return cached_fragment(
            self.request, f"summary:{self.name}", lambda: self.item.render_html(parent_context)
        )


class CachedListing:
    """For our SnippetViewSets (put it first among the bases): the index page's header (breadcrumbs,
    search, filters) and results are kept per user, full path and data version, through an index
    template under our own name that extends Wagtail's (`index_template_name`, a documented attribute)."""

    index_template_name = "caching/admin/snippet_index.html"
