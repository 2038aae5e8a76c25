"""Find a statute's identity (title, identifier, number, year, type, dates) in its front matter, headings and
promulgation formula. What cannot be found stays empty so that the editor is asked: never a placeholder."""

from __future__ import annotations

import datetime
import re
import unicodedata

from .parsed import ParsedLaw

IDENTIFIER_RE = re.compile(
    r"\b((?:ley|lei|law|loi|decreto(?:-lei)?|decree|d[ée]cret|act)\s+(?:n[º°o.]*\s*|n[úu]m\.?\s*|no\.\s*|number\s+)?"
    r"(\d[\d.\-/]*\d|\d+)(?:\s*(?:de|of|du|,\s*de)\s+(?:\d{1,2}\s+de\s+\w+\s+de\s+)?(\d{4}))?)",
    re.IGNORECASE,
)
# A law named in the front matter after these words is the one this law amends or repeals, not itself.
OTHER_LAW_RE = re.compile(
    r"(modific|derog|reform|sustitu|abrog|amend|repeal|revoga|altera|remplac|\bde\s+la\s*$|\bdel?\s*$|"
    r"\bda\s*$|\bof\s+the\s*$|\bla\s*$|\bthe\s*$)",
    re.IGNORECASE,
)
TITLE_YEAR_RE = re.compile(r"\b(?:act|ley|lei|loi|code|c[óo]digo)\b[^\n]{0,80}?,?\s+((?:19|20)\d{2})\b", re.I)
MONTHS = {
    # es, pt, fr, en
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
    "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    "janeiro": 1, "fevereiro": 2, "marco": 3, "maio": 5, "junho": 6, "julho": 7, "setembro": 9,
    "outubro": 10, "novembro": 11, "dezembro": 12,
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "aout": 8,
    "octobre": 10, "novembre": 11, "decembre": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
}  # fmt: skip
DATE_RE = re.compile(
    r"\b(?:(\d{1,2})(?:º|°|o|er|st|nd|rd|th)?\s+(?:de\s+)?([a-zà-ü]+),?\s+(?:de\s+|del\s+)?((?:1[89]|20)\d{2})"
    r"|([a-z]+)\s+(\d{1,2}),\s+((?:1[89]|20)\d{2})"
    r"|((?:1[89]|20)\d{2})-(\d{2})-(\d{2}))\b",
    re.IGNORECASE,
)
PUBLICATION_RE = re.compile(r"publica|gaceta|gazette|diario oficial|journal officiel|\bdof\b|\bdou\b", re.I)
IN_FORCE_RE = re.compile(r"vigor|vig[êe]ncia|rige|comes? into (?:force|operation)|in force", re.I)
ENACTMENT_RE = re.compile(
    r"dado|dada|promulg|sancion|assent|enacted|fait à|donn[ée]|bras[íi]lia|m[ée]xico, d|sala de sesiones|"
    r"santiago|lima|bogot[áa]|\ba\s+\d{1,2}\s+de\b|^\w[\w .]+,\s+\d",
    re.I,
)
# Keys of YAML front matter in open-law repositories (es/pt/fr/en), folded to ASCII.
META_KEYS = {
    "title": ("title", "titulo", "titre", "nombre", "name"),
    "number": ("number", "numero", "no", "num"),
    "identifier": ("identifier", "identificador", "id", "cita", "citation"),
    "type": ("type", "tipo", "kind"),
    "year": ("year", "ano", "annee"),
    "language": ("language", "lang", "idioma", "langue", "lingua"),
    "source": ("source", "fuente", "fonte", "url", "source_url"),
    "enactment": ("enactment", "enacted", "fecha", "promulgacion", "fecha_promulgacion", "data"),
    "publication": ("publication", "published", "publicacion", "fecha_publicacion", "publicacao"),
    "in_force": ("in_force", "vigencia", "entrada_en_vigor", "vigor", "commencement"),
}
LAW_TYPES = {
    "ley": "act", "lei": "act", "loi": "act", "act": "act", "law": "act", "decreto": "decree",
    "decree": "decree", "decret": "decree", "decreto-lei": "decree", "codigo": "code", "code": "code",
    "bill": "bill", "proyecto": "bill", "reglamento": "regulation", "regulation": "regulation",
}  # fmt: skip


def fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


NUMBER_WORDS = {
    "un": 1, "uno": 1, "primero": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7,
    "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15,
    "dieciseis": 16, "diecisiete": 17, "dieciocho": 18, "diecinueve": 19, "veinte": 20, "veintiun": 21,
    "veintiuno": 21, "veintidos": 22, "veintitres": 23, "veinticuatro": 24, "veinticinco": 25,
    "veintiseis": 26, "veintisiete": 27, "veintiocho": 28, "veintinueve": 29, "treinta": 30,
    "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90,
    "novecientos": 900, "ochocientos": 800,
}  # fmt: skip
# Spanish promulgation formulas write the date in words: "a los cinco días del mes de mayo del año dos
# mil veintidós" (Costa Rica, Guatemala, Honduras…).
WORD_DATE_RE = re.compile(
    r"\b([a-z]+(?:\s+y\s+[a-z]+)?)\s+dias?\s+del\s+mes\s+de\s+([a-z]+)\s+(?:de|del)\s+(?:ano\s+)?"
    r"((?:dos\s+mil|mil\s+(?:novecientos|ochocientos))(?:\s+(?:y\s+)?[a-z]+){0,2})"
)


def _number_in_words(words: str) -> int | None:
    total, current = 0, 0
    for word in words.split():
        if word == "y":
            continue
        if word == "mil":
            total += (current or 1) * 1000
            current = 0
        elif word in NUMBER_WORDS:
            current += NUMBER_WORDS[word]
        else:
            return None
    return total + current


def _dates_in_words(text: str) -> list[datetime.date]:
    found = []
    for m in WORD_DATE_RE.finditer(fold(text)):
        day, month = _number_in_words(m.group(1)), MONTHS.get(m.group(2))
        year_words = m.group(3).split()
        # The year's words stop where its number does ("… veintidós. EJECÚTESE").
        while year_words and _number_in_words(" ".join(year_words)) is None:
            year_words.pop()
        year = _number_in_words(" ".join(year_words))
        try:
            if day and month and year:
                found.append(datetime.date(year, month, day))
        except ValueError:
            continue
    return found


def find_dates(text: str) -> list[datetime.date]:
    """Every calendar date written in `text` in es/pt/fr/en or ISO form, in order."""
    found = _dates_in_words(text)
    for m in DATE_RE.finditer(text):
        try:
            if m.group(1):
                month = MONTHS.get(fold(m.group(2)))
                if month:
                    found.append(datetime.date(int(m.group(3)), month, int(m.group(1))))
            elif m.group(4):
                month = MONTHS.get(fold(m.group(4)))
                if month:
                    found.append(datetime.date(int(m.group(6)), month, int(m.group(5))))
            else:
                found.append(datetime.date(int(m.group(7)), int(m.group(8)), int(m.group(9))))
        except ValueError:
            continue  # "31 de febrero": not a date, so not a guess either
    return found


def _meta(metadata: dict, field: str) -> str:
    folded = {fold(str(k)).replace(" ", "_"): v for k, v in metadata.items()}
    for key in META_KEYS[field]:
        value = folded.get(key)
        if value not in (None, ""):
            return str(value).strip()
    return ""


def _own_identifier(lines: list[str]) -> re.Match | None:
    """The first law named in the heading that is not a law this one amends or repeals."""
    for line in lines:
        for match in IDENTIFIER_RE.finditer(line):
            before = line[max(0, match.start() - 60) : match.start()]
            if not OTHER_LAW_RE.search(before):
                return match
    return None


def _title_after_formula(heading: list[str]) -> str:
    """The title printed after the enacting formula ("DECRETA:") over several broken lines, joined."""
    for i, text in enumerate(heading):
        if re.fullmatch(r"(d\s?e\s?c\s?r\s?e\s?t\s?a|decreta con fuerza de ley)\s*:?", fold(text).strip()):
            rest = heading[i + 1 :]
            if 1 < len(rest) <= 8:
                return re.sub(r"\s+", " ", " ".join(rest)).strip()
    return ""


def _dates_from(lines: list[tuple[int, str]], dates: dict, *, end_matter: bool) -> None:
    for _number, line in lines:
        for date in find_dates(line):
            if PUBLICATION_RE.search(line):
                key = "published"
            elif IN_FORCE_RE.search(line):
                key = "in_force"
            elif end_matter or ENACTMENT_RE.search(line):
                key = "enacted"
            else:
                continue
            dates.setdefault(key, date)


def apply_identity(
    law: ParsedLaw,
    *,
    front: list[tuple[int, str]],
    end: list[tuple[int, str]],
    metadata: dict,
    title: str = "",
) -> None:
    """Fill the law's identity from front matter metadata first, then its heading and end matter."""
    heading = [text for _n, text in front]
    match = _own_identifier(heading)
    if match:
        law.identifier = re.sub(r"\s+", " ", match.group(1)).strip().rstrip(",.")
        # "Lei nº 12.965/14": the number without the year written after the slash.
        law.number = re.sub(r"/\d{2,4}$", "", match.group(2))
        if match.group(3):
            law.year = int(match.group(3))
        law.law_type = LAW_TYPES.get(fold(match.group(1).split()[0]), "act")
    if any(re.match(r"^(a\s+)?bill\b", fold(text)) for text in heading[:12]):
        law.law_type = "bill"
    candidates = [
        text
        for text in heading[:10]
        if not (law.identifier and fold(text) == fold(law.identifier))
        and not text.startswith(("(", "["))
        and not re.match(
            r"^(be it )?enacted\b|.*\b(decreta|ha dado la ley|sanciono a seguinte)\b", fold(text)
        )
        and len(text.split()) > 1
    ]
    named = False
    if candidates:
        # The long descriptive line ("Por medio de la cual se modifica...") rather than "DECRETA:".
        law.title = max(candidates, key=len)[:500]
    if match:
        # "MARCO CIVIL DA INTERNET (MCI) – LEI 12.965/14": the name printed before the law's number.
        line = next(text for text in heading if match.group(0) in text)
        name = re.sub(r"\s*(\([A-Z]{2,10}\))?\s*[–—-]\s*$", "", line[: line.index(match.group(0))]).strip()
        if len(name.split()) >= 2 and re.search(r"[–—-]\s*$", line[: line.index(match.group(0))]):
            law.title = name[:500]
            named = True
    decreed = _title_after_formula(heading)
    if decreed and not named and len(decreed) > len(law.title or ""):
        law.title = decreed[:500]
    if not law.number:
        # Costa Rica's gazette prints the law's number alone above the enacting body ("10224").
        bare = next((re.fullmatch(r"(?:n[º°o.]*\s*)?(\d{3,6})", fold(t)) for t in heading[:1]), None)
        if bare:
            law.number = bare.group(1)
    dates: dict[str, datetime.date] = {}
    _dates_from(front, dates, end_matter=False)
    _dates_from(end, dates, end_matter=True)
    _apply_metadata(law, metadata, dates)
    if title:
        law.title = title
    if law.year is None:
        found = TITLE_YEAR_RE.search(law.title or "")
        if found:
            law.year = int(found.group(1))
    if law.year is None:
        # The year of its own enactment or publication; never the current year.
        first = dates.get("enacted") or dates.get("published")
        law.year = first.year if first else None
    law.dates = dict(sorted(dates.items()))


def _apply_metadata(law: ParsedLaw, metadata: dict, dates: dict) -> None:
    if not metadata:
        return
    law.title = _meta(metadata, "title")[:500] or law.title
    law.identifier = _meta(metadata, "identifier")[:120] or law.identifier
    law.number = _meta(metadata, "number") or law.number
    kind = fold(_meta(metadata, "type")).split(" ")[0]
    if kind in LAW_TYPES:
        law.law_type = LAW_TYPES[kind]
    year = _meta(metadata, "year")
    if year.isdigit():
        law.year = int(year)
    law.source_url = _meta(metadata, "source")
    language = fold(_meta(metadata, "language"))[:2]
    if language in {"es", "pt", "fr", "en"}:
        law.language = language
        law.language_from_metadata = True
    for key, field_ in (("enacted", "enactment"), ("published", "publication"), ("in_force", "in_force")):
        found = find_dates(_meta(metadata, field_))
        if found:
            dates[key] = found[0]
    if law.identifier and not law.number:
        match = IDENTIFIER_RE.search(law.identifier.replace(":", " "))
        law.number = match.group(2) if match else ""
    if law.year is None and law.title:
        match = IDENTIFIER_RE.search(law.title)
        if match and match.group(3):
            law.year = int(match.group(3))
        if match and not law.number:
            law.number = match.group(2)
