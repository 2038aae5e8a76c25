"""Sections of the country profile that later capabilities contribute without `states` importing them.

An app registers a section in its AppConfig.ready(); the profile page asks each section for its context
and renders the ones that have something to show.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ProfileSection:
    key: str
    title: Any  # a lazy translation
    template: str
    context: Callable[..., dict | None]  # (state, user) -> context, or None to hide the section
    order: int = 100


_sections: dict[str, ProfileSection] = {}


def register_profile_section(section: ProfileSection) -> None:
    _sections[section.key] = section


def profile_sections(state, user) -> list[dict]:
    rendered = []
    for section in sorted(_sections.values(), key=lambda s: (s.order, s.key)):
        context = section.context(state, user)
        if context is not None:
            rendered.append(
                {"key": section.key, "title": section.title, "template": section.template, **context}
            )
    return rendered
