"""Every view declares who may open it (`core.access`): public, or signed in. None is left undecided."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from cyberportal.core.access import PUBLIC, SIGNED_IN, access_of

# Views whose access Wagtail itself enforces: its admin (sign-in and permissions), documents (collection
# privacy) and page serving (page privacy settings).
DELEGATED_TO_WAGTAIL = ("wagtail.",)
# Wagtail's admin, documents and page-privacy forms (the last under whatever language prefix is active).
DELEGATED_ROUTES = re.compile(r"^(admin/|documents/|[a-z]{2}/_util/)")


def _walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback


def _module(callback):
    view_class = getattr(callback, "view_class", None)
    return (view_class or callback).__module__


def test_every_view_is_public_or_signed_in():
    undecided = [
        f"{route} -> {_module(callback)}.{getattr(callback, '__name__', callback)}"
        for route, callback in _walk(get_resolver().url_patterns)
        if not _module(callback).startswith(DELEGATED_TO_WAGTAIL)
        and not DELEGATED_ROUTES.match(route)
        and access_of(callback) not in {PUBLIC, SIGNED_IN}
    ]
    assert undecided == [], "views without a declared access:\n" + "\n".join(undecided)


@pytest.mark.parametrize(
    "path", ["/healthz", "/en/", "/en/states/", "/en/instruments/", "/en/accounts/sign-in/"]
)
def test_public_views_open_to_visitors(client, path, db):
    from cyberportal.demo.services import home_pages_load

    home_pages_load()
    assert client.get(path).status_code == 200
