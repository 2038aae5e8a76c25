"""Cursor (keyset) pagination for the API's lists: stable under inserts, no OFFSET scans, no counts.

A cursor names the ordering it was made for, the sort value of the last record returned and that
record's id; the next page starts strictly after that pair. Cursors are signed, so a value typed by hand
never reaches a query (where a text compared with a number column would fail in the database). Sort keys are never null (nullable fields
are ordered through a Coalesce), so the comparison "(key, id) > (value, id)" holds in SQL and in Python.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.core import signing
from django.db.models import F, Q, QuerySet
from ninja.errors import HttpError

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
KEY = "_cursor_key"
SALT = "cyberportal.api.cursor"


@dataclass(frozen=True)
class Order:
    """One ordering a list offers: a database expression (for querysets) or a function (for lists)."""

    expression: Any = None  # e.g. F("identifier"), Coalesce("year", 0)
    key: Callable[[Any], Any] | None = None  # e.g. lambda state: state.code

    @classmethod
    def field(cls, path: str) -> Order:
        return cls(expression=F(path))


def _plain(value):
    return value.isoformat() if isinstance(value, datetime.date | datetime.datetime) else value


def _encode(order: str, value, pk: int) -> str:
    return signing.dumps({"o": order, "k": _plain(value), "i": pk}, salt=SALT, compress=True)


def _decode(cursor: str, order: str) -> tuple[Any, int]:
    try:
        data = signing.loads(cursor, salt=SALT)
        value, pk, made_for = data["k"], int(data["i"]), data["o"]
    except (signing.BadSignature, ValueError, TypeError, KeyError):
        raise HttpError(400, "cursor: not a cursor this API gave; start again without it") from None
    if made_for != order:
        raise HttpError(400, f"cursor: made for ordering '{made_for}', not '{order}'; start again without it")
    return value, pk


def _next_url(request, cursor: str) -> str:
    query = request.GET.copy()
    query["cursor"] = cursor
    return request.build_absolute_uri(request.path) + "?" + urlencode(sorted(query.lists()), doseq=True)


def paginate(request, items, *, orders: dict[str, Order], ordering: str, cursor: str | None, limit: int):
    """One page of `items` (a queryset or a list) as {"results": [...], "next": url or None}."""
    name = ordering.removeprefix("-")
    if name not in orders:
        offered = ", ".join(sorted(orders) + sorted(f"-{o}" for o in orders))
        raise HttpError(400, f"ordering: '{ordering[:40]}' is not one of {offered}")
    descending = ordering.startswith("-")
    limit = max(1, min(MAX_LIMIT, limit))
    after = _decode(cursor, ordering) if cursor else None
    spec = orders[name]
    if isinstance(items, QuerySet):
        page = _from_queryset(items, spec, descending, after, limit)
        key_of = lambda item: getattr(item, KEY)  # noqa: E731
    else:
        page = _from_list(items, spec, descending, after, limit)
        key_of = spec.key
    more = len(page) > limit
    page = page[:limit]
    next_cursor = _encode(ordering, key_of(page[-1]), page[-1].pk) if more else None
    return {"results": page, "next": _next_url(request, next_cursor) if next_cursor else None}


def _from_queryset(queryset, spec: Order, descending: bool, after, limit: int) -> list:
    sign = "-" if descending else ""
    queryset = queryset.annotate(**{KEY: spec.expression}).order_by(f"{sign}{KEY}", f"{sign}pk")
    if after is not None:
        value, pk = after
        lookup = "lt" if descending else "gt"
        queryset = queryset.filter(Q(**{f"{KEY}__{lookup}": value}) | Q(**{KEY: value, f"pk__{lookup}": pk}))
    return list(queryset[: limit + 1])


def _from_list(items, spec: Order, descending: bool, after, limit: int) -> list:
    rows = sorted(items, key=lambda item: (spec.key(item), item.pk), reverse=descending)
    if after is not None:
        value, pk = after
        if descending:
            rows = [r for r in rows if (_plain(spec.key(r)), r.pk) < (value, pk)]
        else:
            rows = [r for r in rows if (_plain(spec.key(r)), r.pk) > (value, pk)]
    return rows[: limit + 1]
