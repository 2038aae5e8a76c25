"""The tasks each role finds on its home (the Wagtail dashboard), as capabilities contribute them.

A capability registers, from its AppConfig.ready(), a function that answers a user's tasks in its area
(`register_home_tasks`): a focal point's reports due and contacts due for verification, the
Secretariat's vetting queue and campaigns. Each function runs a fixed number of queries whatever the
data, so the dashboard's cost does not grow with the network. core.wagtail_hooks shows them as one
panel ("Your tasks"), and the moderation flow's own panels beside it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from laces.components import Component


@dataclass(frozen=True)
class HomeTask:
    label: Any  # a (lazy) translated phrase
    count: int
    url: str = ""
    note: Any = ""  # e.g. "oldest: 12 days"
    urgent: bool = False  # shown first and marked when there is something to do


_providers: list[tuple[int, str, Callable[[Any], list[HomeTask]]]] = []


def register_home_tasks(key: str, provider: Callable[[Any], list[HomeTask]], order: int = 100) -> None:
    global _providers
    _providers = [p for p in _providers if p[1] != key] + [(order, key, provider)]
    _providers.sort(key=lambda p: (p[0], p[1]))


def home_tasks(user) -> list[HomeTask]:
    tasks: list[HomeTask] = []
    for _order, _key, provider in _providers:
        tasks += provider(user)
    return tasks


# --- The panels on the Wagtail dashboard (added in core.wagtail_hooks) -------------------------------
# laces components, as Wagtail's own panels are; caching.admin_fragments keeps their HTML per user.


class TasksPanel(Component):
    name = "cyberportal_tasks"
    template_name = "core/admin/home_tasks.html"
    order = 10  # first: before Wagtail's own panels

    def get_context_data(self, parent_context):
        tasks = home_tasks(parent_context["request"].user)
        return {"tasks": sorted(tasks, key=lambda t: not (t.urgent and t.count))}


class ReturnedPanel(Component):
    name = "cyberportal_returned"
    template_name = "core/admin/home_returned.html"
    order = 20

    def get_context_data(self, parent_context):
        from .moderation import returned_comments

        return {"rows": returned_comments(parent_context["request"].user)}


class ReviewQueuePanel(Component):
    name = "cyberportal_review_queue"
    template_name = "core/admin/home_review_queue.html"
    order = 20

    def get_context_data(self, parent_context):
        from babel import Locale
        from django.utils.translation import get_language

        from .moderation import review_queue

        rows = review_queue(parent_context["request"].user)
        territories = Locale.parse((get_language() or "en").split("-")[0]).territories
        for row in rows:
            row["name"] = territories.get(row["code"], row["code"])
        return {"rows": rows}


# --- The portal home (accounts:home): sections that capabilities contribute ----------------------------
# Experts do not use the Wagtail admin: their home is a portal page. Each capability registers, from its
# AppConfig.ready(), a section answering (user) -> context, or None to hide it; each runs a fixed number of
# queries, so the page's cost does not grow with the user's spaces or searches.


@dataclass(frozen=True)
class HomeSection:
    key: str
    title: Any  # a lazy translation
    template: str
    context: Callable[[Any], dict | None]
    order: int = 100


_home_sections: dict[str, HomeSection] = {}


def register_home_section(section: HomeSection) -> None:
    _home_sections[section.key] = section


def home_sections(user) -> list[dict]:
    rendered = []
    for section in sorted(_home_sections.values(), key=lambda s: (s.order, s.key)):
        context = section.context(user)
        if context is not None:
            rendered.append(
                {"key": section.key, "title": section.title, "template": section.template, **context}
            )
    return rendered
