"""The speed-ups go through Wagtail's documented seams only: no tag of Wagtail's registered again, no
Wagtail template replaced under its own name, no route ahead of Wagtail's admin URLs but the sign-in."""

from __future__ import annotations

import inspect
from pathlib import Path

from django.urls import get_resolver
from wagtail.admin.templatetags import wagtailadmin_tags

import cyberportal

PACKAGE = Path(cyberportal.__file__).resolve().parent
WAGTAIL_TEMPLATE_DIRS = ("wagtailadmin", "wagtailsnippets", "wagtailcore", "wagtailusers", "wagtaildocs")


def test_wagtails_admin_tags_are_wagtails_own():
    for name in ("sidebar_props", "keyboard_shortcuts_dialog"):
        tag = wagtailadmin_tags.register.tags[name]
        # A tag registered by the portal would be defined in the portal's package.
        assert not inspect.getsourcefile(inspect.unwrap(tag)).startswith(str(PACKAGE)), name
        assert "cyberportal" not in getattr(tag, "__module__", ""), name


def test_no_wagtail_template_is_replaced_under_its_own_name():
    replaced = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.glob("**/templates/*")
        if path.name in WAGTAIL_TEMPLATE_DIRS
    ]
    assert replaced == []


def test_nothing_is_routed_ahead_of_wagtails_admin():
    ahead = []
    for pattern in get_resolver().url_patterns:
        if getattr(pattern, "urlconf_name", None) is not None and "wagtail.admin.urls" in str(
            getattr(pattern.urlconf_name, "__name__", pattern.urlconf_name)
        ):
            break
        if str(pattern.pattern).startswith("admin/"):
            ahead.append(str(pattern.pattern))
    else:
        raise AssertionError("Wagtail's admin URLs are not routed")
    # Wagtail's sign-in is closed through its own setting instead (accounts.forms.PortalSignInOnlyForm).
    assert ahead == []
