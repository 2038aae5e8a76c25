"""What changed in the portal between two moments, as capabilities report it: the bulletin's raw material.

A capability registers a `ChangeSource` from its AppConfig.ready(); its `collect(since, until)` returns the
public changes in that window (new and amended laws, treaty events, recommendations, implementation
reports, ...) as plain `Change` rows. Sources read what an anonymous visitor may see, because whatever
they return may be printed in a public bulletin, an Atom feed and e-mail. core names no app: the bulletin
asks `changes_between` and never imports the capabilities that answer.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Change:
    source: str  # the key of the ChangeSource that reported it
    key: str  # stable within the source ("law:12:2026-03-01"): the same change is picked once
    title: str
    summary: str
    url: str  # a path on the portal, or an absolute address
    changed_at: datetime.datetime
    language: str = ""  # BCP 47 code of title and summary when known, so pages can mark it (`lang`)


@dataclass(frozen=True)
class ChangeSource:
    key: str
    label: Any  # a lazy translation from the contributing app
    collect: Callable[[datetime.datetime | None, datetime.datetime], Iterable[Change]]
    order: int = 100


_sources: dict[str, ChangeSource] = {}


def register_change_source(source: ChangeSource) -> None:
    _sources[source.key] = source


def change_sources() -> list[ChangeSource]:
    return sorted(_sources.values(), key=lambda s: (s.order, s.key))


def change_source(key: str) -> ChangeSource | None:
    return _sources.get(key)


def changes_between(since: datetime.datetime | None, until: datetime.datetime) -> list[Change]:
    """Every source's changes in (since, until], newest first within each source, sources in order."""
    changes: list[Change] = []
    for source in change_sources():
        found = sorted(source.collect(since, until), key=lambda c: (c.changed_at, c.key), reverse=True)
        changes += found
    return changes


def in_window(moment, since, until) -> bool:
    """Whether a date or datetime falls in (since, until]; dates count as their midnight, UTC."""
    if moment is None:
        return False
    if not isinstance(moment, datetime.datetime):
        moment = datetime.datetime.combine(moment, datetime.time(), tzinfo=datetime.UTC)
    return (since is None or moment > since) and moment <= until


def as_moment(value) -> datetime.datetime | None:
    if value is None or isinstance(value, datetime.datetime):
        return value
    return datetime.datetime.combine(value, datetime.time(), tzinfo=datetime.UTC)
