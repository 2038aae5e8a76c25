"""New wordings an amending article gives another law in one run of text, item by item.

Chile's consolidated texts (and Akoma Ntoso made from them without <mod> markup) print an amending
article as one paragraph: "Introdúcense las siguientes modificaciones a la ley número 12.927: 1) …
2) Sustituir la letra b) del artículo 6° por la siguiente: "b) Los que …"; 3) Reemplazar el artículo 10
por el siguiente: "Artículo 10.- Prohíbese …"". Each item that quotes a whole provision (an article, a
letter, an inciso) is a new wording of the amended law with the amending article as its source; items
that change words inside a provision ("las palabras "…" por las siguientes: "…"") are not.
"""

from __future__ import annotations

import re

from .parsed import Amendment, ParsedProvision

# "a la ley número 12.927", "en la Lei nº 8.072", "du Code pénal", "the Criminal Code".
AMENDED_LAW_RE = re.compile(
    r"\b(ley|lei|loi|law|act|decreto(?:-lei)?|d[ée]cret|decree)\s+(?:n[º°o.]*\s*|n[úu]mero\s+|number\s+|no\.\s*)?"
    r"(\d[\d.\-/]*\d|\d)\b"
    r"|\b(c[óo]digo\s+(?:penal|procesal\s+penal|civil)|code\s+p[ée]nal|criminal\s+code|penal\s+code)\b",
    re.IGNORECASE,
)
# Items "1) …", "2) …" of the article, numbered in sequence.
ITEM_RE = re.compile(r"(?:^|(?<=[\s:;.]))(\d{1,2})\)\s+(?=[A-ZÁÉÍÓÚÑ])")
QUOTES = '"“”«»'
# The item changes words inside a provision, not a provision's wording.
WORDS_RE = re.compile(
    r"\b(palabras?|expresi[óo]n(?:es)?|frases?|t[ée]rminos?|vocablos?|guarismos?|words?|expressions?|"
    r"palavras?|express[õo]es|mots?)\b",
    re.IGNORECASE,
)
INSERT_RE = re.compile(
    r"\b(agr[ée]g|a[ñn]ad|intercal|incorp[óo]r|adicion|acrescent|ajout|insert|add)", re.IGNORECASE
)
REPLACE_RE = re.compile(r"\b(sustitu|reemplaz|reform|modific|substitu|remplac|replac|amend)", re.IGNORECASE)
ARTICLE_RE = re.compile(r"\b(?:art[íi]culo|artigo|article|section)\s+(\d+[A-Za-z]?(?:\s+bis)?)\s*[°º]?", re.I)
LETTER_RE = re.compile(r"\b(?:letra|literal|al[íi]nea|paragraph|paragraphe)\s+([a-z])\)", re.IGNORECASE)
INCISO_RE = re.compile(
    r"\b(inciso|par[áa]grafo|numeral|subsection)\s+(primero|segundo|tercero|cuarto|quinto|sexto|final|[úu]nico|\d+)",
    re.IGNORECASE,
)
LABEL_RE = re.compile(
    r"^\s*(?:art[íi]culo|artigo|article|section)\s+\d+[A-Za-z]?\s*[°º]?\s*\.?\s*[-–—]?\s*", re.I
)


def amended_law(lead: str) -> str:
    """The law named by an amending article's lead-in, as cited: "Ley N° 12.927", "Código penal"."""
    found = AMENDED_LAW_RE.search(lead)
    if found is None:
        return ""
    if found.group(3):
        return found.group(3)[0].upper() + found.group(3)[1:]
    return f"{found.group(1).capitalize()} N° {found.group(2)}"


def _items(text: str) -> list[str]:
    """The numbered items "1) … 2) …" of the text, only while they follow each other."""
    starts, expected = [], 1
    for found in ITEM_RE.finditer(text):
        if int(found.group(1)) == expected:
            starts.append(found)
            expected += 1
    return [
        text[found.end() : starts[i + 1].start() if i + 1 < len(starts) else len(text)].strip()
        for i, found in enumerate(starts)
    ]


def _address(instruction: str) -> str:
    """ "la letra b) del artículo 6°" -> "6 b)"; "el siguiente inciso segundo al artículo 26" ->
    "26 inciso segundo"; "el artículo 10" -> "10"."""
    article = ARTICLE_RE.search(instruction)
    if article is None:
        return ""
    letter = LETTER_RE.search(instruction)
    inciso = INCISO_RE.search(instruction)
    if letter:
        return f"{article.group(1)} {letter.group(1)})"
    if inciso:
        return f"{article.group(1)} {inciso.group(1).lower()} {inciso.group(2).lower()}"
    return article.group(1)


def wordings_in_text(text: str, *, by_index: int, line: int = 0) -> list[Amendment]:
    """The new wordings an amending article's numbered items quote, one Amendment each."""
    first = ITEM_RE.search(text)
    if first is None:
        return []
    target = amended_law(text[: first.start()])
    if not target:
        return []
    found = []
    for item in _items(text):
        opening = next((i for i, char in enumerate(item) if char in QUOTES), None)
        if opening is None:
            continue
        instruction, quoted = item[:opening], item[opening + 1 :]
        action = (
            "insert" if INSERT_RE.search(instruction) else "replace" if REPLACE_RE.search(instruction) else ""
        )
        address = _address(instruction)
        if not action or not address or WORDS_RE.search(instruction):
            continue
        closing = max(quoted.rfind(char) for char in QUOTES)
        wording = LABEL_RE.sub("", quoted[:closing] if closing >= 0 else quoted).strip()
        if not wording:
            continue
        found.append(
            Amendment(
                code_name=target,
                action=action,
                provisions=[ParsedProvision(kind="article", number=address, text=wording, line=line)],
                by_index=by_index,
                article=address,
                line=line,
            )
        )
    return found
