"""What a visitor types into a search box, made safe for every modelsearch backend's query syntax.

modelsearch passes each word of a plain-text query into the engine's own syntax (an FTS5 MATCH string
on SQLite, a raw tsquery on PostgreSQL) without escaping its operators, so a lone `"` or `:` is a syntax
error in the database. Both engines index words only, so keeping only the words loses nothing a search
could have matched, and turns any input into a valid query.
"""

from __future__ import annotations

import re

from modelsearch.query import PlainText

MAX_WORDS = 32  # more words than any real query; bounds the engine's work for a pasted page


def user_query(text: str, *, operator: str = "and") -> PlainText | None:
    """The words of `text` as a modelsearch query, or None when it holds no word (nothing to search)."""
    words = re.findall(r"\w+", text or "")[:MAX_WORDS]
    if not words:
        return None
    return PlainText(" ".join(words), operator=operator)
