"""Template context every page needs: the network's name, the user's role, the language links."""

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

from . import policy
from .navigation import nav_items


def network_name(language: str | None = None) -> str:
    """The network's name in the interface language, e.g. OAS in English and OEA in Spanish."""
    names = settings.NETWORK_NAMES
    return names.get(language or get_language() or "en") or names.get("en") or names.get("") or ""


def portal(request):
    path = request.get_full_path()
    languages = [
        {"code": code, "name": get_language_info(code)["name_local"], "url": translate_url(path, code)}
        for code, _name in settings.LANGUAGES
    ]
    user = getattr(request, "user", None)
    return {
        "SITE_NAME": settings.SITE_NAME,
        "NETWORK_NAME": network_name(),
        "language_links": languages,
        "nav_items": nav_items(),
        # Called only when a template asks, so pages that never look at the user stay query-free.
        "user_role": lambda: policy.role_of(user),
    }
