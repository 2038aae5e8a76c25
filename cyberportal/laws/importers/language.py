"""Guess a text's language among the portal's four from its most common function words.

Statutes are long and formulaic, so counting stop words is enough and needs no extra library.
"""

import re
import unicodedata

STOP_WORDS = {
    "es": {"el", "la", "los", "las", "del", "que", "por", "con", "una", "para", "sin", "sistema", "pena", "prisión", "será", "cuando", "datos", "artículo", "ley", "y", "o", "se", "su", "al"},
    "pt": {"o", "os", "as", "do", "da", "dos", "das", "que", "com", "uma", "para", "sem", "pena", "reclusão", "detenção", "quando", "dados", "artigo", "lei", "e", "ou", "se", "ao", "não", "em", "no", "na"},
    "en": {"the", "of", "and", "or", "to", "in", "any", "person", "who", "shall", "without", "be", "is", "by", "with", "for", "computer", "data", "section", "act", "offence", "an", "that"},
    "fr": {"le", "la", "les", "des", "du", "et", "ou", "une", "pour", "sans", "est", "sont", "par", "qui", "dans", "au", "aux", "données", "système", "loi", "peine", "d'un", "l'article"},
}  # fmt: skip


def detect_language(text: str, default: str = "en") -> str:
    words = re.findall(r"[\w']+", unicodedata.normalize("NFC", text.lower()))
    if not words:
        return default
    scores = {lang: sum(1 for w in words if w in stops) for lang, stops in STOP_WORDS.items()}
    best = max(scores, key=lambda lang: scores[lang])
    return best if scores[best] > 0 else default
