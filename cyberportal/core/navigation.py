"""Main-menu entries that capabilities contribute from their AppConfig.ready(), in a stable order."""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class NavItem:
    key: str
    label: Any  # a lazy translation from the contributing app
    url_name: str
    order: int = 100
    signed_in_only: bool = False


_items: dict[str, NavItem] = {}


def register_nav_item(item: NavItem) -> None:
    _items[item.key] = item


def nav_items() -> list[NavItem]:
    return sorted(_items.values(), key=lambda i: (i.order, i.key))
