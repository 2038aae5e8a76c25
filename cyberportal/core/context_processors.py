"""Template context every page needs: the network's name, the language links, the user's named checks."""

import inspect

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

from . import policy
from .navigation import nav_items


def network_name(language: str | None = None) -> str:
    """The network's name in the interface language, e.g. OAS in English and OEA in Spanish."""
    names = settings.NETWORK_NAMES
    return names.get(language or get_language() or "en") or names.get("en") or names.get("") or ""


class NamedChecks:
    """`can.<name>` in a template answers `policy.can_<name>(user)`: templates ask the policy by name and
    never compare roles. Each answer is computed on first use and kept for the rest of the request."""

    def __init__(self, user):
        self._user = user
        self._answers: dict[str, bool] = {}

    def __getitem__(self, name: str) -> bool:
        if name not in self._answers:
            check = getattr(policy, f"can_{name}", None)
            # Only checks about the user alone: per-record checks need their record, not a template.
            if check is None or len(inspect.signature(check).parameters) != 1:
                raise KeyError(name)
            self._answers[name] = bool(check(self._user))
        return self._answers[name]


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
        # Asked only when a template asks, so pages that never look at the user stay query-free.
        "can": NamedChecks(user),
    }
