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
    r"|((?:1[89]|20)\d{2})-(\d{2})-(\d{2})"
    # Day first, as Latin America and France write it ("DOU de 24.4.2014"); a four-digit year only.
    r"|(\d{1,2})[./](\d{1,2})[./]((?:1[89]|20)\d{2}))\b",
    re.IGNORECASE,
)
PUBLICATION_RE = re.compile(
    r"publica|gaceta|gazette|diario oficial|journal officiel|\bdof\b|\bdou\b|\bg\.\s?o\.", re.I
)
IN_FORCE_RE = re.compile(r"vigor|vig[êe]ncia|rige|comes? into (?:force|operation)|in force", re.I)
ENACTMENT_RE = re.compile(
    r"dado|dada|promulg|sancion|assent|enacted|fait à|donn[ée]|bras[íi]lia|m[ée]xico, d|expido|"
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
# The day may repeat in figures ("seis (6) días") and a PDF's text layer may split the month ("a gosto").
WORD_DATE_RE = re.compile(
    r"\b([a-z]+(?:\s+y\s+[a-z]+)?)\s+(?:\(\d{1,2}\)\s+)?dias?\s+del\s+mes\s+de\s+([a-z]+(?:\s[a-z]+)?)\s+"
    r"(?:de|del)\s+(?:ano\s+)?"
    r"((?:dos\s+mil|mil\s+(?:novecientos|ochocientos))(?:\s+(?:y\s+)?[a-z]+){0,2})"
)


def number_in_words(words: str) -> int | None:
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
        day, month = number_in_words(m.group(1)), MONTHS.get(m.group(2).replace(" ", ""))
        year_words = m.group(3).split()
        # The year's words stop where its number does ("… veintidós. EJECÚTESE").
        while year_words and number_in_words(" ".join(year_words)) is None:
            year_words.pop()
        year = number_in_words(" ".join(year_words))
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
            elif m.group(7):
                found.append(datetime.date(int(m.group(7)), int(m.group(8)), int(m.group(9))))
            else:
                found.append(datetime.date(int(m.group(12)), int(m.group(11)), int(m.group(10))))
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


# Where a heading's title ends and the gazette's reference starts: "… Procedimiento Administrativo. G. O.
# No. 10722 del 8 de agosto de 2013."
GAZETTE_REFERENCE_RE = re.compile(
    r"[.,;]\s+((?:G\.\s?O\.|gaceta oficial|diario oficial|journal officiel|official gazette|publicad[oa]\b).*)$",
    re.IGNORECASE,
)


def _title_from_identifier_line(front: list[tuple[int, str]], match: re.Match) -> tuple[str, str]:
    """A heading that opens with the law's own citation and goes on to name it ("Ley No. 107-13 sobre los
    Derechos de las Personas … / … Procedimiento Administrativo. G. O. No. 10722 del 8 de agosto / de
    2013."): the title joined over its printed lines up to its full stop, and the gazette reference."""
    for i, (number, line) in enumerate(front):
        if not line.lstrip().startswith(match.group(0)):
            continue
        rest = line.lstrip()[len(match.group(0)) :].strip()
        if len(rest.split()) < 3 or not re.match(r"^[a-záéíóúç]", rest):  # "sobre…", "que crea…", "de…"
            return "", ""
        words, previous = [line.strip()], number
        for following, text in front[i + 1 : i + 6]:
            if following != previous + 1 or re.search(r"\.\s*$", words[-1]):
                break
            words.append(text.strip())
            previous = following
        joined = re.sub(r"\s+", " ", " ".join(words)).strip()
        gazette = GAZETTE_REFERENCE_RE.search(joined)
        title = joined[: gazette.start()] if gazette else joined
        return title.strip().rstrip("."), (gazette.group(1).strip().rstrip(".") if gazette else "")
    return "", ""


def _title_after_formula(heading: list[str]) -> str:
    """The title printed after the enacting formula ("DECRETA:") over several broken lines, joined."""
    for i, text in enumerate(heading):
        if re.fullmatch(r"(d\s?e\s?c\s?r\s?e\s?t\s?a|decreta con fuerza de ley)\s*:?", fold(text).strip()):
            rest = heading[i + 1 :]
            if 1 < len(rest) <= 8:
                return re.sub(r"\s+", " ", " ".join(rest)).strip()
    return ""


def _paragraphs(lines: list[tuple[int, str]]) -> list[str]:
    """Lines joined into the paragraphs they were printed in (a gap in line numbers is a blank line): a
    promulgation formula breaks its date over lines ("a los tres (03) / días del mes de abril…")."""
    paragraphs: list[list[str]] = []
    previous = None
    for number, line in lines:
        if previous is None or number != previous + 1:
            paragraphs.append([])
        paragraphs[-1].append(line.strip())
        previous = number
    return [" ".join(words) for words in paragraphs]


# What the words nearest before a date say it is. A chamber's approval ("DADA en la Sala de Sesiones…",
# "Aprobado el…") is neither enactment nor publication: the promulgation that follows is the enactment.
DATE_KINDS = (
    ("published", PUBLICATION_RE),
    ("in_force", IN_FORCE_RE),
    ("approved", re.compile(r"sala de (?:sesiones|la comisi)|\baprobad[oa]\b|\bapproved\b", re.I)),
    ("enacted", ENACTMENT_RE),
)


def _date_kind(before: str, *, end_matter: bool) -> str:
    """The kind whose words come last before the date: "para su debida publicación y observancia, expido
    la presente Ley … a los cinco días" is the enactment, "publicada en el Diario Oficial el 10 de…" the
    publication."""
    best, where = "", -1
    for kind, pattern in DATE_KINDS:
        for found in pattern.finditer(before):
            if found.start() > where:
                best, where = kind, found.start()
    return best or ("enacted" if end_matter else "")


# Commonwealth revised editions print the date of commencement alone in square brackets under the long
# title ("[5th January, 1998.]"; OCR often reads the closing bracket as "1" or "l").
COMMENCEMENT_RE = re.compile(r"^\s*\[\s*([^\[\]]{6,40}?\d{4})\s*\.?\s*[\]1lI|]?\s*$")


def _dates_from(lines: list[tuple[int, str]], dates: dict, *, end_matter: bool) -> None:
    if not end_matter:
        for _number, line in lines:
            bracketed = COMMENCEMENT_RE.match(line)
            for date, _start in _dated(bracketed.group(1))[:1] if bracketed else ():
                dates.setdefault("in_force", date)
        lines = [(n, line) for n, line in lines if not COMMENCEMENT_RE.match(line)]
    for paragraph in _paragraphs(lines):
        for date, start in _dated(paragraph):
            kind = _date_kind(paragraph[max(0, start - 300) : start], end_matter=end_matter)
            if kind and kind != "approved":
                dates.setdefault(kind, date)


def _dated(text: str) -> list[tuple[datetime.date, int]]:
    """The dates of `text` with where each starts, in order."""
    found = []
    for m in WORD_DATE_RE.finditer(fold(text)):
        found.extend((date, m.start()) for date in _dates_in_words(m.group(0)))
    for m in DATE_RE.finditer(text):
        found.extend((date, m.start()) for date in find_dates(m.group(0)))
    return sorted(found, key=lambda item: item[1])


def _title(law: ParsedLaw, front: list[tuple[int, str]], match: re.Match | None) -> None:
    """The title from the heading: the law's name before or after its citation, the title printed after
    the enacting formula, or else the longest descriptive line."""
    heading = [text for _n, text in front]
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
    cited, gazette = _title_from_identifier_line(front, match) if match else ("", "")
    if cited:
        law.title, named = cited[:500], True
        if gazette:
            law.extra.setdefault("gazette", gazette[:300])
    decreed = _title_after_formula(heading)
    if decreed and not named and len(decreed) > len(law.title or ""):
        law.title = decreed[:500]


def apply_identity(
    law: ParsedLaw,
    *,
    front: list[tuple[int, str]],
    end: list[tuple[int, str]],
    metadata: dict,
    title: str = "",
    running: list[tuple[int, str]] = (),
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
    _title(law, front, match)
    if not law.number:
        # Costa Rica's gazette prints the law's number alone above the enacting body ("10224").
        bare = next((re.fullmatch(r"(?:n[º°o.]*\s*)?(\d{3,6})", fold(t)) for t in heading[:1]), None)
        if bare:
            law.number = bare.group(1)
    dates: dict[str, datetime.date] = {}
    _dates_from(front, dates, end_matter=False)
    _dates_from(end, dates, end_matter=True)
    _dates_from(list(running), dates, end_matter=False)  # a gazette's running header: its date
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
