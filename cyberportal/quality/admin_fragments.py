"""The costly parts of the Wagtail admin's pages, kept per user until a write commits or a minute passes.

Why: profiled under gunicorn, a signed-in admin page spent most of its time rebuilding the same HTML on
every request: the sidebar (every menu item's permission check, then packed as JSON), the dashboard's
panels (the workflow panels alone build several querysets) and a listing's table (a template per cell,
a dropdown of buttons per row). For one user, none of it changes until the data does.

Correctness: the key holds the page cache's data version (quality.pagecache: bumped after every
committed write to any model, so a changed record, permission or group membership shows at once, in
every worker), the user, the interface language and, for listings, the full path with its query. A
fragment also expires after ADMIN_FRAGMENT_SECONDS, which bounds relative times ("5 minutes ago") and
any write that bypasses model signals. A fragment holding a CSRF token is never stored (tokens are per
browser). ADMIN_FRAGMENT_SECONDS = 0 turns it off (the test settings do).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from laces.components import Component
from wagtail.admin.auth import require_admin_access
from wagtail.admin.navigation import get_site_for_user
from wagtail.admin.views.home import HomeView

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


def cache_admin_tags() -> None:
    """Wrap two of Wagtail's template tags that render on every admin page with the fragment cache: the
    sidebar (`{% sidebar_props %}`) and the keyboard shortcuts dialog (about a fifth of a cached listing).

    Wagtail offers no hook for either, so the tags are registered again under their names before any
    admin template is compiled (from the app's ready()).
    """
    from wagtail.admin.templatetags import wagtailadmin_tags

    render_sidebar = wagtailadmin_tags.sidebar_props

    def sidebar_props(context):
        return cached_fragment(context["request"], "sidebar", lambda: render_sidebar(context))

    wagtailadmin_tags.register.simple_tag(sidebar_props, takes_context=True, name="sidebar_props")

    shortcuts_context = wagtailadmin_tags.keyboard_shortcuts_dialog  # the inclusion tag's own function
    shortcuts_template = "wagtailadmin/shared/keyboard_shortcuts_dialog.html"

    def keyboard_shortcuts_dialog(context):
        request = context.get("request")
        if request is None:
            return render_to_string(shortcuts_template, shortcuts_context(context))
        # The dialog names the keys of the visitor's platform (Mac or not), read from the User-Agent.
        platform = "mac" if MAC_AGENT.search(request.headers.get("User-Agent", "")) else "other"
        return cached_fragment(
            request,
            f"keyboard-shortcuts:{platform}",
            lambda: render_to_string(shortcuts_template, shortcuts_context(context)),
        )

    wagtailadmin_tags.register.simple_tag(
        keyboard_shortcuts_dialog, takes_context=True, name="keyboard_shortcuts_dialog"
    )


MAC_AGENT = re.compile(r"Mac|iPod|iPhone|iPad")  # as Wagtail's tag tells the platforms apart


class DashboardView(HomeView):
    """Wagtail's dashboard, looking up the user's site only when the page is rendered in full.

    Wagtail's view finds the user's root page and site (two queries and a tree walk) for every request,
    but only the dashboard's content uses them, and that content usually comes from the fragment cache.
    """

    def get_site_details(self):
        site = SimpleLazyObject(lambda: get_site_for_user(self.request.user))
        return {name: SimpleLazyObject(lambda name=name: site[name]) for name in SITE_DETAILS}


SITE_DETAILS = ("root_page", "root_site", "site_name")


def dashboard_view():
    """The dashboard with the decorators Wagtail gives its own (admin access, the user's language, no
    browser caching); routed at /admin/ ahead of Wagtail's URLs."""
    return never_cache(require_admin_access(DashboardView.as_view()))
