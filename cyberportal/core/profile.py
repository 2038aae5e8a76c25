"""Sections of the country profile, of an instrument article's page and of the finder's answer that
later capabilities contribute without `states`, `laws` or `directory` importing them.

An app registers a section in its AppConfig.ready(); the page asks each section for its context and
renders the ones that have something to show.
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


@dataclass(frozen=True)
class ArticleSection:
    """A section of an instrument article's page (laws:article), e.g. the states' declarations on it."""

    key: str
    title: Any
    template: str
    context: Callable[..., dict | None]  # (article, user) -> context, or None to hide the section
    order: int = 100


_article_sections: dict[str, ArticleSection] = {}


def register_article_section(section: ArticleSection) -> None:
    _article_sections[section.key] = section


def article_sections(article, user) -> list[dict]:
    rendered = []
    for section in sorted(_article_sections.values(), key=lambda s: (s.order, s.key)):
        context = section.context(article, user)
        if context is not None:
            rendered.append(
                {"key": section.key, "title": section.title, "template": section.template, **context}
            )
    return rendered


@dataclass(frozen=True)
class FinderSection:
    """A part of the finder's answer (directory:finder) that a capability above the directory adds,
    e.g. the requested state's measure sheet and a link to draft the request (cooperation)."""

    key: str
    template: str
    context: Callable[..., dict | None]  # (state, measure, urgency, user) -> context, or None to hide
    order: int = 100


_finder_sections: dict[str, FinderSection] = {}


def register_finder_section(section: FinderSection) -> None:
    _finder_sections[section.key] = section


def finder_sections(state, measure: str, urgency: str, user) -> list[dict]:
    rendered = []
    for section in sorted(_finder_sections.values(), key=lambda s: (s.order, s.key)):
        context = section.context(state, measure, urgency, user)
        if context is not None:
            rendered.append({"key": section.key, "template": section.template, **context})
    return rendered


@dataclass(frozen=True)
class AccountSection:
    """A section of the signed-in user's own profile page (accounts:profile), e.g. their API tokens."""

    key: str
    title: Any
    template: str
    context: Callable[..., dict | None]  # (user) -> context, or None to hide the section
    order: int = 100


_account_sections: dict[str, AccountSection] = {}


def register_account_section(section: AccountSection) -> None:
    _account_sections[section.key] = section


def account_sections(user) -> list[dict]:
    rendered = []
    for section in sorted(_account_sections.values(), key=lambda s: (s.order, s.key)):
        context = section.context(user)
        if context is not None:
            rendered.append(
                {"key": section.key, "title": section.title, "template": section.template, **context}
            )
    return rendered
