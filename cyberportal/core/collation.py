"""Ordering by name the way a reader expects it: the Unicode Collation Algorithm, not code points.

State names come from CLDR in the active language, so every list sorts in Python after the query
(SQLite has no collation for accents; a key computed here is the same on SQLite and PostgreSQL).
pyuca's default table (DUCET) orders accents as secondary differences, so "Équateur" sorts among the
E's in French, "Bélgica" with the B's in Spanish, and case never splits a list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TypeVar

from django import forms
from django.db.models import Case, IntegerField, Value, When
from django.forms.models import ModelChoiceIterator

T = TypeVar("T")


@lru_cache(maxsize=1)
def _collator():
    import pyuca  # loads the ~2 MB table once per process, on first use

    return pyuca.Collator()


def collation_key(text: str) -> tuple:
    return _sort_key(str(text or ""))


@lru_cache(maxsize=8192)
def _sort_key(text: str) -> tuple:
    # Pages sort the same few hundred names (states in four languages) on every request; a key costs
    # ~50 µs in pyuca, so 194 states cost 10 ms a page before this cache.
    return _collator().sort_key(text)


def sorted_by_name(items: Iterable[T], name: Callable[[T], str] = lambda item: item.name) -> list[T]:
    """`items` sorted by `name(item)` in the active language's alphabetical order."""
    return sorted(items, key=lambda item: collation_key(name(item)))


def person_key(user) -> tuple:
    """People sort by family name, then given name, then user name, in alphabetical order."""
    return (collation_key(user.last_name), collation_key(user.first_name), collation_key(user.username))


def rank_by_name(field: str, names: dict[str, str]) -> Case:
    """An ORDER BY expression placing rows by the collated `names[value of field]`, for lists that
    the database paginates (the names live in CLDR, not in a column). Unknown values go last."""
    ranked = sorted(names, key=lambda value: collation_key(names[value]))
    return Case(
        *[When(**{field: value}, then=Value(rank)) for rank, value in enumerate(ranked)],
        default=Value(len(ranked)),
        output_field=IntegerField(),
    )


class NameOrderedChoiceIterator(ModelChoiceIterator):
    """A ModelChoiceField's options sorted by their label, the name the reader sees."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from sorted((self.choice(obj) for obj in self.queryset), key=lambda c: collation_key(c[1]))


class NameOrderedModelChoiceField(forms.ModelChoiceField):
    iterator = NameOrderedChoiceIterator


class NameOrderedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    iterator = NameOrderedChoiceIterator
