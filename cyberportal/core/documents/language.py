"""Guess a text's language among the portal's four (es, pt, fr, en): the one detector every importer uses.

Counting frequent function words works on statutes and recommendations alike and needs no library; words
and letters that belong to only one of the four (“não”, “ñ”, “qu'”) break the ties that shared words
(“de”, “la”, “que”) leave between the Romance languages.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

# Frequent words; a word listed for two languages counts for both, so each list also holds the
# words only its language uses.
STOP_WORDS = {
    "es": "el la los las del de que y o en por con una un para sin se su sus al es son será cuando "
    "ley artículo datos sistema pena prisión este esta estos dicho dicha quien cual también "
    "estados",
    "pt": "o a os as do da dos das de que e ou em no na nos nas por com uma um para sem se ao aos "
    "à às é são será quando lei artigo dados sistema pena não pelo pela pelos pelas seu sua "
    "também estados",
    "fr": "le la les des du de et ou une un pour sans est sont par qui dans au aux sur ce cette "
    "ces il elle loi article données système peine être été fait leur également états",
    "en": "the of and or to in any a an person who shall without be is are by with for that this "
    "which it its as on computer data section act offence states have not",
}
WORDS = {lang: set(words.split()) for lang, words in STOP_WORDS.items()}
# Letters and elisions that only one language writes.
MARKS = {
    "es": re.compile(r"ñ|¿|¡|\b(?:ción|ciones)\b"),
    "pt": re.compile(r"[ãõ]|ç[ãõ]o|ções|\bnão\b"),
    "fr": re.compile(r"\b[ldjnqs]'|\bqu'|[èêëîôû]|œ"),
    "en": re.compile(r"\b\w+'s\b|\bshall\b"),
}


def detect_language(text: str, default: str = "en") -> str:
    """The most likely of es, pt, fr, en; `default` when the text gives no evidence."""
    lowered = unicodedata.normalize("NFC", text.lower()).replace("’", "'")
    words = Counter(re.findall(r"\w+", lowered))
    if not words:
        return default
    scores = {lang: sum(words[w] for w in stops) for lang, stops in WORDS.items()}
    for lang, mark in MARKS.items():
        scores[lang] += 2 * len(mark.findall(lowered))
    best = max(scores, key=lambda lang: scores[lang])
    return best if scores[best] > 0 else default
