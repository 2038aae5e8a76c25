"""What a visitor types into a search box, made safe for every modelsearch backend's query syntax, and
the primary keys it matches as a subquery (ids only, nothing loaded).

modelsearch passes each word of a plain-text query into the engine's own syntax (an FTS5 MATCH string
on SQLite, a raw tsquery on PostgreSQL) without escaping its operators, so a lone `"` or `:` is a syntax
error in the database. Both engines index words only, so keeping only the words loses nothing a search
could have matched, and turns any input into a valid query.
"""

from __future__ import annotations

import re

from django.db.models import BigIntegerField, QuerySet
from django.db.models.functions import Cast
from modelsearch.backends import get_search_backend
from modelsearch.index import SearchField
from modelsearch.query import PlainText

MAX_WORDS = 32  # more words than any real query; bounds the engine's work for a pasted page
MAX_ENGINE_HITS = 1000  # an external engine (OpenSearch) answers with ids: the first this many


def user_query(text: str, *, operator: str = "and") -> PlainText | None:
    """The words of `text` as a modelsearch query, or None when it holds no word (nothing to search)."""
    words = re.findall(r"\w+", text or "")[:MAX_WORDS]
    if not words:
        return None
    return PlainText(" ".join(words), operator=operator)


def matching_pks(queryset: QuerySet, text: str):
    """The primary keys of `queryset`'s rows whose indexed text matches `text`, unranked, as something
    `filter(pk__in=...)` takes: a subquery with the database backends (the database combines it with
    the caller's filters, order and page), a list of at most MAX_ENGINE_HITS ids with an external engine.
    """
    words = user_query(text)
    if words is None:
        return queryset.none().values("pk")
    backend = get_search_backend()
    if _postgres_body_only(backend, queryset.model):
        return _postgres_pks(backend, queryset, words)
    results = backend.search(words, queryset, order_by_relevance=False)
    if hasattr(results, "get_queryset"):  # the database backends (SQLite FTS5, the fallback)
        return results.get_queryset().order_by().values("pk")  # unordered: usable in a UNION
    return [obj.pk for obj in results[:MAX_ENGINE_HITS]]


def _postgres_body_only(backend, model) -> bool:
    """PostgreSQL's backend matches `title || body`: an expression no index covers, so it reads every
    entry of the model. A model without a field named "title" has an empty title vector, and the same
    match on `body` alone uses the GIN index on it."""
    from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend

    if not isinstance(backend, PostgresSearchBackend):
        return False
    return not any(isinstance(f, SearchField) and f.field_name == "title" for f in model.get_search_fields())


def _postgres_pks(backend, queryset: QuerySet, words: PlainText):
    from modelsearch.models import IndexEntry
    from modelsearch.utils import get_descendants_content_types_pks

    compiler = backend.query_compiler_class(queryset, words, order_by_relevance=False)
    tsquery = compiler.build_tsquery(compiler.query, config=backend.config)
    if tsquery is None:
        return queryset.none().values("pk")
    entries = IndexEntry.objects.filter(
        content_type_id__in=get_descendants_content_types_pks(queryset.model), body=tsquery
    )
    # The index keeps ids as text; the cast lets the caller's `pk IN (...)` use the primary key.
    return entries.annotate(object_pk=Cast("object_id", BigIntegerField())).values("object_pk")
